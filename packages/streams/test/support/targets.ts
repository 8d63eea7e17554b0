import { Cluster, type Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { countCalls, describeEachTarget as eachTarget, rejection, type TestTarget } from "@redis-interface/testing";
import { streams, type StreamStore } from "../../src/index.js";

/** A target of the shared harness with the stream functions on its connection. */
export interface StreamsTarget extends TestTarget<RedisConnection> {
  readonly store: StreamStore;
}

/**
 * Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view.
 * Standalone pools have a single shared connection (`poolSize: 1`), so anything that held it (a
 * BLOCK on it) would stall the rest.
 */
export function describeEachTarget(title: string, body: (target: () => StreamsTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 1 } }, (target) => {
    body(() => {
      const current = target();
      return { ...current, store: streams(current.connection) };
    });
  });
}

export { rejection };

/**
 * Wraps `connection` so that calls to `execute` and `executeBlocking` are counted (and still
 * made): proves that a call failed before any I/O, or which path a read took.
 */
export function countingConnection(connection: RedisConnection): { connection: RedisConnection; sent: { execute: number; executeBlocking: number } } {
  const { proxy, calls } = countCalls(connection, ["execute", "executeBlocking"]);
  return { connection: proxy, sent: calls };
}

/** The masters to ask about clients: the server itself, or every master of the cluster. */
function serversOf(raw: Redis | Cluster): Redis[] {
  return raw instanceof Cluster ? raw.nodes("master") : [raw];
}

/**
 * Ids (`port/id`) of the clients currently blocked in XREAD on any server behind `raw`, from
 * `CLIENT LIST` (`cmd=xread` with the `b` flag).
 */
export async function blockedXreadClients(raw: Redis | Cluster): Promise<Set<string>> {
  const found = new Set<string>();
  for (const server of serversOf(raw)) {
    const list = String(await server.client("LIST"));
    for (const line of list.split("\n")) {
      const fields = new Map(line.trim().split(" ").map((pair) => pair.split("=", 2) as [string, string]));
      if (fields.get("cmd") === "xread" && (fields.get("flags") ?? "").includes("b")) found.add(`${server.options.port}/${fields.get("id")}`);
    }
  }
  return found;
}
