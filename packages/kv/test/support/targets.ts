import { Cluster, Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { randomKey, sharedRedisFromEnv } from "@redis-interface/testing";
import { kv, type KeyValueStore } from "../../src/index.js";

/** One place the kv functions are exercised: a pool or a prefixed view, standalone or cluster. */
export interface KvTarget {
  readonly name: string;
  readonly store: KeyValueStore;
  readonly connection: RedisConnection;
  /** A plain ioredis client on the same server(s), to check what Redis really holds. */
  readonly raw: Redis | Cluster;
  readonly cluster: boolean;
  /** The name Redis stores for the caller's `key` through this target. */
  rawKey(key: string): string;
}

const TARGETS = [
  { name: "standalone pool", cluster: false, prefix: undefined },
  { name: "standalone view", cluster: false, prefix: "tenant_a" },
  { name: "cluster pool", cluster: true, prefix: undefined },
  { name: "cluster view", cluster: true, prefix: "tenant_b" },
] as const;

/**
 * Runs `body` once per target (standalone and cluster, pool and `withKeyPrefix` view), each
 * against the real servers started by the package's global setup.
 */
export function describeEachTarget(title: string, body: (target: () => KvTarget) => void): void {
  describe.each(TARGETS)(`${title} — $name`, ({ name, cluster, prefix }) => {
    let pool: RedisConnectionPool;
    let current: KvTarget;
    beforeAll(async () => {
      const { port, clusterUrls: urls } = sharedRedisFromEnv();
      pool = cluster
        ? await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: urls })
        : await RedisConnectionPool.connect({ port, poolSize: 2 });
      const connection = prefix ? pool.withKeyPrefix(`${prefix}_${randomKey("v").slice(-6)}`) : pool;
      const raw = cluster
        ? new Cluster(urls.map((url) => ({ host: "127.0.0.1", port: Number(url.split(":")[1]) })), { lazyConnect: true })
        : new Redis({ port, lazyConnect: true });
      await raw.connect();
      current = { name, store: kv(connection), connection, raw, cluster, rawKey: (key) => connection.keys.key(key) };
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
