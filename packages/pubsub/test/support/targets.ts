import { Cluster, Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { randomKey, sharedRedisFromEnv } from "@redis-interface/testing";

/** One place the bus is exercised: a pool or a prefixed view, standalone or cluster. */
export interface PubSubTarget {
  readonly name: string;
  readonly pool: RedisConnectionPool;
  readonly connection: RedisConnection;
  /** A plain ioredis client on the same server(s), to publish and look at what Redis sees. */
  readonly raw: Redis | Cluster;
  readonly cluster: boolean;
  /** The name Redis uses for the caller's `channel` through this target. */
  rawChannel(channel: string): string;
}

const TARGETS = [
  { name: "standalone pool", cluster: false, prefix: undefined },
  { name: "standalone view", cluster: false, prefix: "tenant_a" },
  { name: "cluster pool", cluster: true, prefix: undefined },
  { name: "cluster view", cluster: true, prefix: "tenant_b" },
] as const;

/** A connected pool on the shared standalone server or the shared cluster. */
export async function sharedPool(cluster: boolean): Promise<RedisConnectionPool> {
  const { port, clusterUrls } = sharedRedisFromEnv();
  return cluster ? RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls }) : RedisConnectionPool.connect({ port, poolSize: 2 });
}

/** A plain ioredis client on the shared standalone server or the shared cluster. */
export async function sharedRaw(cluster: boolean): Promise<Redis | Cluster> {
  const { port, clusterUrls } = sharedRedisFromEnv();
  const raw = cluster
    ? new Cluster(clusterUrls.map((url) => ({ host: "127.0.0.1", port: Number(url.split(":")[1]) })), { lazyConnect: true })
    : new Redis({ port, lazyConnect: true });
  await raw.connect();
  return raw;
}

/**
 * Runs `body` once per target (standalone and cluster, pool and `withKeyPrefix` view), each
 * against the real servers started by the package's global setup.
 */
export function describeEachTarget(title: string, body: (target: () => PubSubTarget) => void): void {
  describe.each(TARGETS)(`${title} — $name`, ({ name, cluster, prefix }) => {
    let pool: RedisConnectionPool;
    let current: PubSubTarget;
    beforeAll(async () => {
      pool = await sharedPool(cluster);
      const connection = prefix ? pool.withKeyPrefix(`${prefix}_${randomKey("v").slice(-6)}`) : pool;
      const raw = await sharedRaw(cluster);
      current = { name, pool, connection, raw, cluster, rawChannel: (channel) => connection.keys.key(channel) };
    });
    afterAll(async () => {
      await pool?.close();
      current?.raw.disconnect();
    });
    body(() => current);
  });
}

/** Awaits a promise that must reject, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; key?: string; operation?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; key?: string; operation?: string };
  }
  throw new Error("expected a rejection");
}

/** A payment with the types plain JSON loses. */
export function payment(id: string): { id: string; amount: bigint; currency: string; createdAt: Date } {
  return { id, amount: 9_007_199_254_740_993n, currency: "EUR", createdAt: new Date("2026-11-25T09:30:00.123Z") };
}

/** A handler that records what it receives. */
export function recorder<T = unknown>(): { received: Array<{ message: T; channel: string; pattern?: string }>; handler: (message: T, info: { channel: string; pattern?: string }) => void } {
  const received: Array<{ message: T; channel: string; pattern?: string }> = [];
  return { received, handler: (message, info) => void received.push({ message, ...info }) };
}
