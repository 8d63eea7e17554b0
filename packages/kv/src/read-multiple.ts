import type { RedisConnection } from "@redis-interface/core";
import { assertKeys } from "@redis-interface/core/internal";
import { MGET } from "./commands/multi-key.js";
import { sendPerGroup, slotGroups } from "./slot-groups.js";

/**
 * `getMultipleKeys` reporting errors under `operation` (shared with the typed multi-key read).
 * @returns the values in the caller's order, null where missing; `[]` for no keys (no I/O).
 * @throws RedisError `INVALID_ARGUMENT` for a bad key list, before any I/O; the pool's errors.
 */
export function readMultipleKeys(connection: RedisConnection, keys: readonly string[], operation: string): Promise<Array<string | null>> {
  try {
    assertKeys(keys, operation);
  } catch (error) {
    return Promise.reject(error);
  }
  if (keys.length === 0) return Promise.resolve([]);
  return sendPerGroup(connection, operation, slotGroups(connection, keys, true), keys.length, MGET);
}
