import { groupBySlot, type RedisCommand, type RedisConnection } from "@redis-interface/core";

/** Caller's keys that one multi-key command can carry, and their positions in the caller's list. */
export interface SlotGroup {
  readonly keys: string[];
  /** Undefined: every key of the caller's list, in order (the one group on a standalone server). */
  readonly positions: readonly number[] | undefined;
}

/**
 * Splits `keys` into groups one multi-key command can serve: all of them on a standalone server,
 * one group per hash slot of the names Redis stores on a cluster. With `read` on a view with a read
 * fallback, groups are split again by the slot of the fallback's names, so the command the
 * fallback re-sends names one slot too.
 */
export function slotGroups(connection: RedisConnection, keys: readonly string[], read: boolean): SlotGroup[] {
  if (!connection.isCluster) return [{ keys: keys.slice(), positions: undefined }];
  // Prefixed names only to find the slots: the commands carry the caller's names (core prefixes them).
  const resolver = connection.keys;
  const fallback = read ? resolver.fallback : undefined;
  const groups: SlotGroup[] = [];
  for (const group of groupBySlot(keys.map((key) => resolver.key(key)))) {
    const positions = group.positions;
    if (fallback === undefined) {
      groups.push({ keys: positions.map((position) => keys[position] as string), positions });
      continue;
    }
    for (const part of groupBySlot(positions.map((position) => fallback.key(keys[position] as string)))) {
      const partPositions = part.positions.map((index) => positions[index] as number);
      groups.push({ keys: partPositions.map((position) => keys[position] as string), positions: partPositions });
    }
  }
  return groups;
}

/**
 * Sends `build(group.keys)` for every group, in parallel, and puts each group's per-key results
 * back in the caller's order.
 * @returns one result per key of the caller's list (`count` of them).
 */
export function sendPerGroup<T>(
  connection: RedisConnection,
  operation: string,
  groups: readonly SlotGroup[],
  count: number,
  build: (keys: string[]) => RedisCommand<T[]>,
): Promise<T[]> {
  const only = groups[0];
  if (groups.length === 1 && only !== undefined && only.positions === undefined) return connection.send(operation, build(only.keys));
  const results = new Array<T>(count);
  const sends = groups.map((group) =>
    connection.send(operation, build(group.keys)).then((values) => {
      const positions = group.positions as readonly number[];
      for (let index = 0; index < positions.length; index++) results[positions[index] as number] = values[index] as T;
    }),
  );
  return Promise.all(sends).then(() => results);
}
