import { RedisError, luaScript, readWithFallback, runScript, type RedisConnection } from "@redis-interface/core";
import type { RedisValue, SetnxReply } from "./types.js";
import { assertField, assertInteger, assertKey, assertNotEmpty, assertValue, ttlOrDefault } from "./validate.js";

/** `[field, value, field, value, …]` of a record or a list of pairs, validated. */
function fieldValueArgs(values: unknown, operation: string, key: string): RedisValue[] {
  if (typeof values !== "object" || values === null) {
    throw new RedisError("INVALID_ARGUMENT", { operation, key, message: "values must be a record or an array of [field, value] pairs" });
  }
  const pairs: unknown[] = Array.isArray(values) ? values : Object.entries(values);
  assertNotEmpty(pairs.length, operation, key, "values");
  const args: RedisValue[] = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new RedisError("INVALID_ARGUMENT", { operation, key, message: "each entry of values must be a [field, value] pair" });
    }
    const [field, value] = pair as [unknown, unknown];
    assertField(field, operation, key);
    assertValue(value, operation, key, `value of field "${field}"`);
    args.push(field, value);
  }
  return args;
}

/**
 * HSET in chunks (Lua's `unpack` takes a few thousand values at most), then EXPIRE: one script,
 * so the fields never exist without an expiry, and a failing HSET (WRONGTYPE) stops the script
 * before anything is written or expired.
 */
const HSET_WITH_EXPIRY = luaScript(`
local added = 0
for first = 2, #ARGV, 1000 do
  added = added + redis.call('HSET', KEYS[1], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return added
`);

/**
 * `HSET key f1 v1 …` and `EXPIRE key ttl` as one atomic script: the fields never exist without an
 * expiry, and the TTL of the whole hash is (re)set on every call (as in Hyperswitch). On a key of
 * another type nothing is written and no TTL is touched.
 * @param values a record or a list of `[field, value]` pairs (not empty).
 * @param ttl seconds; `settings.defaultHashTtl` (900) when omitted.
 * @returns how many of the fields were new.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, empty or malformed values, bad TTL) before any I/O;
 * `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export async function setHashFields(
  connection: RedisConnection,
  key: string,
  values: Readonly<Record<string, RedisValue>> | ReadonlyArray<readonly [string, RedisValue]>,
  ttl?: number,
): Promise<number> {
  const operation = "setHashFields";
  assertKey(key, operation);
  const args = fieldValueArgs(values, operation, key);
  const seconds = ttlOrDefault(ttl, connection.settings.defaultHashTtl, operation, key);
  const redisKey = connection.keys.key(key);
  return connection.execute(operation, key, async (client) => Number(await runScript(client, HSET_WITH_EXPIRY, [redisKey], [seconds, ...args])));
}

/** HSETNX, then EXPIRE only when the field was set: a field that exists keeps the hash's TTL. */
const HSETNX_WITH_EXPIRY = luaScript(`
local set = redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
if set == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
return set
`);

/**
 * Runs `HSETNX` + conditional `EXPIRE` (one script) for already validated arguments, reporting
 * errors under `operation`. Shared with the typed variants.
 */
export async function hsetnxWithExpiry(
  connection: RedisConnection,
  operation: string,
  key: string,
  field: string,
  value: RedisValue,
  seconds: number,
): Promise<SetnxReply> {
  const redisKey = connection.keys.key(key);
  const set = await connection.execute(operation, key, (client) => runScript(client, HSETNX_WITH_EXPIRY, [redisKey], [field, value, seconds]));
  return set === 1 ? "KeySet" : "KeyNotSet";
}

/**
 * One Lua script: `HSETNX key field value`, and only when the field was set, `EXPIRE key ttl`.
 * When the field already exists nothing changes, not even the TTL (the original refreshed it).
 * @param ttl seconds; `settings.defaultHashTtl` (900) when omitted.
 * @returns `'KeySet'` when the field was written, `'KeyNotSet'` when it already existed.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field, value or TTL) before any I/O;
 * `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export async function setHashFieldIfNotExist(
  connection: RedisConnection,
  key: string,
  field: string,
  value: RedisValue,
  ttl?: number,
): Promise<SetnxReply> {
  const operation = "setHashFieldIfNotExist";
  assertKey(key, operation);
  assertField(field, operation, key);
  assertValue(value, operation, key);
  const seconds = ttlOrDefault(ttl, connection.settings.defaultHashTtl, operation, key);
  return hsetnxWithExpiry(connection, operation, key, field, value, seconds);
}

/**
 * `HGET key field`.
 * @returns the value, or null when the field or the key is missing. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key.
 * @throws RedisError `INVALID_ARGUMENT` (bad key or field) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export async function getHashField(connection: RedisConnection, key: string, field: string): Promise<string | null> {
  const operation = "getHashField";
  assertKey(key, operation);
  assertField(field, operation, key);
  return readWithFallback(connection, (through) => through.execute(operation, key, (client) => client.hget(through.keys.key(key), field)), (value) => value === null);
}

/**
 * `HGETALL key`.
 * @returns every field and value; `{}` when the key is missing. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key.
 * @throws RedisError `INVALID_ARGUMENT` (bad key) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export async function getHashFields(connection: RedisConnection, key: string): Promise<Record<string, string>> {
  const operation = "getHashFields";
  assertKey(key, operation);
  return readWithFallback(connection, (through) => through.execute(operation, key, (client) => client.hgetall(through.keys.key(key))), (fields) => Object.keys(fields).length === 0);
}

/**
 * Checks every field first (the key's type, each existing value an integer), then HINCRBY per
 * field: one script, so either every increment is applied or none is.
 */
const HINCRBY_ALL_OR_NOTHING = luaScript(`
for index = 1, #ARGV, 2 do
  local current = redis.call('HGET', KEYS[1], ARGV[index])
  if current and not string.match(current, '^%-?%d+$') then
    return redis.error_reply('ERR hash value is not an integer (field ' .. ARGV[index] .. ')')
  end
end
local results = {}
for index = 1, #ARGV, 2 do
  results[#results + 1] = redis.call('HINCRBY', KEYS[1], ARGV[index], ARGV[index + 1])
end
return results
`);

/**
 * `HINCRBY key field by` per entry, all or nothing in one script (no TTL is set or changed): when
 * a field holds a non-integer, no field is incremented. Results may be negative.
 * @param increments `[field, by]` pairs, `by` an integer; `[]` returns `[]` without I/O.
 * @returns the value of each field after its increment, in order.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field or non-integer `by`) before any I/O;
 * `COMMAND_FAILED` when a field holds a non-integer (naming the field) or the result overflows;
 * `WRONG_TYPE`; the pool's errors.
 */
export async function incrementFieldsInHash(
  connection: RedisConnection,
  key: string,
  increments: ReadonlyArray<readonly [string, number]>,
): Promise<number[]> {
  const operation = "incrementFieldsInHash";
  assertKey(key, operation);
  if (!Array.isArray(increments)) {
    throw new RedisError("INVALID_ARGUMENT", { operation, key, message: "increments must be an array of [field, by] pairs" });
  }
  for (const pair of increments as readonly unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new RedisError("INVALID_ARGUMENT", { operation, key, message: "each increment must be a [field, by] pair" });
    }
    const [field, by] = pair as [unknown, unknown];
    assertField(field, operation, key);
    assertInteger(by, operation, key, `increment of field "${field}"`);
  }
  if (increments.length === 0) return [];
  const redisKey = connection.keys.key(key);
  const args = increments.flatMap(([field, by]) => [field, by]);
  return connection.execute(operation, key, async (client) => (await runScript(client, HINCRBY_ALL_OR_NOTHING, [redisKey], args)) as number[]);
}

/**
 * `HDEL key field …`.
 * @returns how many of the fields existed and were removed.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, empty or bad fields) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export async function hdel(connection: RedisConnection, key: string, fields: readonly string[]): Promise<number> {
  const operation = "hdel";
  assertKey(key, operation);
  if (!Array.isArray(fields)) throw new RedisError("INVALID_ARGUMENT", { operation, key, message: "fields must be an array" });
  assertNotEmpty(fields.length, operation, key, "fields");
  for (const field of fields as readonly unknown[]) assertField(field, operation, key);
  const redisKey = connection.keys.key(key);
  return connection.execute(operation, key, (client) => client.hdel(redisKey, ...fields));
}
