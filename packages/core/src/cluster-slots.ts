import calculateSlot from "cluster-key-slot";

/** The Redis Cluster hash slot (0–16383) of `key`, honouring `{hash tags}`. */
export function keySlot(key: string): number {
  return calculateSlot(key);
}

/**
 * Groups `keys` by cluster slot, keeping each key's position in the input, so a multi-key
 * call can send one command per slot and put the replies back in the caller's order.
 * @returns one group per slot, in order of first appearance.
 */
export function groupBySlot(keys: readonly string[]): Array<{ slot: number; keys: string[]; positions: number[] }> {
  const groups = new Map<number, { slot: number; keys: string[]; positions: number[] }>();
  keys.forEach((key, position) => {
    const slot = calculateSlot(key);
    let group = groups.get(slot);
    if (!group) {
      group = { slot, keys: [], positions: [] };
      groups.set(slot, group);
    }
    group.keys.push(key);
    group.positions.push(position);
  });
  return [...groups.values()];
}
