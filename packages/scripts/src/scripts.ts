import { bindOperations, type BoundOperations, type RedisConnection } from "@redis-interface/core";
import { compareAndSet, getVersioned } from "./compare-and-set.js";
import { defineScript } from "./define.js";
import { evaluateRedisScript } from "./evaluate.js";
import { acquireLock, extendLock, releaseLock } from "./lock.js";
import { rateLimit } from "./rate-limit.js";

/** Every public function of the package, as an operation of the connection. */
const operations = {
  evaluateRedisScript,
  defineScript,
  acquireLock,
  releaseLock,
  extendLock,
  rateLimit,
  compareAndSet,
  getVersioned,
};

/**
 * Lua scripts on a connection (a pool, a `withKeyPrefix` view or a tenant view): the functions
 * of `operations`, bound. Every KEYS element goes through the view's prefix. Every failure is a
 * `RedisError`: `INVALID_ARGUMENT` for bad input and `CROSS_SLOT` for keys in several cluster
 * slots (both before any I/O), `SCRIPT_FAILED` for a Lua error (with Redis's message and
 * `replyCode`), `WRONG_TYPE`, and the pool's `CONNECTION_FAILED`, `COMMAND_TIMEOUT`,
 * `BACKPRESSURE`, `CLOSED`.
 */
export type RedisScripts = BoundOperations<typeof operations>;

/**
 * The script functions bound to `connection`: a pool, a `withKeyPrefix` view or a tenant view.
 * Sends nothing and holds no state of its own; create it once and share it.
 */
export function scripts(connection: RedisConnection): RedisScripts {
  return bindOperations(connection, operations);
}
