import { KeyResolver, keySlot, type RedisConnection } from "@redis-interface/core";
import { slotGroups } from "../src/slot-groups.js";

/** The parts of a connection `slotGroups` reads. */
function connection(isCluster: boolean, keys: KeyResolver): RedisConnection {
  return { isCluster, keys } as RedisConnection;
}

/** Every key once, at its caller position. */
function positionsCovered(groups: ReturnType<typeof slotGroups>, keys: readonly string[]): void {
  const seen = new Array<string>(keys.length);
  for (const group of groups) group.positions?.forEach((position, index) => (seen[position] = group.keys[index] as string));
  expect(seen).toEqual(keys);
}

describe("slotGroups (pure: no Redis)", () => {
  const keys = Array.from({ length: 50 }, (_, index) => `key:${index}`);

  it("one group of every key, in order, on a standalone server (a copy of the caller's list)", () => {
    const groups = slotGroups(connection(false, KeyResolver.none.extend("t1")), keys, true);
    expect(groups).toEqual([{ keys, positions: undefined }]);
    expect(groups[0]?.keys).not.toBe(keys);
  });

  it("on a cluster, one group per slot of the prefixed names, carrying the caller's names", () => {
    const resolver = KeyResolver.none.extend("t1");
    const groups = slotGroups(connection(true, resolver), keys, false);
    for (const group of groups) expect(new Set(group.keys.map((key) => keySlot(resolver.key(key)))).size).toBe(1);
    expect(groups).toHaveLength(new Set(keys.map((key) => keySlot(resolver.key(key)))).size);
    positionsCovered(groups, keys);
  });

  it("a hash-tagged view is one group, unless a read fallback's bare names need their own slots", () => {
    const tagged = KeyResolver.none.extend("t1", { hashTag: true });
    expect(slotGroups(connection(true, tagged), keys, true)).toHaveLength(1);
    const fallingBack = KeyResolver.none.extend("t1", { hashTag: true, fallbackFor: () => true });
    expect(slotGroups(connection(true, fallingBack), keys, false)).toHaveLength(1);
    const reads = slotGroups(connection(true, fallingBack), keys, true);
    for (const group of reads) {
      expect(new Set(group.keys.map((key) => keySlot(fallingBack.key(key)))).size).toBe(1);
      expect(new Set(group.keys.map((key) => keySlot(key))).size).toBe(1);
    }
    expect(reads).toHaveLength(new Set(keys.map((key) => keySlot(key))).size);
    positionsCovered(reads, keys);
  });

  it("keys the read fallback accepts and keys it does not go in separate groups, standalone and cluster", () => {
    const legacy = (key: string): boolean => key.endsWith("0");
    const resolver = KeyResolver.none.extend("t1", { hashTag: true, fallbackFor: legacy });
    for (const isCluster of [false, true]) {
      const reads = slotGroups(connection(isCluster, resolver), keys, true);
      for (const group of reads) expect(new Set(group.keys.map(legacy)).size).toBe(1);
      expect(reads.filter((group) => group.keys.some(legacy))).toHaveLength(isCluster ? new Set(keys.filter(legacy).map((key) => keySlot(key))).size : 1);
      positionsCovered(reads, keys);
      expect(slotGroups(connection(isCluster, resolver), keys, false)).toHaveLength(1);
    }
    expect(slotGroups(connection(false, resolver), keys.filter(legacy), true)).toEqual([{ keys: keys.filter(legacy), positions: undefined }]);
  });
});
