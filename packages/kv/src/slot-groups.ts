import { groupBySlot, type RedisConnection } from "@redis-interface/core";

/** Keys that can go to Redis in one command, with their positions in the caller's list. */
export interface KeyGroup {
  /** Names as Redis stores them (prefixed). */
  readonly redisKeys: string[];
  /** Names as the caller wrote them. */
  readonly keys: string[];
  readonly positions: number[];
}

/**
 * Splits `keys` into groups that one multi-key command can serve: everything in one group on a
 * standalone server, one group per hash slot on a cluster.
 */
export function keyGroups(connection: RedisConnection, keys: readonly string[]): KeyGroup[] {
  const redisKeys = connection.keys.keysOf(keys);
  if (!connection.isCluster) return [{ redisKeys, keys: [...keys], positions: keys.map((_, index) => index) }];
  return groupBySlot(redisKeys).map((group) => ({
    redisKeys: group.keys,
    keys: group.positions.map((position) => keys[position] as string),
    positions: group.positions,
  }));
}

/**
 * Runs one command per group, in parallel, and puts the per-key results back in the caller's
 * order. `run` returns one result per key of its group, in the group's order.
 */
export async function perGroup<T>(connection: RedisConnection, keys: readonly string[], run: (group: KeyGroup) => Promise<T[]>): Promise<T[]> {
  const groups = keyGroups(connection, keys);
  const results = new Array<T>(keys.length);
  await Promise.all(
    groups.map(async (group) => {
      const values = await run(group);
      group.positions.forEach((position, index) => (results[position] = values[index] as T));
    }),
  );
  return results;
}
