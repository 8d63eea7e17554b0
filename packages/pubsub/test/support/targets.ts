import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { describeEachTarget as eachTarget, sharedRedisFromEnv, type TestTarget } from "@redis-interface/testing";

/** A target of the shared harness, with the name Redis uses for a channel. */
export interface PubSubTarget extends TestTarget<RedisConnection> {
  /** The name Redis uses for the caller's `channel` through this target. */
  rawChannel(channel: string): string;
}

/** A connected pool on the shared standalone server or the shared cluster. */
export async function sharedPool(cluster: boolean): Promise<RedisConnectionPool> {
  const { port, clusterUrls } = sharedRedisFromEnv();
  return cluster ? RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls }) : RedisConnectionPool.connect({ port, poolSize: 2 });
}

/** A plain ioredis client on the shared standalone server or the shared cluster. */
export { connectSharedRaw as sharedRaw } from "@redis-interface/testing";

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => PubSubTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, (target) => {
    body(() => {
      const current = target();
      return { ...current, rawChannel: current.rawKey };
    });
  });
}

export { rejection } from "@redis-interface/testing";

/** A payment with the types plain JSON loses. */
export function payment(id: string): { id: string; amount: bigint; currency: string; createdAt: Date } {
  return { id, amount: 9_007_199_254_740_993n, currency: "EUR", createdAt: new Date("2026-11-25T09:30:00.123Z") };
}

/** A handler that records what it receives. */
export function recorder<T = unknown>(): { received: Array<{ message: T; channel: string; pattern?: string }>; handler: (message: T, info: { channel: string; pattern?: string }) => void } {
  const received: Array<{ message: T; channel: string; pattern?: string }> = [];
  return { received, handler: (message, info) => void received.push({ message, ...info }) };
}
