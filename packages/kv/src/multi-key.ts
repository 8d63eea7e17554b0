import { RedisConnectionView, RedisError, luaScript, runScript, type RedisConnection } from "@redis-interface/core";
import { keyGroups, perGroup, type KeyGroup } from "./slot-groups.js";
import type { DelReply, MsetnxReply, RedisValue } from "./types.js";
import { assertKeys, assertNotEmpty, assertValue } from "./validate.js";

/** DEL of each key, with one reply per key (a multi-key DEL only returns a total). */
const DELETE_EACH = luaScript(`
local removed = {}
for index, key in ipairs(KEYS) do removed[index] = redis.call('DEL', key) end
return removed
`);

/**
 * Sends `MGET` once per group of keys (all keys on a standalone server, one group per hash slot
 * on a cluster), the groups in parallel.
 * @returns the values in the caller's order, null where a key is missing; `[]` for no keys (no I/O).
 * A tenant view with `fallbackToUnprefixed` reads the missing keys again, bare, in one more round.
 * @throws RedisError `INVALID_ARGUMENT` for a bad key.
 */
export function getMultipleKeys(connection: RedisConnection, keys: readonly string[]): Promise<Array<string | null>> {
  return readMultipleKeys(connection, keys, "getMultipleKeys");
}

/** `getMultipleKeys` reporting errors under `operation`. */
export async function readMultipleKeys(connection: RedisConnection, keys: readonly string[], operation: string): Promise<Array<string | null>> {
  assertKeys(keys, operation);
  if (keys.length === 0) return [];
  const values = await mget(connection, keys, operation);
  const fallback = connection.keys.fallback;
  const missing = values.flatMap((value, position) => (value === null ? [position] : []));
  if (fallback === undefined || missing.length === 0) return values;
  const bare = await mget(new RedisConnectionView(connection, fallback), missing.map((position) => keys[position] as string), operation);
  missing.forEach((position, index) => (values[position] = bare[index] ?? null));
  return values;
}

function mget(connection: RedisConnection, keys: readonly string[], operation: string): Promise<Array<string | null>> {
  return perGroup(connection, keys, (group) => connection.execute(operation, group.keys[0], (client) => client.mget(group.redisKeys)));
}

/**
 * Deletes every key, sending one script call (`DEL` per key inside) per group of keys: per hash
 * slot on a cluster, all at once on a standalone server.
 * @returns a `DelReply` per key, in the caller's order; `[]` for no keys (no I/O).
 * @throws RedisError `INVALID_ARGUMENT` for a bad key.
 */
export async function deleteMultipleKeys(connection: RedisConnection, keys: readonly string[]): Promise<DelReply[]> {
  assertKeys(keys, "deleteMultipleKeys");
  if (keys.length === 0) return [];
  return perGroup(connection, keys, async (group) => {
    const removed = (await connection.execute("deleteMultipleKeys", group.keys[0], (client) => runScript(client, DELETE_EACH, group.redisKeys, []))) as number[];
    return removed.map((count): DelReply => (count === 1 ? "KeyDeleted" : "KeyNotDeleted"));
  });
}

function msetnxArguments(group: KeyGroup, values: Readonly<Record<string, RedisValue>>): RedisValue[] {
  return group.keys.flatMap((key, index) => [group.redisKeys[index] as string, values[key] as RedisValue]);
}

/**
 * Sends `MSETNX` with the keys prefixed (the original left them bare) and no TTL: either every
 * key is set or none is. On a cluster that holds only inside one hash slot (use a hash-tagged
 * view to keep related keys together); keys in several slots get one MSETNX per slot, in
 * parallel, and when the slots disagree the call says so with `CROSS_SLOT`.
 * @returns `'KeysSet'` when every key was set, `'KeysNotSet'` when none was.
 * @throws RedisError `INVALID_ARGUMENT` for no keys or bad values; `CROSS_SLOT` when some slot
 * groups were set and others were not (the message lists which keys were set).
 */
export async function setMultipleKeysIfNotExist(connection: RedisConnection, values: Readonly<Record<string, RedisValue>>): Promise<MsetnxReply> {
  const operation = "setMultipleKeysIfNotExist";
  const keys = Object.keys(values);
  assertNotEmpty(keys.length, operation, undefined, "values");
  assertKeys(keys, operation);
  for (const key of keys) assertValue(values[key], operation, key);
  const groups = keyGroups(connection, keys);
  const outcomes = await Promise.all(
    groups.map(async (group) => ({ group, set: (await connection.execute(operation, group.keys[0], (client) => client.msetnx(...msetnxArguments(group, values)))) === 1 })),
  );
  if (outcomes.every((outcome) => outcome.set)) return "KeysSet";
  if (outcomes.every((outcome) => !outcome.set)) return "KeysNotSet";
  const setKeys = outcomes.filter((outcome) => outcome.set).flatMap((outcome) => outcome.group.keys);
  throw new RedisError("CROSS_SLOT", {
    operation,
    key: keys[0],
    message: `MSETNX is not atomic across cluster slots: keys ${setKeys.join(", ")} were set, the keys of the other slots already existed (use a hash-tagged view for all-or-nothing)`,
  });
}
