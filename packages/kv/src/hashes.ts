import type { RedisConnection } from "@redis-interface/core";
import { assertInteger, assertKey, assertName, assertValue, describeArgument, invalidArgument } from "@redis-interface/core/internal";
import { assertPairs, hashFieldTtl, ttlOrDefault } from "./checks.js";
import { HDEL, HGET, HGETALL, HINCRBY_EACH, HSETNX_WITH_EXPIRY, HSET_WITH_EXPIRY } from "./commands/hashes.js";
import { keyOperation } from "./key-operation.js";
import type { RedisValue, SetnxReply } from "./types.js";

/** The `[field, value]` pairs of a record or a list of pairs, checked (not empty). @throws RedisError `INVALID_ARGUMENT`. */
function fieldValuePairs(values: unknown, operation: string, key: string): ReadonlyArray<readonly [string, RedisValue]> {
  if (typeof values !== "object" || values === null) throw invalidArgument(operation, key, "values must be a record or an array of [field, value] pairs");
  const pairs: unknown = Array.isArray(values) ? values : Object.entries(values);
  assertPairs(pairs, operation, key, "values", "[field, value]");
  if (pairs.length === 0) throw invalidArgument(operation, key, "values must not be empty");
  for (const [field, value] of pairs) {
    assertName(field, operation, key, "field");
    assertValue(value, operation, key, `value of field "${field}"`);
  }
  return pairs as ReadonlyArray<readonly [string, RedisValue]>;
}

/**
 * `HSET key f1 v1 …` and `EXPIRE key ttl` as one atomic script (not MULTI): the fields never exist
 * without an expiry, and the TTL of the whole hash is (re)set on every call (as in Hyperswitch). On
 * a key of another type nothing is written and no TTL is touched.
 * @param values a record or a list of `[field, value]` pairs (not empty).
 * @param ttl seconds; `settings.defaultHashTtl` (900) when omitted.
 * @returns how many of the fields were new.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, empty or malformed values, bad TTL) before any I/O;
 * `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const setHashFields =
  (connection: RedisConnection) =>
  async (key: string, values: Readonly<Record<string, RedisValue>> | ReadonlyArray<readonly [string, RedisValue]>, ttl?: number): Promise<number> => {
    const operation = "setHashFields";
    assertKey(key, operation);
    const pairs = fieldValuePairs(values, operation, key);
    const seconds = ttlOrDefault(ttl, connection.settings.defaultHashTtl, operation, key);
    return connection.send(operation, HSET_WITH_EXPIRY(key, pairs, seconds));
  };

/**
 * One Lua script: `HSETNX key field value`, and only when the field was set, `EXPIRE key ttl`.
 * When the field already exists nothing changes, not even the TTL (the original refreshed it).
 * @param ttl seconds; `settings.defaultHashTtl` (900) when omitted.
 * @returns `'KeySet'` when the field was written, `'KeyNotSet'` when it already existed.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field, value or TTL) before any I/O;
 * `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const setHashFieldIfNotExist =
  (connection: RedisConnection) =>
  async (key: string, field: string, value: RedisValue, ttl?: number): Promise<SetnxReply> => {
    const operation = "setHashFieldIfNotExist";
    const seconds = hashFieldTtl(connection, key, field, ttl, operation);
    assertValue(value, operation, key);
    return connection.send(operation, HSETNX_WITH_EXPIRY(key, field, value, seconds));
  };

/**
 * `HGET key field`.
 * @returns the value, or null when the field or the key is missing. A tenant view with
 * `fallbackToUnprefixed` retries a miss on the bare key (declared legacy names only).
 * @throws RedisError `INVALID_ARGUMENT` (bad key or field) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export const getHashField =
  (connection: RedisConnection) =>
  async (key: string, field: string): Promise<string | null> => {
    assertKey(key, "getHashField");
    assertName(field, "getHashField", key, "field");
    return connection.send("getHashField", HGET(key, field));
  };

/**
 * `HGETALL key`.
 * @returns every field and value; `{}` when the key is missing. A tenant view with
 * `fallbackToUnprefixed` retries a missing key on the bare key (declared legacy names only).
 * @throws RedisError `INVALID_ARGUMENT` (bad key) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export const getHashFields = keyOperation("getHashFields", HGETALL);

/**
 * `HINCRBY key field by` per entry, all or nothing in one script (not MULTI; no TTL is set or
 * changed): when a field holds a non-integer, no field is incremented. Results may be negative.
 * @param increments `[field, by]` pairs, `by` an integer; `[]` returns `[]` without I/O.
 * @returns the value of each field after its increment, in order.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field or non-integer `by`) before any I/O;
 * `COMMAND_FAILED` when a field holds a non-integer (naming the field) or the result overflows;
 * `WRONG_TYPE`; the pool's errors.
 */
export const incrementFieldsInHash =
  (connection: RedisConnection) =>
  async (key: string, increments: ReadonlyArray<readonly [string, number]>): Promise<number[]> => {
    const operation = "incrementFieldsInHash";
    assertKey(key, operation);
    assertPairs(increments, operation, key, "increments", "[field, by]");
    for (const [field, by] of increments) {
      assertName(field, operation, key, "field");
      assertInteger(by, operation, key, `increment of field "${field}"`);
    }
    if (increments.length === 0) return [];
    return connection.send(operation, HINCRBY_EACH(key, increments as ReadonlyArray<readonly [string, number]>));
  };

/**
 * `HDEL key field…`.
 * @returns how many of the fields existed and were removed.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, empty or bad fields) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export const hdel =
  (connection: RedisConnection) =>
  async (key: string, fields: readonly string[]): Promise<number> => {
    assertKey(key, "hdel");
    if (!Array.isArray(fields)) throw invalidArgument("hdel", key, `fields must be an array, got ${describeArgument(fields)}`);
    if (fields.length === 0) throw invalidArgument("hdel", key, "fields must not be empty");
    for (const field of fields as readonly unknown[]) assertName(field, "hdel", key, "field");
    return connection.send("hdel", HDEL(key, fields));
  };
