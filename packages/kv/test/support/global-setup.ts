import { startRedis, startRedisCluster } from "@redis-interface/testing";

export default async function globalSetup(): Promise<void> {
  const [server, cluster] = await Promise.all([startRedis(), startRedisCluster({ masters: 3, replicas: 0 })]);
  (globalThis as Record<string, unknown>).__kvServers = { server, cluster };
  process.env.KV_TEST_REDIS_PORT = String(server.port);
  process.env.KV_TEST_CLUSTER_URLS = cluster.urls.join(",");
}
