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

/** ioredis's message when a connection closed with the command unanswered (`CONNECTION_CLOSED_ERROR_MSG`). */
export const CONNECTION_CLOSED = "Connection is closed.";

/**
 * True for the errors after which a command the pool wrote straight to a cluster node must be
 * routed again by ioredis's `Cluster` (which follows MOVED/ASK, waits out TRYAGAIN/CLUSTERDOWN and
 * re-routes after a closed node, as for the commands it routes itself).
 */
export function isClusterRedirection(message: string): boolean {
  return (
    message.startsWith("MOVED ") ||
    message.startsWith("ASK ") ||
    message.startsWith("TRYAGAIN") ||
    message.startsWith("CLUSTERDOWN") ||
    message === CONNECTION_CLOSED
  );
}
