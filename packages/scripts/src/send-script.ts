import { RedisError, isRedisError, type RedisCommand, type RedisConnection } from "@redis-interface/core";

/**
 * Error replies that say something about the server, not about the script: they keep their
 * `COMMAND_FAILED` code instead of becoming `SCRIPT_FAILED`.
 */
const SERVER_STATE_REPLIES = new Set(["BUSY", "LOADING", "READONLY", "OOM", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "MISCONF", "NOAUTH", "NOPERM", "NOSCRIPT"]);

/**
 * A Lua error (runtime error, compile error, `redis.error_reply`) becomes `SCRIPT_FAILED` with
 * Redis's message and reply code; `WRONG_TYPE`, server-state replies and the pool's errors stay.
 */
export function scriptError(error: unknown): unknown {
  if (!isRedisError(error, "COMMAND_FAILED")) return error;
  if (error.replyCode !== undefined && SERVER_STATE_REPLIES.has(error.replyCode)) return error;
  const cause: unknown = error.cause;
  const message = cause instanceof Error ? cause.message : error.message;
  return new RedisError("SCRIPT_FAILED", { operation: error.operation, key: error.key, message, cause: error, replyCode: error.replyCode });
}

/**
 * Sends a script command (`scriptCommand`: EVALSHA, EVAL on NOSCRIPT) through `connection`,
 * with Lua errors mapped to `SCRIPT_FAILED`.
 * @throws RedisError `SCRIPT_FAILED`, and whatever `connection.send` throws.
 */
export function sendScript<R>(connection: RedisConnection, operation: string, command: RedisCommand<R>): Promise<R> {
  return connection.send(operation, command).catch((error: unknown) => {
    throw scriptError(error);
  });
}
