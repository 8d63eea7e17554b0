import { queryOnce } from "./admin-query.js";
import { infoField } from "./cluster-checks.js";
import type { ClusterFailover, ClusterNodeHandle } from "./types.js";
import { waitFor } from "./wait-for.js";

type SlotRange = readonly [number, number];
/** CLUSTER SLOTS as `[start, end, masterPort]`. */
type SlotOwners = Array<readonly [number, number, number]>;

async function slotOwners(port: number): Promise<SlotOwners> {
  const reply = await queryOnce(port, "CLUSTER", ["SLOTS"]);
  if (!Array.isArray(reply)) throw new Error(`unexpected CLUSTER SLOTS reply from ${port}`);
  return reply.map((entry: unknown) => {
    const [start, end, master] = entry as [number, number, [string, number]];
    return [Number(start), Number(end), Number(master[1])] as const;
  });
}

/** CLUSTER SLOTS from the first running node that answers. */
async function anySlotOwners(nodes: readonly ClusterNodeHandle[]): Promise<SlotOwners> {
  let lastError: unknown = new Error("no cluster node is running");
  for (const node of nodes) {
    if (!node.running) continue;
    try {
      return await slotOwners(node.port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function nodeAt(nodes: readonly ClusterNodeHandle[], port: number): ClusterNodeHandle {
  const node = nodes.find((candidate) => candidate.port === port);
  if (node === undefined) throw new Error(`no node of this cluster listens on port ${port}`);
  return node;
}

/**
 * Asks a running node which node serves `slot`.
 * @returns that node's handle.
 * @throws Error when no running node answers or no node serves the slot.
 */
export async function masterOfSlot(nodes: readonly ClusterNodeHandle[], slot: number): Promise<ClusterNodeHandle> {
  const owner = (await anySlotOwners(nodes)).find(([start, end]) => slot >= start && slot <= end);
  if (owner === undefined) throw new Error(`no node serves slot ${slot}`);
  return nodeAt(nodes, owner[2]);
}

/**
 * SIGKILLs (or, with `freeze`, SIGSTOPs) `master` and waits until another node serves all its
 * slots and every other running node reports `cluster_state:ok`.
 * @returns the promoted node and the slots it took over.
 * @throws Error if `master` serves no slot, or after `timeoutMs` (the last problem is the cause).
 */
export async function failover(nodes: readonly ClusterNodeHandle[], master: ClusterNodeHandle, timeoutMs: number, freeze: boolean): Promise<ClusterFailover> {
  const others = nodes.filter((node) => node !== master);
  const slots: SlotRange[] = (await anySlotOwners(others)).filter(([, , port]) => port === master.port).map(([start, end]) => [start, end] as const);
  if (slots.length === 0) throw new Error(`failover: ${master.url} serves no slot`);
  if (freeze) master.freeze();
  else await master.kill();
  let promoted: ClusterNodeHandle | undefined;
  await waitFor(
    async () => {
      const running = others.filter((node) => node.running);
      const owners = await slotOwners((running[0] as ClusterNodeHandle).port);
      const newOwners = new Set(slots.map(([start]) => owners.find(([from, to]) => start >= from && start <= to)?.[2]));
      if (newOwners.size !== 1 || newOwners.has(undefined) || newOwners.has(master.port)) throw new Error(`slots still served by ${[...newOwners].join(",")}`);
      const states = await Promise.all(running.map(async (node) => infoField(String(await queryOnce(node.port, "CLUSTER", ["INFO"])), "cluster_state")));
      if (states.some((state) => state !== "ok")) throw new Error(`cluster_state is ${states.join(",")}`);
      promoted = nodeAt(nodes, [...newOwners][0] as number);
      return true;
    },
    { timeoutMs, intervalMs: 100, description: `a replica of ${master.url} to take over its slots` },
  );
  return { promoted: promoted as ClusterNodeHandle, slots };
}
