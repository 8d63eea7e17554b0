import { luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";
import type { RateLimitResult } from "../types.js";

/**
 * Sliding-window limiter on a sorted set of admitted calls scored by the server's time in ms.
 * KEYS[1] the window; ARGV[1] limit, ARGV[2] window in ms, ARGV[3] a unique member id.
 * Returns { allowed (1/0), remaining, retryAfterMs }.
 */
export const SLIDING_WINDOW_SCRIPT = luaScript(`-- rateLimit-1
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

function rateLimitResult(reply: unknown): RateLimitResult {
  const [allowed, remaining, retryAfterMs] = reply as [number, number, number];
  return { allowed: allowed === 1, remaining, retryAfterMs };
}

/**
 * The sliding-window script for one call: `member` makes the admitted call's entry unique.
 * Its reply `[allowed, remaining, retryAfterMs]` becomes `{ allowed, remaining, retryAfterMs }`.
 */
export function RATE_LIMIT(key: string, limit: number, windowMs: number, member: string): RedisCommand<RateLimitResult> {
  return scriptCommand(SLIDING_WINDOW_SCRIPT, [key], [limit, windowMs, member], rateLimitResult);
}
