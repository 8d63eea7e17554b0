import type { RedisClient } from "./connection.js";
import { RedisError } from "./errors.js";

/**
 * Connects an ioredis client created with `lazyConnect` and waits until it is ready.
 * @throws RedisError `CONNECTION_FAILED` when the client gives up reconnecting or is not ready
 * within `timeoutMs`; the last connection error is the cause.
 */
export function connectClient(client: RedisClient, timeoutMs: number, operation: string): Promise<void> {
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
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      client.off("ready", onReady);
      client.off("end", onEnd);
      client.off("error", onError);
    };
    client.on("ready", onReady);
    client.on("end", onEnd);
    client.on("error", onError);
    client.connect().catch((error: Error) => {
      lastError = error;
    });
  });
}
