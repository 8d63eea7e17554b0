import { randomUUID } from "node:crypto";
import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertName, assertNonNegativeInteger, assertPositiveInteger, optionsObject } from "@redis-interface/core/internal";
import { EXTEND_LOCK, RELEASE_LOCK, SET_LOCK } from "./commands/lock.js";
import { sendScript } from "./send-script.js";
import type { LockOptions, LockResult } from "./types.js";

const DEFAULT_RETRY_DELAY_MS = 50;
const DEFAULT_MAX_RETRY_DELAY_MS = 1_000;
const LOCK_OPTIONS: readonly (keyof LockOptions)[] = ["ttlMs", "waitMs", "retryDelayMs", "maxRetryDelayMs"];

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
 * Sends `EVALSHA` of the release script (`EVAL` on NOSCRIPT).
 * @returns true when this call deleted the lock; false when it expired or another token owns it.
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `WRONG_TYPE` (the key is not a string), and the pool's errors.
 */
export const releaseLock =
  (connection: RedisConnection) =>
  async (key: string, token: string): Promise<boolean> => {
    assertKey(key, "releaseLock");
    assertName(token, "releaseLock", key, "token");
    return sendScript(connection, "releaseLock", RELEASE_LOCK(key, token));
  };

/**
 * Sets a lock's TTL to `ttlMs` atomically, only if `token` still owns it: one script doing GET,
 * compare, PEXPIRE. Sends `EVALSHA` of the extend script (`EVAL` on NOSCRIPT).
 * @returns true when extended; false when it expired or another token owns it.
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `WRONG_TYPE`, and the pool's errors.
 */
export const extendLock =
  (connection: RedisConnection) =>
  async (key: string, token: string, ttlMs: number): Promise<boolean> => {
    assertKey(key, "extendLock");
    assertName(token, "extendLock", key, "token");
    assertPositiveInteger(ttlMs, "extendLock", key, "ttlMs");
    return sendScript(connection, "extendLock", EXTEND_LOCK(key, token, ttlMs));
  };

/**
 * Takes a lock: `SET key token PX ttlMs NX` with a random owner token (`crypto.randomUUID`),
 * retried with exponential backoff and jitter (from `retryDelayMs`, at most `maxRetryDelayMs`)
 * until `waitMs` has passed (default 0: a single try). The last try happens at the deadline.
 * @returns `{ acquired: true, token, release(), extend(ttlMs) }` or `{ acquired: false }`.
 * @throws RedisError `INVALID_ARGUMENT` (bad key or options, unknown option names; before any I/O),
 *   `WRONG_TYPE`, and the pool's errors.
 */
export const acquireLock =
  (connection: RedisConnection) =>
  async (key: string, options: LockOptions): Promise<LockResult> => {
    const operation = "acquireLock";
    assertKey(key, operation);
    const { ttlMs, waitMs = 0, retryDelayMs = DEFAULT_RETRY_DELAY_MS, maxRetryDelayMs = DEFAULT_MAX_RETRY_DELAY_MS } = optionsObject(options, LOCK_OPTIONS, operation, key);
    assertPositiveInteger(ttlMs, operation, key, "ttlMs");
    assertNonNegativeInteger(waitMs, operation, key, "waitMs");
    assertPositiveInteger(retryDelayMs, operation, key, "retryDelayMs");
    assertPositiveInteger(maxRetryDelayMs, operation, key, "maxRetryDelayMs");

    const token = randomUUID();
    const command = SET_LOCK(key, token, ttlMs);
    const deadline = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      if (await connection.send(operation, command)) {
        return {
          acquired: true,
          token,
          release: () => releaseLock(connection)(key, token),
          extend: (newTtlMs: number) => extendLock(connection)(key, token, newTtlMs),
        };
      }
      const left = deadline - Date.now();
      if (left <= 0) return { acquired: false };
      await sleep(Math.min(left, backoff(attempt, retryDelayMs, maxRetryDelayMs)));
    }
  };
