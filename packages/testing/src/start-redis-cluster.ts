import { rmSync } from "node:fs";
import { join } from "node:path";
import { requireRedisServerBinary } from "./binary.js";
import { failover, masterOfSlot } from "./cluster-failover.js";
import { formCluster } from "./cluster-form.js";
import { ClusterNode, NodeExitedEarlyError } from "./cluster-node.js";
import { findFreePort } from "./ports.js";
import { makeScratchDir } from "./registry.js";
import type { ClusterFailover, ClusterNodeHandle, RedisClusterHandle, StartRedisClusterOptions } from "./types.js";

const FORMATION_TIMEOUT_MS = 60_000;
const PORT_ATTEMPTS = 5;

/**
 * Starts a local Redis Cluster on loopback ports: `masters * (1 + replicas)` redis-server
 * processes spawned directly (not daemonized, so their pids are ours), each in its own scratch
 * directory, formed with ioredis commands (no redis-cli). Resolves only when the cluster is fully
 * ready: `cluster_state:ok` and the same complete slot map on every node, replicas in sync.
 * @param options `masters` (default 3), `replicas` per master (default 1), extra `args` for every
 *   node, `nodeTimeoutMs` (cluster-node-timeout, default 5000).
 * @returns a handle with the nodes (masters first), their `host:port` urls and `stop()`.
 * @throws Error if no redis-server binary is found (install it or set REDISMS_SYSTEM_BINARY), if
 *   the options are invalid, or if the cluster is not ready within 60 s; every process already
 *   started is ended (and the scratch directory removed) before it throws.
 */
export async function startRedisCluster(options: StartRedisClusterOptions = {}): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  const replicas = options.replicas ?? 1;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 5_000;
  if (!Number.isInteger(masters) || masters < 1) throw new Error(`startRedisCluster: masters must be an integer >= 1, got ${masters}`);
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`startRedisCluster: replicas must be an integer >= 0, got ${replicas}`);
  if (!Number.isInteger(nodeTimeoutMs) || nodeTimeoutMs < 1) throw new Error(`startRedisCluster: nodeTimeoutMs must be a positive integer, got ${nodeTimeoutMs}`);
  const binary = requireRedisServerBinary();
  const deadline = Date.now() + FORMATION_TIMEOUT_MS;
  const root = makeScratchDir("cluster");
  const total = masters * (1 + replicas);
  // node i < masters is master i; replica r of master m is node masters + r * masters + m
  const masterIndexOf = (i: number): number | undefined => (i < masters ? undefined : (i - masters) % masters);
  const started: ClusterNode[] = [];

  const startNode = async (i: number): Promise<ClusterNode> => {
    let lastError: unknown;
    for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      const port = await findFreePort({ withClusterBus: true });
      const dir = join(root, `node-${i}-${port}`);
      const node = new ClusterNode({
        binary,
        port,
        dir,
        role: i < masters ? "master" : "replica",
        nodeTimeoutMs,
        extraArgs: options.args ?? [],
      });
      started.push(node);
      try {
        await node.start();
        return node;
      } catch (error) {
        lastError = error;
        if (!(error instanceof NodeExitedEarlyError)) break; // not a port clash: do not retry
      }
    }
    throw lastError;
  };

  try {
    const results = await Promise.allSettled(Array.from({ length: total }, (_, i) => startNode(i)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failure !== undefined) throw failure.reason;
    const nodes = results.map((result) => (result as PromiseFulfilledResult<ClusterNode>).value);
    await formCluster(
      nodes.map((node, i) => ({ host: node.host, port: node.port, masterIndex: masterIndexOf(i) })),
      deadline,
    );
    return new LocalRedisCluster(nodes, root);
  } catch (error) {
    await Promise.allSettled(started.map((node) => node.kill()));
    rmSync(root, { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`startRedisCluster failed: ${message}`, { cause: error });
  }
}

class LocalRedisCluster implements RedisClusterHandle {
  readonly nodes: ClusterNodeHandle[];
  readonly urls: string[];
  readonly #nodes: readonly ClusterNode[];
  readonly #root: string;
  #stopping: Promise<void> | undefined;

  constructor(nodes: readonly ClusterNode[], root: string) {
    this.#nodes = nodes;
    this.#root = root;
    this.nodes = [...nodes];
    this.urls = nodes.map((node) => node.url);
  }

  masterOfSlot(slot: number): Promise<ClusterNodeHandle> {
    return masterOfSlot(this.nodes, slot);
  }

  failover(master: ClusterNodeHandle, options: { timeoutMs?: number; freeze?: boolean } = {}): Promise<ClusterFailover> {
    return failover(this.nodes, master, options.timeoutMs ?? 60_000, options.freeze === true);
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await Promise.all(this.#nodes.map((node) => node.stop()));
      rmSync(this.#root, { recursive: true, force: true });
    })();
    return this.#stopping;
  }
}
