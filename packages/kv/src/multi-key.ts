import { RedisError, type RedisConnection } from "@redis-interface/core";
import { assertKeys, assertValue, describeArgument, invalidArgument } from "@redis-interface/core/internal";
import { DEL_EACH, MSETNX } from "./commands/multi-key.js";
import { readMultipleKeys } from "./read-multiple.js";
import { sendPerGroup, slotGroups } from "./slot-groups.js";
import type { DelReply, MsetnxReply, RedisValue } from "./types.js";

/**
 * `MGET` once per group of keys (all keys on a standalone server, one group per hash slot on a
 * cluster), the groups in parallel.
 * @returns the values in the caller's order, null where a key is missing; `[]` for no keys (no I/O).
 * A tenant view with `fallbackToUnprefixed` reads a group of declared legacy names again under the
 * bare names when it missed a key, and fills only the missing positions.
 * @throws RedisError `INVALID_ARGUMENT` for a bad key list, before any I/O; the pool's errors.
 */
export const getMultipleKeys =
  (connection: RedisConnection) =>
  (keys: readonly string[]): Promise<Array<string | null>> =>
    readMultipleKeys(connection, keys, "getMultipleKeys");

/**
 * Deletes every key: one script call (`DEL` per key inside) per group of keys, per hash slot on a
 * cluster, all at once on a standalone server.
 * @returns a `DelReply` per key, in the caller's order; `[]` for no keys (no I/O).
 * @throws RedisError `INVALID_ARGUMENT` for a bad key list, before any I/O; the pool's errors.
 */
export const deleteMultipleKeys =
  (connection: RedisConnection) =>
  async (keys: readonly string[]): Promise<DelReply[]> => {
    const operation = "deleteMultipleKeys";
    assertKeys(keys, operation);
    if (keys.length === 0) return [];
    return sendPerGroup(connection, operation, slotGroups(connection, keys, false), keys.length, DEL_EACH);
  };

/**
 * `MSETNX` with the keys prefixed (the original left them bare) and no TTL: either every key is set
 * or none is. On a cluster that holds only inside one hash slot (use a hash-tagged view to keep
 * related keys together); keys in several slots get one MSETNX per slot, in parallel, and when the
 * slots disagree the call says so with `CROSS_SLOT`.
 * @returns `'KeysSet'` when every key was set, `'KeysNotSet'` when none was.
 * @throws RedisError `INVALID_ARGUMENT` for no keys or bad values, before any I/O; `CROSS_SLOT`
 * when some slot groups were set and others were not (the message lists which keys were set); the pool's errors.
 */
export const setMultipleKeysIfNotExist =
  (connection: RedisConnection) =>
  async (values: Readonly<Record<string, RedisValue>>): Promise<MsetnxReply> => {
    const operation = "setMultipleKeysIfNotExist";
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      throw invalidArgument(operation, undefined, `values must be a record of key to value, got ${describeArgument(values)}`);
    }
    const keys = Object.keys(values);
    if (keys.length === 0) throw invalidArgument(operation, undefined, "values must not be empty");
    assertKeys(keys, operation);
    for (const key of keys) assertValue(values[key], operation, key);
    const groups = slotGroups(connection, keys, false);
    const outcomes = await Promise.all(groups.map((group) => connection.send(operation, MSETNX(group.keys.map((key) => [key, values[key] as RedisValue] as const)))));
    if (outcomes.every(Boolean)) return "KeysSet";
    if (!outcomes.some(Boolean)) return "KeysNotSet";
    const setKeys = groups.filter((_, index) => outcomes[index]).flatMap((group) => group.keys);
    throw new RedisError("CROSS_SLOT", {
      operation,
      key: keys[0],
      message: `MSETNX is not atomic across cluster slots: keys ${setKeys.join(", ")} were set, the keys of the other slots already existed (use a hash-tagged view for all-or-nothing)`,
    });
  };
