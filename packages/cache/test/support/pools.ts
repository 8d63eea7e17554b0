import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { sharedRedisFromEnv, waitFor } from "@redis-interface/testing";
import type { RedisCache } from "../../src/index.js";

/** A pool on the shared standalone server (`port` given: that server) or the shared cluster. */
export function connectPool(cluster: boolean, port?: number): Promise<RedisConnectionPool> {
  const shared = sharedRedisFromEnv();
  return cluster
    ? RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: shared.clusterUrls, poolSize: 1 })
    : RedisConnectionPool.connect({ port: port ?? shared.port, poolSize: 1 });
}

/** Waits (generously: the machine is shared) until the cache's invalidation link is healthy. */
export function healthy(cache: RedisCache): Promise<void> {
  return waitFor(() => !cache.stats().bypassing, { timeoutMs: 30_000, description: "the cache's invalidation link to be healthy" });
}

/** Reads `key` twice through the cache: the second read must be an L1 hit (asserted by the stats). */
export async function warm(cache: RedisCache, key: string): Promise<unknown> {
  const value = await cache.get(key);
  const hits = cache.stats().hits;
  expect(await cache.get(key)).toEqual(value);
  expect(cache.stats().hits).toBe(hits + 1);
  return value;
}

export type { RedisConnection };
