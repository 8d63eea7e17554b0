import { randomUUID } from "node:crypto";
import { assertKey, luaScript, type RedisConnection } from "@redis-interface/core";
import { runLua } from "./run.js";
import type { RateLimitOptions, RateLimitResult } from "./types.js";
import { assertIntegerAtLeast, invalid } from "./validate.js";

/**
 * Sliding-window limiter on a sorted set of admitted calls scored by the server's time in ms.
 * KEYS[1] the window; ARGV[1] limit, ARGV[2] window in ms, ARGV[3] a unique member id.
 * Returns { allowed (1/0), remaining, retryAfterMs }.
 */
const SLIDING_WINDOW = luaScript(`-- rateLimit-1
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local retry = window
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
if retry < 1 then retry = 1 end
return {0, 0, retry}`);

/**
 * Admits at most `limit` calls per sliding `windowMs` for `key`, atomically in one script:
 * TIME (the server's clock, so clients with skewed clocks agree), ZREMRANGEBYSCORE of calls older
 * than the window, ZCARD, and if under the limit ZADD of a unique member and PEXPIRE windowMs.
 * Denied calls are not counted.
 * @returns `{ allowed, remaining, retryAfterMs }` (`retryAfterMs` 0 when allowed).
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `WRONG_TYPE` (the key is not a sorted
 *   set), and the pool's errors.
 */
export async function rateLimit(connection: RedisConnection, key: string, options: RateLimitOptions): Promise<RateLimitResult> {
  const operation = "rateLimit";
  assertKey(key, operation);
  if (typeof options !== "object" || options === null) throw invalid(operation, key, "options { limit, windowMs } are required");
  assertIntegerAtLeast(options.limit, 1, operation, key, "limit");
  assertIntegerAtLeast(options.windowMs, 1, operation, key, "windowMs");
  const reply = (await runLua(connection, {
    operation,
    mode: "evalsha",
    script: SLIDING_WINDOW,
    keys: [key],
    args: [options.limit, options.windowMs, randomUUID()],
    decode: "raw",
  })) as [number, number, number];
  return { allowed: reply[0] === 1, remaining: reply[1], retryAfterMs: reply[2] };
}
