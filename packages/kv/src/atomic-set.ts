import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertValue } from "@redis-interface/core/internal";
import { assertPairs, ttlOrDefault } from "./checks.js";
import { SET_NX_GET_EX } from "./commands/strings.js";
import type { RedisValue, SetGetReply } from "./types.js";

/**
 * `SET key value EX (ttl ?? defaultTtl) NX GET` (Redis ≥ 7.0): one atomic command that sets the
 * key when it is missing and otherwise returns what is there (Hyperswitch used MULTI/SET/GET/EXEC).
 * @returns `{ status: 'ValueSet', value }` with the caller's value, or `{ status: 'ValueExists', value }`
 * with the value already stored.
 * @throws RedisError `INVALID_ARGUMENT` for bad input, before any I/O; `WRONG_TYPE` when the key is
 * not a string; the pool's errors.
 */
export const setKeyIfNotExistsAndGetValue =
  (connection: RedisConnection) =>
  async (key: string, value: RedisValue, ttl?: number): Promise<SetGetReply<string>> => {
    const operation = "setKeyIfNotExistsAndGetValue";
    assertKey(key, operation);
    assertValue(value, operation, key);
    const seconds = ttlOrDefault(ttl, connection.settings.defaultTtl, operation, key);
    return connection.send(operation, SET_NX_GET_EX(key, value, seconds));
  };

/**
 * `setKeyIfNotExistsAndGetValue` for every `[key, value]` pair, in parallel: atomic per key,
 * **not** across keys (another client can win some keys and lose others; compare each reply's
 * value with yours). Every pair is checked before anything is sent.
 * @returns one reply per pair, in order; `[]` for no pairs (no I/O).
 * @throws RedisError `INVALID_ARGUMENT` for bad pairs, keys, values or TTL; then as `setKeyIfNotExistsAndGetValue`.
 */
export const setMultipleKeysIfNotExistsAndGetValues =
  (connection: RedisConnection) =>
  async (pairs: ReadonlyArray<readonly [string, RedisValue]>, ttl?: number): Promise<Array<SetGetReply<string>>> => {
    const operation = "setMultipleKeysIfNotExistsAndGetValues";
    assertPairs(pairs, operation, undefined, "pairs", "[key, value]");
    for (const [key, value] of pairs as ReadonlyArray<readonly [unknown, unknown]>) {
      assertKey(key, operation);
      assertValue(value, operation, key);
    }
    const seconds = ttlOrDefault(ttl, connection.settings.defaultTtl, operation, undefined);
    return Promise.all(pairs.map(([key, value]) => connection.send(operation, SET_NX_GET_EX(key, value, seconds))));
  };
