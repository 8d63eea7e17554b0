import { keySlot, type RedisCommand, type RedisConnection } from "@redis-interface/core";

/** Caller's keys that one multi-key command can carry, and their positions in the caller's list. */
export interface SlotGroup {
  readonly keys: string[];
  /** Undefined: every key of the caller's list, in order (the one group on a standalone server). */
  readonly positions: readonly number[] | undefined;
}

/**
 * Splits `keys` into groups one multi-key command can serve: all of them on a standalone server,
 * one group per hash slot of the names Redis stores on a cluster. With `read` on a view with a read
 * fallback, the keys the fallback accepts (`keys.fallsBack`) and those it does not go in separate
 * groups (core re-sends a command under the fallback only when it accepts every key), and on a
 * cluster the accepted ones are split again by the slot of the fallback's names, so the command the
 * fallback re-sends names one slot too.
 */
export function slotGroups(connection: RedisConnection, keys: readonly string[], read: boolean): SlotGroup[] {
  const resolver = connection.keys;
  const fallback = read ? resolver.fallback : undefined;
  if (!connection.isCluster && (fallback === undefined || sameFallback(resolver, keys))) return [{ keys: keys.slice(), positions: undefined }];
  // Prefixed names only to find the slots: the commands carry the caller's names (core prefixes them).
  const groups = new Map<number, SlotGroup & { positions: number[] }>();
  keys.forEach((key, position) => {
    const slot = connection.isCluster ? keySlot(resolver.key(key)) : 0;
    const fallbackSlot = fallback !== undefined && resolver.fallsBack(key) ? (connection.isCluster ? keySlot(fallback.key(key)) : 0) : -1;
    const label = slot * 16_385 + fallbackSlot + 1;
    let group = groups.get(label);
    if (group === undefined) {
      group = { keys: [], positions: [] };
      groups.set(label, group);
    }
    group.keys.push(key);
    group.positions.push(position);
  });
  return [...groups.values()];
}

/** Whether the read fallback accepts all of `keys` or none of them (one standalone MGET serves them). */
function sameFallback(resolver: RedisConnection["keys"], keys: readonly string[]): boolean {
  const first = keys.length === 0 || resolver.fallsBack(keys[0] as string);
  return keys.every((key) => resolver.fallsBack(key) === first);
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
