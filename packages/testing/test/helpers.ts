import { connect } from "node:net";
import { Redis } from "ioredis";

/** True once `pid` no longer exists (ESRCH). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Resolves "refused" | "accepted" | "timeout" for one TCP connection attempt. */
export function tryConnect(port: number, host = "127.0.0.1", timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done("timeout"), timeoutMs);
    socket.once("connect", () => done("accepted"));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED" ? "refused" : String(error.code)));
  });
}

/** A client that never reconnects and fails fast, for probing a server in tests. */
export function strictClient(port: number, host = "127.0.0.1"): Redis {
  const client = new Redis({
    host,
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  client.on("error", () => undefined);
  return client;
}

/** Resolves to `value` after `ms` milliseconds (for Promise.race against a reply). */
export function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
