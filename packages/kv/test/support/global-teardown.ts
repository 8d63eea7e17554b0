import type { RedisClusterHandle, RedisServerHandle } from "@redis-interface/testing";

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>).__kvServers as { server: RedisServerHandle; cluster: RedisClusterHandle } | undefined;
  await Promise.all([servers?.server.stop(), servers?.cluster.stop()]);
}
