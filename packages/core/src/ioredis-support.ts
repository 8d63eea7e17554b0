import { Command, Redis, type Cluster } from "ioredis";
import { RedisError } from "./errors.js";

/**
 * The ioredis internals the pool relies on (for writing described commands, failing written
 * commands with UNCERTAIN, routing on a cluster and redacting ioredis's own trace events), each
 * with a check. They exist in every ioredis 6 release we test; a release that dropped one would make
 * the pool misbehave quietly (a value on a trace channel, a command left unanswered), so the pool
 * refuses to start instead.
 */
const PROTOTYPE_INTERNALS: ReadonlyArray<readonly [string, () => boolean]> = [
  ["Command.prototype.toWritable", () => typeof (Command.prototype as { toWritable?: unknown }).toWritable === "function"],
  // on a cluster too: its node connections are `Redis` clients
  ["Redis.prototype._buildCommandContext", () => typeof (Redis.prototype as unknown as { _buildCommandContext?: unknown })._buildCommandContext === "function"],
];

const STANDALONE_INTERNALS: ReadonlyArray<readonly [string, (client: object) => boolean]> = [
  ["Redis#commandQueue", (client) => typeof (client as { commandQueue?: { length?: unknown } }).commandQueue?.length === "number"],
  ["Redis#sendCommand", (client) => typeof (client as { sendCommand?: unknown }).sendCommand === "function"],
];

const CLUSTER_INTERNALS: ReadonlyArray<readonly [string, (client: object) => boolean]> = [
  ["Cluster#slots", (client) => Array.isArray((client as { slots?: unknown }).slots)],
  ["Cluster#connectionPool.getInstanceByKey", (client) => typeof (client as { connectionPool?: { getInstanceByKey?: unknown } }).connectionPool?.getInstanceByKey === "function"],
];

/**
 * Checks a freshly built (not yet connected) client for the internals above; no I/O.
 * @returns nothing.
 * @throws RedisError `INVALID_CONFIGURATION` naming the missing internal.
 */
export function assertSupportedIoredis(client: Redis | Cluster, isCluster: boolean): void {
  const missing =
    PROTOTYPE_INTERNALS.find(([, present]) => !present())?.[0] ??
    (isCluster ? CLUSTER_INTERNALS : STANDALONE_INTERNALS).find(([, present]) => !present(client))?.[0];
  if (missing === undefined) return;
  throw new RedisError("INVALID_CONFIGURATION", {
    operation: "connect",
    message: `the installed ioredis lacks ${missing}, which @redis-interface/core relies on: use ioredis ^6.0.0 (see the core README)`,
  });
}
