import { join } from "node:path";
import { RedisProcess } from "./redis-process.js";
import type { ClusterNodeHandle } from "./types.js";

export { NodeExitedEarlyError } from "./redis-process.js";

/** Settings of one cluster node process. */
export interface ClusterNodeConfig {
  binary: string;
  port: number;
  dir: string;
  role: "master" | "replica";
  nodeTimeoutMs: number;
  extraArgs: readonly string[];
}

/**
 * One `redis-server --cluster-enabled yes` process. Its data directory (and so its nodes.conf /
 * node id) survives restarts, so a restarted node rejoins the cluster.
 */
export class ClusterNode extends RedisProcess implements ClusterNodeHandle {
  readonly role: "master" | "replica";

  constructor(config: ClusterNodeConfig) {
    super({ binary: config.binary, port: config.port, dir: config.dir, args: clusterCommandLine(config), label: "cluster node" });
    this.role = config.role;
  }
}

function clusterCommandLine(c: ClusterNodeConfig): string[] {
  return [
    "--port", String(c.port),
    "--bind", "127.0.0.1",
    "--cluster-enabled", "yes",
    "--cluster-config-file", "nodes.conf",
    "--cluster-node-timeout", String(c.nodeTimeoutMs),
    "--dir", c.dir,
    "--appendonly", "no",
    "--save", "",
    "--repl-diskless-sync-delay", "0",
    "--daemonize", "no",
    "--logfile", join(c.dir, "redis.log"),
    ...c.extraArgs,
  ];
}
