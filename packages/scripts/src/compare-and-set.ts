import { encodeValue, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertNonNegativeInteger, invalidArgument } from "@redis-interface/core/internal";
import { COMPARE_AND_SET, HMGET_VERSIONED } from "./commands/compare-and-set.js";
import { sendScript } from "./send-script.js";
import type { CompareAndSetResult, Versioned } from "./types.js";

/**
 * Writes `value` (encoded with the connection's codec) if the stored version equals
 * `expectedVersion`, atomically in one script (`EVALSHA`, `EVAL` on NOSCRIPT): HGET version,
 * compare, HSET version+1 and value. `expectedVersion` 0 means "create": it succeeds only when the
 * key is absent.
 * @returns `{ ok: true, version }` (the new version), or `{ ok: false, version }` with the current
 *   version (null when the key is absent).
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `SERIALIZATION_FAILED`, `WRONG_TYPE`
 *   (the key is not a hash), `SCRIPT_FAILED` (a hash whose version is not a number), and the pool's errors.
 */
export const compareAndSet =
  (connection: RedisConnection) =>
  async (key: string, expectedVersion: number, value: unknown): Promise<CompareAndSetResult> => {
    const operation = "compareAndSet";
    assertKey(key, operation);
    assertNonNegativeInteger(expectedVersion, operation, key, "expectedVersion");
    if (value === undefined) throw invalidArgument(operation, key, "value must not be undefined");
    const encoded = encodeValue(connection.codec, value, { operation, key });
    return sendScript(connection, operation, COMPARE_AND_SET(key, expectedVersion, encoded));
  };

/**
 * Reads a value written by `compareAndSet`: sends `HMGET key version value` and decodes the value
 * with the codec.
 * @returns `{ version, value }`, or null when the key is absent.
 * @throws RedisError `INVALID_ARGUMENT`, `DESERIALIZATION_FAILED` (corrupt value or version),
 *   `WRONG_TYPE`, and the pool's errors.
 */
export const getVersioned =
  (connection: RedisConnection) =>
  async <T = unknown>(key: string): Promise<Versioned<T> | null> => {
    assertKey(key, "getVersioned");
    return connection.send("getVersioned", HMGET_VERSIONED<T>(key));
  };
