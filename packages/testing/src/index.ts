export { startRedis } from "./start-redis.js";
export { startRedisCluster } from "./start-redis-cluster.js";
export { findFreePort } from "./ports.js";
export { randomKey } from "./random-key.js";
export { waitFor } from "./wait-for.js";
export { resolveRedisServerBinary } from "./binary.js";
export type {
  ClusterNodeHandle,
  FindFreePortOptions,
  RedisClusterHandle,
  RedisServerHandle,
  StartRedisClusterOptions,
  StartRedisOptions,
  WaitForOptions,
} from "./types.js";
