import type { RedisConnection } from "@redis-interface/core";
import type { RedisScripts } from "./api.js";
import * as cas from "./compare-and-set.js";
import { defineScript } from "./define.js";
import { evaluateRedisScript } from "./evaluate.js";
import * as lock from "./lock.js";
import { rateLimit } from "./rate-limit.js";

/**
 * The script surface on a connection: a pool, a `withKeyPrefix` view or a tenant view.
 * Holds no state of its own; create it once and share it.
 */
export function scripts(connection: RedisConnection): RedisScripts {
  const c = connection;
  return {
    evaluateRedisScript: (script, keys, args, options) => evaluateRedisScript(c, script, keys, args, options),
    defineScript: (definition) => defineScript(c, definition),

    acquireLock: (key, options) => lock.acquireLock(c, key, options),
    releaseLock: (key, token) => lock.releaseLock(c, key, token),
    extendLock: (key, token, ttlMs) => lock.extendLock(c, key, token, ttlMs),

    rateLimit: (key, options) => rateLimit(c, key, options),

    compareAndSet: (key, expectedVersion, value) => cas.compareAndSet(c, key, expectedVersion, value),
    getVersioned: (key) => cas.getVersioned(c, key),
  };
}
