import type { RedisConnection } from "@redis-interface/core";
import { assertKey } from "@redis-interface/core/internal";
import { assertTtl, assertTtlMs } from "./checks.js";
import { EXPIRE, EXPIREAT, PERSIST, PEXPIRE, PEXPIREAT, PTTL, TTL } from "./commands/ttl.js";
import { keyOperation } from "./key-operation.js";

/**
 * `EXPIRE key seconds`.
 * @returns true when the key exists (and now expires), false when it does not (not an error).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a TTL that is not a positive integer, before any I/O; the pool's errors.
 */
export const setExpiry =
  (connection: RedisConnection) =>
  async (key: string, seconds: number): Promise<boolean> => {
    assertKey(key, "setExpiry");
    assertTtl(seconds, "setExpiry", key);
    return connection.send("setExpiry", EXPIRE(key, seconds));
  };

/**
 * `EXPIREAT key unixSeconds` (a time in the past deletes the key, as in Redis).
 * @returns true when the key exists.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a timestamp that is not a positive integer, before any I/O; the pool's errors.
 */
export const setExpireAt =
  (connection: RedisConnection) =>
  async (key: string, unixSeconds: number): Promise<boolean> => {
    assertKey(key, "setExpireAt");
    assertTtl(unixSeconds, "setExpireAt", key, "timestamp");
    return connection.send("setExpireAt", EXPIREAT(key, unixSeconds));
  };

/**
 * `PEXPIRE key ms`.
 * @returns true when the key exists (and now expires), false when it does not (not an error).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a TTL that is not a positive safe integer, before any I/O; the pool's errors.
 */
export const setExpiryMs =
  (connection: RedisConnection) =>
  async (key: string, ms: number): Promise<boolean> => {
    assertKey(key, "setExpiryMs");
    assertTtlMs(ms, "setExpiryMs", key);
    return connection.send("setExpiryMs", PEXPIRE(key, ms));
  };

/**
 * `PEXPIREAT key unixMs` (a time in the past deletes the key, as in Redis).
 * @returns true when the key exists.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a timestamp that is not a positive safe integer, before any I/O; the pool's errors.
 */
export const setExpireAtMs =
  (connection: RedisConnection) =>
  async (key: string, unixMs: number): Promise<boolean> => {
    assertKey(key, "setExpireAtMs");
    assertTtlMs(unixMs, "setExpireAtMs", key, "timestamp in milliseconds");
    return connection.send("setExpireAtMs", PEXPIREAT(key, unixMs));
  };

/**
 * `TTL key`.
 * @returns seconds left, -1 when the key has no expiry, -2 when it is missing (Redis's values).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; the pool's errors.
 */
export const getTtl = keyOperation("getTtl", TTL);

/**
 * `PERSIST key`.
 * @returns true when an expiry was removed.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; the pool's errors.
 */
export const persist = keyOperation("persist", PERSIST);

/**
 * `PTTL key`.
 * @returns milliseconds left, -1 when the key has no expiry, -2 when it is missing (Redis's values).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; the pool's errors.
 */
export const getTtlMs = keyOperation("getTtlMs", PTTL);
