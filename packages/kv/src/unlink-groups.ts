import type { RedisConnection } from "@redis-interface/core";
import { UNLINK } from "./commands/multi-key.js";
import { slotGroups } from "./slot-groups.js";

/** `UNLINK` of `keys` (checked), one command per slot group. @returns how many were removed. */
export async function unlinkInGroups(connection: RedisConnection, operation: string, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const counts = await Promise.all(slotGroups(connection, keys, false).map((group) => connection.send(operation, UNLINK(group.keys))));
  return counts.reduce((total, count) => total + count, 0);
}
