import { randomUUID } from "node:crypto";
import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertPositiveInteger, optionsObject } from "@redis-interface/core/internal";
import { RATE_LIMIT } from "./commands/rate-limit.js";
import { sendScript } from "./send-script.js";
import type { RateLimitOptions, RateLimitResult } from "./types.js";

const RATE_LIMIT_OPTIONS: readonly (keyof RateLimitOptions)[] = ["limit", "windowMs"];

/**
 * Admits at most `limit` calls per sliding `windowMs` for `key`, atomically in one script
 * (`EVALSHA`, `EVAL` on NOSCRIPT): TIME (the server's clock, so clients with skewed clocks agree),
 * ZREMRANGEBYSCORE of calls older than the window, ZCARD, and if under the limit ZADD of a unique
 * member and PEXPIRE windowMs. Denied calls are not counted.
 * @returns `{ allowed, remaining, retryAfterMs }` (`retryAfterMs` 0 when allowed).
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `WRONG_TYPE` (the key is not a sorted
 *   set), and the pool's errors.
 */
export const rateLimit =
  (connection: RedisConnection) =>
  async (key: string, options: RateLimitOptions): Promise<RateLimitResult> => {
    const operation = "rateLimit";
    assertKey(key, operation);
    const { limit, windowMs } = optionsObject(options, RATE_LIMIT_OPTIONS, operation, key);
    assertPositiveInteger(limit, operation, key, "limit");
    assertPositiveInteger(windowMs, operation, key, "windowMs");
    return sendScript(connection, operation, RATE_LIMIT(key, limit, windowMs, randomUUID()));
  };
