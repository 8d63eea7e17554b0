import { FIRST_KEY, RedisError, decodeValue, luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";
import type { CompareAndSetResult, Versioned } from "../types.js";

/**
 * KEYS[1] a hash { version, value }; ARGV[1] expected version (0 = create), ARGV[2] encoded value.
 * Returns {1, newVersion} on success, {0, currentVersion} (-1 when absent) otherwise.
 */
export const COMPARE_AND_SET_SCRIPT = luaScript(`-- compareAndSet-1
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

function compareAndSetResult(reply: unknown): CompareAndSetResult {
  const [ok, version] = reply as [number, number];
  if (ok === 1) return { ok: true, version };
  return { ok: false, version: version === -1 ? null : version };
}

/**
 * The compare-and-set script writing `encodedValue` when the stored version is `expectedVersion`.
 * Its reply `[1, v]` becomes `{ ok: true, version: v }`, `[0, v]` `{ ok: false, version: v }` and
 * `[0, -1]` (absent) `{ ok: false, version: null }`.
 */
export function COMPARE_AND_SET(key: string, expectedVersion: number, encodedValue: string): RedisCommand<CompareAndSetResult> {
  return scriptCommand(COMPARE_AND_SET_SCRIPT, [key], [expectedVersion, encodedValue], compareAndSetResult);
}

/**
 * `HMGET key version value`: `[null, null]` (absent) becomes null; a version and a value become
 * `{ version, value }`, the value decoded with the connection's codec.
 * The transform throws `DESERIALIZATION_FAILED` (operation `getVersioned`) for a version that is
 * not an integer, a missing value, or a value the codec cannot read.
 */
export function HMGET_VERSIONED<T>(key: string): RedisCommand<Versioned<T> | null> {
  return {
    name: "HMGET",
    args: [key, "version", "value"],
    keys: FIRST_KEY,
    transform: (reply, through) => {
      const [version, text] = reply as [string | null, string | null];
      if (version === null || version === undefined) return null;
      const parsed = Number(version);
      if (!Number.isSafeInteger(parsed) || text === null || text === undefined) {
        throw new RedisError("DESERIALIZATION_FAILED", { operation: "getVersioned", key, message: "the hash is not a versioned value (bad or missing version/value field)" });
      }
      return { version: parsed, value: decodeValue<T>(through.codec, text, { operation: "getVersioned", key }) };
    },
  };
}
