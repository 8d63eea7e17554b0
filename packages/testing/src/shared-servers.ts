import { startRedis } from "./start-redis.js";
import { startRedisCluster } from "./start-redis-cluster.js";
import type { RedisClusterHandle, RedisServerHandle } from "./types.js";

const PORT_VARIABLE = "REDIS_INTERFACE_TEST_PORT";
const CLUSTER_VARIABLE = "REDIS_INTERFACE_TEST_CLUSTER_URLS";
const HANDLES = Symbol.for("@redis-interface/testing/shared-servers");

type Holder = { [HANDLES]?: { server: RedisServerHandle; cluster?: RedisClusterHandle } };

/** Where the shared servers of `setupSharedRedis` listen. */
export interface SharedRedis {
  /** Port of the standalone redis-server on 127.0.0.1. */
  port: number;
  /** `"host:port"` of every node of the local cluster (empty when started without one). */
  clusterUrls: string[];
}

/**
 * Jest `globalSetup`: starts one redis-server (and, unless `cluster: false`, one local cluster of
 * 3 masters) for a whole test run, and publishes where they listen in environment variables that
 * the test workers inherit (read them with `sharedRedisFromEnv`). Tests share the servers, so they
 * must use random keys.
 */
export async function setupSharedRedis(options: { cluster?: boolean } = {}): Promise<SharedRedis> {
  const [server, cluster] = await Promise.all([startRedis(), options.cluster === false ? undefined : startRedisCluster({ masters: 3, replicas: 0 })]);
  (globalThis as Holder)[HANDLES] = cluster ? { server, cluster } : { server };
  process.env[PORT_VARIABLE] = String(server.port);
  process.env[CLUSTER_VARIABLE] = cluster ? cluster.urls.join(",") : "";
  return { port: server.port, clusterUrls: cluster ? cluster.urls : [] };
}

/** Jest `globalTeardown`: stops the servers of `setupSharedRedis`. */
export async function teardownSharedRedis(): Promise<void> {
  const handles = (globalThis as Holder)[HANDLES];
  delete (globalThis as Holder)[HANDLES];
  await Promise.all([handles?.server.stop(), handles?.cluster?.stop()]);
}

/**
 * Inside a test: where the servers of `setupSharedRedis` listen.
 * @throws Error when no shared servers were set up (no `globalSetup`).
 */
export function sharedRedisFromEnv(): SharedRedis {
  const port = Number(process.env[PORT_VARIABLE]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${PORT_VARIABLE} is not set: add setupSharedRedis as Jest's globalSetup`);
  const urls = process.env[CLUSTER_VARIABLE] ?? "";
  return { port, clusterUrls: urls === "" ? [] : urls.split(",") };
}
