export { startRedis } from "./start-redis.js";
export { startRedisCluster } from "./start-redis-cluster.js";
export { startRedisSentinel } from "./start-redis-sentinel.js";
export { findFreePort } from "./ports.js";
export { randomId, randomKey } from "./random-key.js";
export { waitFor } from "./wait-for.js";
export { resolveRedisServerBinary } from "./binary.js";
export type {
  ClusterFailover,
  ClusterNodeHandle,
  RedisProcessHandle,
  RedisSentinelHandle,
  SentinelServerHandle,
  StartRedisSentinelOptions,
  FindFreePortOptions,
  RedisClusterHandle,
  RedisServerHandle,
  StartRedisClusterOptions,
  StartRedisOptions,
  WaitForOptions,
} from "./types.js";
export { setupSharedRedis, teardownSharedRedis, sharedRedisFromEnv } from "./shared-servers.js";
export type { SharedRedis } from "./shared-servers.js";
export { describeEachTarget, rejection, countCalls } from "./each-target.js";
export { leakedSecrets, printedErrorForms, printedForms } from "./secret-scan.js";
export { unknownOptionProblem } from "./option-checks.js";
export { blockedClients, connectSharedRaw, masterNodes } from "./raw-clients.js";
export type { EachTargetOptions, Rejected, TargetConnection, TargetPool, TargetSettings, TestTarget } from "./each-target.js";
