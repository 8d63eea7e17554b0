import { encodeValue, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertValue, invalidArgument } from "@redis-interface/core/internal";
import { assertPairs, expiryOf } from "./checks.js";
import { SET_EACH_WITH_EXPIRY, type ExpiryUnit } from "./commands/multi-key.js";
import { slotGroups } from "./slot-groups.js";
import type { ExpiryOptions, RedisValue } from "./types.js";

/** The keys and values of a record or a list of `[key, value]` pairs, keys checked, in order. @throws RedisError `INVALID_ARGUMENT`. */
function keysAndValues(entries: unknown, operation: string): { keys: string[]; values: unknown[] } {
  if (typeof entries !== "object" || entries === null) throw invalidArgument(operation, undefined, "values must be a record or an array of [key, value] pairs");
  const pairs: unknown = Array.isArray(entries) ? entries : Object.entries(entries);
  assertPairs(pairs, operation, undefined, "values", "[key, value]");
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of pairs) {
    assertKey(key, operation);
    keys.push(key);
    values.push(value);
  }
  return { keys, values };
}

/** One `SET_EACH_WITH_EXPIRY` script per slot group (one in all on a standalone server), in parallel. */
async function setInGroups(connection: RedisConnection, operation: string, keys: readonly string[], values: readonly RedisValue[], unit: ExpiryUnit, ttl: number): Promise<void> {
  if (keys.length === 0) return;
  await Promise.all(
    slotGroups(connection, keys, false).map((group) => {
      const positions = group.positions;
      const groupValues = positions === undefined ? values : positions.map((position) => values[position] as RedisValue);
      return connection.send(operation, SET_EACH_WITH_EXPIRY(group.keys, groupValues, unit, ttl));
    }),
  );
}

/**
 * `SET key value EX seconds` (or `PX ms`) for every key: one script per group of keys (all keys on
 * a standalone server, one group per hash slot on a cluster), the groups in parallel. Within a
 * group the keys are written together with their expiry (never one without the other); across
 * cluster slots each group is atomic on its own. A key given twice ends with its last value.
 * @param values a record or a list of `[key, value]` pairs; empty: nothing is sent.
 * @param expiry `{ seconds }` or `{ ms }`: exactly one, a positive integer.
 * @throws RedisError `INVALID_ARGUMENT` (malformed values, a bad key or value, a missing, doubled
 * or bad expiry, an unknown option name) before any I/O; the pool's errors.
 */
export const setMultipleKeysWithExpiry =
  (connection: RedisConnection) =>
  async (values: Readonly<Record<string, RedisValue>> | ReadonlyArray<readonly [string, RedisValue]>, expiry: ExpiryOptions): Promise<void> => {
    const operation = "setMultipleKeysWithExpiry";
    const entries = keysAndValues(values, operation);
    entries.values.forEach((value, index) => assertValue(value, operation, entries.keys[index]));
    const { unit, ttl } = expiryOf(expiry, operation);
    return setInGroups(connection, operation, entries.keys, entries.values as RedisValue[], unit, ttl);
  };

/**
 * Encodes every value with the connection's codec, then as `setMultipleKeysWithExpiry`.
 * @param values a record or a list of `[key, value]` pairs of any encodable values; empty: nothing is sent.
 * @throws RedisError `INVALID_ARGUMENT` as `setMultipleKeysWithExpiry`, `SERIALIZATION_FAILED`
 * naming the key whose value the codec refuses, before any I/O; the pool's errors.
 */
export const serializeAndSetMultipleKeysWithExpiry =
  (connection: RedisConnection) =>
  async (values: Readonly<Record<string, unknown>> | ReadonlyArray<readonly [string, unknown]>, expiry: ExpiryOptions): Promise<void> => {
    const operation = "serializeAndSetMultipleKeysWithExpiry";
    const entries = keysAndValues(values, operation);
    const { unit, ttl } = expiryOf(expiry, operation);
    const texts = entries.values.map((value, index) => encodeValue(connection.codec, value, { operation, key: entries.keys[index] }));
    return setInGroups(connection, operation, entries.keys, texts, unit, ttl);
  };
