import type { Cluster, Redis } from "ioredis";
import { RedisConnectionPool } from "@redis-interface/core";
import { masterNodes, sharedRedisFromEnv } from "@redis-interface/testing";

/** A connected pool on the shared standalone server or the shared cluster. */
export async function sharedPool(cluster: boolean, extra: Record<string, unknown> = {}): Promise<RedisConnectionPool> {
  const { port, clusterUrls } = sharedRedisFromEnv();
  return cluster ? RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls, ...extra }) : RedisConnectionPool.connect({ port, poolSize: 2, ...extra });
}

/** A plain ioredis client on the shared standalone server or the shared cluster: what Redis really holds. */
export { connectSharedRaw as sharedRaw } from "@redis-interface/testing";

/** Every key of the whole keyspace (every master of a cluster) matching `pattern`, by plain SCAN. */
export async function rawScan(raw: Redis | Cluster, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  for (const node of masterNodes(raw)) {
    let cursor = "0";
    do {
      const [next, page] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      keys.push(...page);
      cursor = next;
    } while (cursor !== "0");
  }
  return keys;
}

/** Deletes `keys` one by one (they may sit in different cluster slots). */
export async function rawDelete(raw: Redis | Cluster, keys: readonly string[]): Promise<void> {
  for (const key of keys) await raw.del(key);
}
