import type { Cluster, Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { blockedClients, countCalls, describeEachTarget as eachTarget, rejection, type TestTarget } from "@redis-interface/testing";
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

/** Ids of the clients currently blocked in XREAD on any server behind `raw`. */
export function blockedXreadClients(raw: Redis | Cluster): Promise<Set<string>> {
  return blockedClients(raw, "xread");
}
