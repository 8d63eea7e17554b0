import type { RedisClient } from "./connection.js";
import { RedisError } from "./errors.js";

/**
 * Connects an ioredis client created with `lazyConnect` and waits until it is ready.
 * @param signal aborting it stops waiting at once (another connection of the pool failed).
 * @throws RedisError `CONNECTION_FAILED` when the client gives up reconnecting, is not ready
 * within `timeoutMs`, or `signal` aborts (the last connection error is the cause);
 * `INVALID_CONFIGURATION` naming `db` when Redis refused the handshake's SELECT (ioredis reports
 * that only as an `error` event and becomes ready on database 0, where every write would land).
 */
export function connectClient(client: RedisClient, timeoutMs: number, operation: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    let selectRefused: Error | undefined;
    const fail = (why: string) => {
      cleanup();
      const detail = lastError ? `${why}: ${lastError.message}` : why;
      reject(new RedisError("CONNECTION_FAILED", { operation, message: `cannot connect to Redis (${detail})`, cause: lastError }));
    };
    const onReady = () => {
      cleanup();
      if (selectRefused === undefined) {
        resolve();
        return;
      }
      client.disconnect();
      reject(new RedisError("INVALID_CONFIGURATION", { operation, message: `db: Redis refused to SELECT the configured database (${replyText(selectRefused)})` }));
    };
    const onEnd = () => fail("gave up reconnecting");
    const onError = (error: Error) => {
      lastError = error;
      if (isSelectReply(error)) selectRefused = error;
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

/** A reply error to the handshake's SELECT (ioredis attaches the command it answered). */
function isSelectReply(error: Error): boolean {
  const command = (error as { command?: { name?: unknown } }).command;
  return error.name === "ReplyError" && typeof command?.name === "string" && command.name.toLowerCase() === "select";
}

/** The server's reply text (`ERR DB index is out of range`), which names no secret. */
function replyText(error: Error): string {
  return error.message.split("\n")[0] ?? "";
}
