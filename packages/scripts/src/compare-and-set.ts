import { RedisError, assertKey, decodeValue, encodeValue, luaScript, type RedisConnection } from "@redis-interface/core";
import { runLua } from "./run.js";
import type { CompareAndSetResult, Versioned } from "./types.js";
import { assertIntegerAtLeast, invalid } from "./validate.js";

/**
 * KEYS[1] a hash { version, value }; ARGV[1] expected version (0 = create), ARGV[2] encoded value.
 * Returns {1, newVersion} on success, {0, currentVersion} (-1 when absent) otherwise.
 */
const COMPARE_AND_SET = luaScript(`-- compareAndSet-1
local current = redis.call('HGET', KEYS[1], 'version')
local version = 0
if current then
  version = tonumber(current)
  if not version then return redis.error_reply('ERR the hash is not a versioned value') end
end
if version ~= tonumber(ARGV[1]) then
  if current then return {0, version} end
  return {0, -1}
end
redis.call('HSET', KEYS[1], 'version', version + 1, 'value', ARGV[2])
return {1, version + 1}`);

/**
 * Writes `value` (encoded with the connection's codec) if the stored version equals
 * `expectedVersion`, atomically in one script: HGET version, compare, HSET version+1 and value.
 * `expectedVersion` 0 means "create": it succeeds only when the key is absent.
 * @returns `{ ok: true, version }` (the new version), or `{ ok: false, version }` with the current
 *   version (null when the key is absent).
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `SERIALIZATION_FAILED`, `WRONG_TYPE`
 *   (the key is not a hash), `SCRIPT_FAILED` (a hash whose version is not a number), and the pool's errors.
 */
export async function compareAndSet(connection: RedisConnection, key: string, expectedVersion: number, value: unknown): Promise<CompareAndSetResult> {
  const operation = "compareAndSet";
  assertKey(key, operation);
  assertIntegerAtLeast(expectedVersion, 0, operation, key, "expectedVersion");
  if (value === undefined) throw invalid(operation, key, "value must not be undefined");
  const encoded = encodeValue(connection.codec, value, { operation, key });
  const [ok, version] = (await runLua(connection, { operation, mode: "evalsha", script: COMPARE_AND_SET, keys: [key], args: [expectedVersion, encoded], decode: "raw" })) as [number, number];
  if (ok === 1) return { ok: true, version };
  return { ok: false, version: version === -1 ? null : version };
}

/**
 * Reads a value written by `compareAndSet`: HMGET key version value, decoded with the codec.
 * @returns `{ version, value }`, or null when the key is absent.
 * @throws RedisError `INVALID_ARGUMENT`, `DESERIALIZATION_FAILED` (corrupt value or version),
 *   `WRONG_TYPE`, and the pool's errors.
 */
export async function getVersioned<T = unknown>(connection: RedisConnection, key: string): Promise<Versioned<T> | null> {
  const operation = "getVersioned";
  assertKey(key, operation);
  const redisKey = connection.keys.key(key);
  const [version, text] = await connection.execute(operation, key, (client) => client.hmget(redisKey, "version", "value"));
  if (version === null || version === undefined) return null;
  const parsed = Number(version);
  if (!Number.isSafeInteger(parsed) || text === null || text === undefined) {
    throw new RedisError("DESERIALIZATION_FAILED", { operation, key, message: "the hash is not a versioned value (bad or missing version/value field)" });
  }
  return { version: parsed, value: decodeValue<T>(connection.codec, text, { operation, key }) };
}
