export { RedisError, isRedisError, REDIS_ERROR_CODES } from "./errors.js";
export type { RedisErrorCode, RedisErrorDetails } from "./errors.js";
export { DEFAULT_REDIS_SETTINGS } from "./settings.js";
export type { RedisSettings, RedisSentinelSettings, ResolvedRedisSettings } from "./settings.js";
export { resolveRedisSettings } from "./resolve-settings.js";
export { redisSettingsFromUrl } from "./settings-from-url.js";
export { redisSettingsFromEnv } from "./settings-from-env.js";
export { parseHostPort } from "./host-port.js";
export type { HostPort } from "./host-port.js";
export { superjsonCodec, jsonCodec, serdeCodec, BUILT_IN_CODECS } from "./codec.js";
export type { CodecChoice, RedisCodec } from "./codec.js";
export { encodeValue, decodeValue } from "./value-codec.js";
export type { CodecContext } from "./value-codec.js";
export { KeyResolver } from "./keys.js";
export { keySlot, groupBySlot } from "./cluster-slots.js";
export { luaScript } from "./lua.js";
export type { LuaScript } from "./lua.js";
export type { BackoffPolicy } from "./backoff.js";
export type {
  RedisClient,
  RedisConnection,
  RedisConnectionEvents,
  BlockingOptions,
  DedicatedConnectionOptions,
} from "./connection.js";
export { RedisConnectionPool } from "./pool.js";
export type { RedisPoolStats, RedisPoolConnectionStats } from "./pool-stats.js";
export { COMMAND_TRACE_CHANNEL } from "./tracing.js";
export type { RedisCommandTrace } from "./tracing.js";
export { FIRST_KEY, NO_KEYS, leadingKeys, scriptCommand } from "./command.js";
export type { RedisArgument, RedisCommand } from "./command.js";
export { bindOperations } from "./operations.js";
export type { BoundOperations, Operations } from "./operations.js";
export type { RedisPoolDescription } from "./pool-description.js";
