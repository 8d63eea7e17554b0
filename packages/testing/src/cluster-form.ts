import { Redis } from "ioredis";
import {
  clientAt,
  clusterIsReady,
  everyNodeKnowsEveryNode,
  expectedSlotMap,
  infoField,
  replicationIsUp,
} from "./cluster-checks.js";
import { splitSlots, type FormationNode, type SlotRange } from "./cluster-layout.js";
import { waitFor } from "./wait-for.js";

/**
 * Forms a Redis Cluster out of fresh, empty `--cluster-enabled yes` nodes (no redis-cli needed):
 * distinct config epochs, ADDSLOTSRANGE on the masters, MEET to the first node, REPLICATE once
 * every node knows every other, then polls until the cluster is fully ready: every node reports
 * `cluster_state:ok` and shows the exact expected slot map (masters and replicas) in CLUSTER
 * SLOTS, every replica has `master_link_status:up` and every master sees all its replicas.
 * Masters must come first in `nodes`, in slot order.
 * @param deadline absolute time (ms since epoch) by which the cluster must be ready.
 * @returns a promise resolved when the cluster is ready.
 * @throws Error (naming the failing step, with the last problem seen) on command failure or when
 *   the deadline passes.
 */
export async function formCluster(nodes: readonly FormationNode[], deadline: number): Promise<void> {
  const clients = nodes.map(
    (node) =>
      new Redis({
        host: node.host,
        port: node.port,
        lazyConnect: true,
        connectTimeout: 5_000,
        commandTimeout: 5_000,
        maxRetriesPerRequest: 3,
        retryStrategy: (times) => Math.min(times * 50, 500),
      }),
  );
  for (const client of clients) client.on("error", () => undefined);
  try {
    await Promise.all(clients.map((client) => client.connect()));
    const ids = await Promise.all(clients.map(async (client) => String(await client.call("CLUSTER", ["MYID"]))));
    const masterIndexes = nodes.flatMap((node, i) => (node.masterIndex === undefined ? [i] : []));
    const ranges = splitSlots(masterIndexes.length);

    await Promise.all(clients.map((client, i) => client.call("CLUSTER", ["SET-CONFIG-EPOCH", String(i + 1)])));
    await Promise.all(
      masterIndexes.map((nodeIndex, m) => {
        const range = ranges[m] as SlotRange;
        return clientAt(clients, nodeIndex).call("CLUSTER", [
          "ADDSLOTSRANGE",
          String(range.start),
          String(range.end),
        ]);
      }),
    );
    // Every node meets every earlier node (the first one included): a full mesh of handshakes
    // instead of waiting for gossip to spread the node list (about 3 s for 6 nodes).
    await Promise.all(
      clients.flatMap((client, i) =>
        nodes.slice(0, i).map((other) => client.call("CLUSTER", ["MEET", other.host, String(other.port)])),
      ),
    );

    await waitFor(() => everyNodeKnowsEveryNode(clients, ids), {
      timeoutMs: remaining(deadline),
      intervalMs: 50,
      description: "every cluster node to know every other node",
    });

    await Promise.all(
      nodes.map(async (node, i) => {
        if (node.masterIndex === undefined) return;
        const masterId = ids[node.masterIndex] as string;
        await waitFor(
          async () => {
            await clientAt(clients, i).call("CLUSTER", ["REPLICATE", masterId]);
            return true;
          },
          {
            timeoutMs: remaining(deadline),
            intervalMs: 50,
            description: `${node.host}:${node.port} to accept CLUSTER REPLICATE ${masterId}`,
          },
        );
      }),
    );

    if (nodes.length > masterIndexes.length) {
      await waitFor(() => replicationIsUp(nodes, clients), {
        timeoutMs: remaining(deadline),
        intervalMs: 50,
        description: "every replica to be in sync with its master (master_link_status:up)",
      });
      await nudgeReplicaOffsets(nodes, clients, deadline);
    }

    const expected = expectedSlotMap(nodes, ranges, masterIndexes);
    await waitFor(() => clusterIsReady(nodes, clients, expected), {
      timeoutMs: remaining(deadline),
      intervalMs: 50,
      description: "the cluster to be ready (cluster_state:ok, same slot map everywhere, replicas in sync)",
    });
  } finally {
    for (const client of clients) client.disconnect();
  }
}

/**
 * CLUSTER SLOTS only lists a replica once the replica's replication offset, as last heard over
 * the cluster bus, is non-zero. Left alone that takes 10 s (an idle master only moves the offset
 * with its replication PING, every repl-ping-replica-period) plus gossip delays. So: FLUSHALL on
 * the still-empty masters (always propagated, so it moves the offset at once), wait until every
 * replica has processed it, then PUBLISH once from each replica: a cluster-bus PUBLISH goes to
 * every node, and every bus message header carries the sender's offset.
 * This only speeds things up; readiness is still decided by polling.
 */
async function nudgeReplicaOffsets(nodes: readonly FormationNode[], clients: readonly Redis[], deadline: number): Promise<void> {
  const replicaIndexes = nodes.flatMap((node, i) => (node.masterIndex === undefined ? [] : [i]));
  const mastersWithReplicas = [...new Set(replicaIndexes.map((i) => nodes[i]?.masterIndex as number))];
  await Promise.all(mastersWithReplicas.map((m) => clientAt(clients, m).call("FLUSHALL")));
  await waitFor(
    async () => {
      const offsets = await Promise.all(
        replicaIndexes.map(async (i) => infoField(String(await clientAt(clients, i).call("INFO", ["replication"])), "slave_repl_offset")),
      );
      return offsets.every((offset) => offset !== undefined && Number(offset) > 0);
    },
    { timeoutMs: remaining(deadline), intervalMs: 20, description: "every replica to process the first replicated command" },
  );
  await Promise.all(replicaIndexes.map((i) => clientAt(clients, i).call("PUBLISH", [NUDGE_CHANNEL, "ready"])));
}

const NUDGE_CHANNEL = "__redis-interface-testing:cluster-ready";

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}
