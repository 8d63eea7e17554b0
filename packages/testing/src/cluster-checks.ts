import type { Redis } from "ioredis";
import { SLOT_COUNT, type FormationNode, type SlotRange } from "./cluster-layout.js";

/**
 * Picks the client of node `index`.
 * @returns the client.
 * @throws Error if there is none (a programming error).
 */
export function clientAt(clients: readonly Redis[], index: number): Redis {
  const client = clients[index];
  if (client === undefined) throw new Error(`no client for node ${index}`);
  return client;
}

/**
 * Checks that CLUSTER NODES on every node lists every id, none in handshake/fail/noaddr state,
 * with all links connected.
 * @returns `true` if so, `false` otherwise.
 * @throws whatever a CLUSTER NODES call throws.
 */
export async function everyNodeKnowsEveryNode(clients: readonly Redis[], ids: readonly string[]): Promise<boolean> {
  const views = await Promise.all(clients.map(async (client) => String(await client.call("CLUSTER", ["NODES"]))));
  return views.every((view, i) => {
    const lines = view.trim().split("\n").filter((line) => line.trim() !== "");
    const known = new Map(lines.map((line) => [line.split(" ")[0], line]));
    return ids.every((id) => {
      const line = known.get(id);
      if (line === undefined) return false;
      const fields = line.split(" ");
      const flags = (fields[2] ?? "").split(",");
      const link = fields[7];
      if (flags.some((flag) => ["handshake", "noaddr", "fail", "fail?"].includes(flag))) return false;
      if (id === ids[i]) return true;
      return link === "connected";
    });
  });
}

/**
 * Builds the CLUSTER SLOTS map every node must show once formation is complete.
 * @returns a normalised string (same format as the one built from CLUSTER SLOTS replies).
 * @throws never.
 */
export function expectedSlotMap(
  nodes: readonly FormationNode[],
  ranges: readonly SlotRange[],
  masterIndexes: readonly number[],
): string {
  return masterIndexes
    .map((nodeIndex, m) => {
      const range = ranges[m] as SlotRange;
      const master = nodes[nodeIndex] as FormationNode;
      const replicaPorts = nodes.filter((node) => node.masterIndex === nodeIndex).map((node) => node.port);
      return slotEntry(range.start, range.end, master.port, replicaPorts);
    })
    .sort()
    .join(" ");
}

function slotEntry(start: number, end: number, masterPort: number, replicaPorts: number[]): string {
  const replicas = [...replicaPorts].sort((a, b) => a - b).join(",");
  return `${start}-${end}@${masterPort}[${replicas}]`;
}

/** Normalises a CLUSTER SLOTS reply into the format of {@link expectedSlotMap}. */
function slotMapOf(reply: unknown): string {
  if (!Array.isArray(reply)) throw new Error(`unexpected CLUSTER SLOTS reply: ${String(reply)}`);
  return reply
    .map((entry: unknown) => {
      if (!Array.isArray(entry) || entry.length < 3) throw new Error("unexpected CLUSTER SLOTS entry");
      const [start, end, master, ...replicas] = entry as [number, number, unknown[], ...unknown[][]];
      return slotEntry(
        Number(start),
        Number(end),
        Number(master[1]),
        replicas.map((replica) => Number(replica[1])),
      );
    })
    .sort()
    .join(" ");
}

/**
 * Reads one `field:value` line of an INFO / CLUSTER INFO reply.
 * @returns the value, or `undefined` if the field is absent.
 * @throws never.
 */
export function infoField(info: string, field: string): string | undefined {
  const match = new RegExp(`^${field}:(.*)$`, "m").exec(info);
  return match?.[1]?.trim();
}

/**
 * Full readiness check: on every node cluster_state:ok, all slots assigned, all nodes known, the
 * expected CLUSTER SLOTS map; plus {@link replicationIsUp}.
 * @returns `true` when ready.
 * @throws Error describing the first problem found (so waitFor can report it).
 */
export async function clusterIsReady(
  nodes: readonly FormationNode[],
  clients: readonly Redis[],
  expectedSlots: string,
): Promise<boolean> {
  await Promise.all(
    nodes.map(async (node, i) => {
      const client = clientAt(clients, i);
      const name = `${node.host}:${node.port}`;
      const info = String(await client.call("CLUSTER", ["INFO"]));
      const state = infoField(info, "cluster_state");
      if (state !== "ok") throw new Error(`${name}: cluster_state:${state ?? "?"}`);
      const assigned = infoField(info, "cluster_slots_assigned");
      if (assigned !== String(SLOT_COUNT)) throw new Error(`${name}: cluster_slots_assigned:${assigned ?? "?"}`);
      const known = infoField(info, "cluster_known_nodes");
      if (known !== String(nodes.length)) throw new Error(`${name}: cluster_known_nodes:${known ?? "?"}`);

      const slots = slotMapOf(await client.call("CLUSTER", ["SLOTS"]));
      if (slots !== expectedSlots) throw new Error(`${name}: CLUSTER SLOTS is "${slots}", want "${expectedSlots}"`);
    }),
  );
  return replicationIsUp(nodes, clients);
}

/**
 * Checks that every replica replicates its master with the link up and that every master sees
 * all its replicas.
 * @returns `true` when so.
 * @throws Error describing the first problem found.
 */
export async function replicationIsUp(nodes: readonly FormationNode[], clients: readonly Redis[]): Promise<boolean> {
  await Promise.all(
    nodes.map(async (node, i) => {
      const name = `${node.host}:${node.port}`;
      const replication = String(await clientAt(clients, i).call("INFO", ["replication"]));
      if (node.masterIndex !== undefined) {
        const master = nodes[node.masterIndex] as FormationNode;
        if (infoField(replication, "role") !== "slave" || infoField(replication, "master_port") !== String(master.port)) {
          throw new Error(`${name}: not yet a replica of ${master.host}:${master.port}`);
        }
        const link = infoField(replication, "master_link_status");
        if (link !== "up") throw new Error(`${name}: master_link_status:${link ?? "?"}`);
      } else {
        const want = nodes.filter((other) => other.masterIndex === i).length;
        const connected = infoField(replication, "connected_slaves");
        if (connected !== String(want)) throw new Error(`${name}: connected_slaves:${connected ?? "?"}, want ${want}`);
      }
    }),
  );
  return true;
}
