import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { describeEachTarget as eachTarget, type TestTarget } from "@redis-interface/testing";

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => TestTarget<RedisConnection>) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, body);
}

/** A promise with its resolve function outside. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
