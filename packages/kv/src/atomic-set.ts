import type { RedisConnection } from "@redis-interface/core";
import type { RedisValue, SetGetReply } from "./types.js";
import { assertKey, assertValue, ttlOrDefault } from "./validate.js";

function text(value: RedisValue): string {
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

/**
 * Sends `SET key value EX ttl NX GET` (Redis ≥ 7.0): one atomic command that sets the key when
 * it is missing and otherwise returns what is there (Hyperswitch used MULTI/SET/GET/EXEC).
 * @returns `{ status: 'ValueSet', value }` with the caller's value, or `{ status: 'ValueExists', value }`
 * with the value already stored.
 * @throws RedisError `INVALID_ARGUMENT` for bad input; `WRONG_TYPE` when the key is not a string.
 */
export async function setKeyIfNotExistsAndGetValue(connection: RedisConnection, key: string, value: RedisValue, ttl?: number): Promise<SetGetReply<string>> {
  assertKey(key, "setKeyIfNotExistsAndGetValue");
  assertValue(value, "setKeyIfNotExistsAndGetValue", key);
  const seconds = ttlOrDefault(ttl, connection.settings.defaultTtl, "setKeyIfNotExistsAndGetValue", key);
  const previous = await connection.execute("setKeyIfNotExistsAndGetValue", key, (client) =>
    client.set(connection.keys.key(key), value, "EX", seconds, "NX", "GET"),
  );
  return previous === null ? { status: "ValueSet", value: text(value) } : { status: "ValueExists", value: previous };
}

/**
 * `setKeyIfNotExistsAndGetValue` for every pair, in parallel: atomic per key, **not** across
 * keys (another client can win some keys and lose others; compare each reply's value with yours).
 * Every pair is validated before anything is sent.
 * @returns one reply per pair, in order; `[]` for no pairs (no I/O).
 */
export async function setMultipleKeysIfNotExistsAndGetValues(
  connection: RedisConnection,
  pairs: ReadonlyArray<readonly [string, RedisValue]>,
  ttl?: number,
): Promise<Array<SetGetReply<string>>> {
  const operation = "setMultipleKeysIfNotExistsAndGetValues";
  for (const [key, value] of pairs) {
    assertKey(key, operation);
    assertValue(value, operation, key);
    ttlOrDefault(ttl, connection.settings.defaultTtl, operation, key);
  }
  return Promise.all(pairs.map(([key, value]) => setKeyIfNotExistsAndGetValue(connection, key, value, ttl)));
}
