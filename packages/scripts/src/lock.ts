import { randomUUID } from "node:crypto";
import { assertKey, luaScript, type RedisConnection } from "@redis-interface/core";
import { runLua } from "./run.js";
import type { LockOptions, LockResult } from "./types.js";
import { assertIntegerAtLeast, invalid } from "./validate.js";

/** KEYS[1] lock; ARGV[1] owner token. Deletes the lock only if the token still owns it. Returns 1 or 0. */
const RELEASE = luaScript(`-- releaseLock-1
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`);

/** KEYS[1] lock; ARGV[1] owner token, ARGV[2] new TTL in ms. PEXPIRE only if the token still owns it. Returns 1 or 0. */
const EXTEND = luaScript(`-- extendLock-1
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`);

const DEFAULT_RETRY_DELAY_MS = 50;
const DEFAULT_MAX_RETRY_DELAY_MS = 1_000;

function assertToken(token: unknown, operation: string, key: string): asserts token is string {
  if (typeof token !== "string" || token === "") throw invalid(operation, key, "token must be a non-empty string");
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
function backoff(attempt: number, first: number, max: number): number {
  const delay = Math.min(max, first * 2 ** Math.min(attempt, 30));
  return delay / 2 + Math.random() * (delay / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Releases a lock atomically, only if `token` still owns it: one script doing GET, compare, DEL
 * (the original's get-then-delete could delete a lock someone else had taken in between).
 * @returns true when this call deleted the lock; false when it expired or another token owns it.
 * @throws RedisError `INVALID_ARGUMENT`, `WRONG_TYPE` (the key is not a string), and the pool's errors.
 */
export async function releaseLock(connection: RedisConnection, key: string, token: string): Promise<boolean> {
  assertKey(key, "releaseLock");
  assertToken(token, "releaseLock", key);
  const reply = await runLua(connection, { operation: "releaseLock", mode: "evalsha", script: RELEASE, keys: [key], args: [token], decode: "raw" });
  return reply === 1;
}

/**
 * Sets a lock's TTL to `ttlMs` atomically, only if `token` still owns it: one script doing GET,
 * compare, PEXPIRE.
 * @returns true when extended; false when it expired or another token owns it.
 * @throws RedisError `INVALID_ARGUMENT`, `WRONG_TYPE`, and the pool's errors.
 */
export async function extendLock(connection: RedisConnection, key: string, token: string, ttlMs: number): Promise<boolean> {
  assertKey(key, "extendLock");
  assertToken(token, "extendLock", key);
  assertIntegerAtLeast(ttlMs, 1, "extendLock", key, "ttlMs");
  const reply = await runLua(connection, { operation: "extendLock", mode: "evalsha", script: EXTEND, keys: [key], args: [token, ttlMs], decode: "raw" });
  return reply === 1;
}

/**
 * Takes a lock: `SET key token PX ttlMs NX` with a random owner token (`crypto.randomUUID`),
 * retried with exponential backoff and jitter (from `retryDelayMs`, at most `maxRetryDelayMs`)
 * until `waitMs` has passed (default 0: a single try). The last try happens at the deadline.
 * @returns `{ acquired: true, token, release(), extend(ttlMs) }` or `{ acquired: false }`.
 * @throws RedisError `INVALID_ARGUMENT` (bad key or options, before any I/O), and the pool's errors.
 */
export async function acquireLock(connection: RedisConnection, key: string, options: LockOptions): Promise<LockResult> {
  const operation = "acquireLock";
  assertKey(key, operation);
  if (typeof options !== "object" || options === null) throw invalid(operation, key, "options { ttlMs } are required");
  const { ttlMs, waitMs = 0, retryDelayMs = DEFAULT_RETRY_DELAY_MS, maxRetryDelayMs = DEFAULT_MAX_RETRY_DELAY_MS } = options;
  assertIntegerAtLeast(ttlMs, 1, operation, key, "ttlMs");
  assertIntegerAtLeast(waitMs, 0, operation, key, "waitMs");
  assertIntegerAtLeast(retryDelayMs, 1, operation, key, "retryDelayMs");
  assertIntegerAtLeast(maxRetryDelayMs, 1, operation, key, "maxRetryDelayMs");

  const token = randomUUID();
  const redisKey = connection.keys.key(key);
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const reply = await connection.execute(operation, key, (client) => client.set(redisKey, token, "PX", ttlMs, "NX"));
    if (reply === "OK") {
      return {
        acquired: true,
        token,
        release: () => releaseLock(connection, key, token),
        extend: (newTtlMs: number) => extendLock(connection, key, token, newTtlMs),
      };
    }
    const left = deadline - Date.now();
    if (left <= 0) return { acquired: false };
    await sleep(Math.min(left, backoff(attempt, retryDelayMs, maxRetryDelayMs)));
  }
}
