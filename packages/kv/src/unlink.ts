import type { RedisConnection } from "@redis-interface/core";
import { assertKeys } from "@redis-interface/core/internal";
import { UNLINK_KEY } from "./commands/strings.js";
import { keyOperation } from "./key-operation.js";
import { unlinkInGroups } from "./unlink-groups.js";

/**
 * `UNLINK key`: removes the key at once and frees its memory in the background (a large hash or
 * list does not block the server as `DEL` would).
 * @returns `'KeyDeleted'`, or `'KeyNotDeleted'` when there was no such key (not an error).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; the pool's errors.
 */
export const unlinkKey = keyOperation("unlinkKey", UNLINK_KEY);

/**
 * `UNLINK key…` once per group of keys (all keys on a standalone server, one group per hash slot
 * on a cluster), the groups in parallel.
 * @returns how many of the keys existed and were removed; 0 for no keys (no I/O).
 * @throws RedisError `INVALID_ARGUMENT` for a bad key list, before any I/O; the pool's errors.
 */
export const unlinkMultipleKeys =
  (connection: RedisConnection) =>
  async (keys: readonly string[]): Promise<number> => {
    const operation = "unlinkMultipleKeys";
    assertKeys(keys, operation);
    return unlinkInGroups(connection, operation, keys);
  };
