import type { RedisClient } from "./connection.js";
import { RedisError } from "./errors.js";

/**
 * Connects an ioredis client created with `lazyConnect` and waits until it is ready.
 * @param signal aborting it stops waiting at once (another connection of the pool failed).
 * @throws RedisError `CONNECTION_FAILED` when the client gives up reconnecting, is not ready
 * within `timeoutMs`, or `signal` aborts; the last connection error is the cause.
 */
export function connectClient(client: RedisClient, timeoutMs: number, operation: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const fail = (why: string) => {
      cleanup();
      const detail = lastError ? `${why}: ${lastError.message}` : why;
      reject(new RedisError("CONNECTION_FAILED", { operation, message: `cannot connect to Redis (${detail})`, cause: lastError }));
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onEnd = () => fail("gave up reconnecting");
    const onError = (error: Error) => {
      lastError = error;
    };
    const onAbort = () => fail("another connection of the pool failed");
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      client.off("ready", onReady);
      client.off("end", onEnd);
      client.off("error", onError);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort);
    client.on("ready", onReady);
    client.on("end", onEnd);
    client.on("error", onError);
    client.connect().catch((error: Error) => {
      lastError = error;
    });
  });
}
