import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { describeEachTarget as eachTarget, rejection, type TestTarget } from "@redis-interface/testing";
import { kv, type KeyValueStore } from "../../src/index.js";

/** A target of the shared harness with the kv store on its connection. */
export interface KvTarget extends TestTarget<RedisConnection> {
  readonly store: KeyValueStore;
}

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => KvTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, (target) => {
    body(() => {
      const current = target();
      return { ...current, store: kv(current.connection) };
    });
  });
}

export { rejection };
