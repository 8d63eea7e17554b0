import type { Cluster, Redis } from "ioredis";

/**
 * The parts of ioredis's `Cluster` the pool reads to write a command straight to the master of
 * its slot (private in ioredis's types; ioredis itself routes with exactly these: `slots[slot][0]`
 * is the master's node key, `connectionPool.getInstanceByKey` its client).
 */
interface ClusterInternals {
  readonly slots?: ReadonlyArray<readonly string[] | undefined>;
  readonly connectionPool?: { getInstanceByKey?(key: string): Redis | undefined };
}

/**
 * The ready client of the master that serves `slot` in `cluster`'s slot map, or `undefined`
 * (slot not mapped, master not connected yet, or an ioredis whose internals differ): the caller
 * then lets `Cluster#sendCommand` route the command.
 */
export function readyMasterOf(cluster: Cluster, slot: number): Redis | undefined {
  const internals = cluster as unknown as ClusterInternals;
  const nodeKey = internals.slots?.[slot]?.[0];
  const pool = internals.connectionPool;
  if (nodeKey === undefined || pool === undefined || typeof pool.getInstanceByKey !== "function") return undefined;
  const master = pool.getInstanceByKey(nodeKey);
  return master !== undefined && master.status === "ready" ? master : undefined;
}
