import { Redis } from "ioredis";

/**
 * Sends one command over a fresh, short-lived connection (no retries, 2 s timeouts), so a
 * helper's own probe never hangs on a dead or frozen process.
 * @param password sent with AUTH when given.
 * @returns the reply.
 * @throws whatever ioredis throws (refused connection, timeout, error reply).
 */
export async function queryOnce(port: number, command: string, args: readonly string[], password?: string): Promise<unknown> {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableReadyCheck: false,
    ...(password === undefined ? {} : { password }),
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return await client.call(command, [...args]);
  } finally {
    client.disconnect();
  }
}
