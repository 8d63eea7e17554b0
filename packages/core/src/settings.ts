import type { ConnectionOptions as TlsOptions } from "node:tls";
import type { CodecChoice, RedisCodec } from "./codec.js";

/** Sentinel deployment: the master's name and the sentinels that know where it is. */
export interface RedisSentinelSettings {
  /** The master group name configured in Sentinel (`sentinel monitor <name> …`). */
  masterName: string;
  /** Sentinel addresses as `"host:port"`. */
  sentinels: string[];
  sentinelUsername?: string;
  sentinelPassword?: string;
}

/**
 * Everything a pool needs. Defaults are Hyperswitch's `RedisSettings` defaults (times that
 * Hyperswitch gives in seconds are milliseconds here when the name ends in `Ms`).
 */
export interface RedisSettings {
  host: string;
  port: number;
  username?: string;
  /** Never printed: errors, logs and `JSON.stringify` of settings leave it out. */
  password?: string;
  db: number;
  /** `false`, `true` (default TLS options) or Node TLS options. */
  tls: false | true | TlsOptions;
  clusterEnabled: boolean;
  /** Cluster seed nodes as `"host:port"`. */
  clusterUrls: string[];
  sentinel?: RedisSentinelSettings;
  /** Connections kept open and used round-robin (standalone and Sentinel). */
  poolSize: number;
  /** Reconnect attempts before a connection gives up (0 = forever). */
  reconnectMaxAttempts: number;
  /** Base delay of the exponential reconnect backoff. */
  reconnectDelayMs: number;
  /** Cap of the reconnect backoff. */
  reconnectMaxDelayMs: number;
  /** How long `connect` (and each TCP connect) may take before it fails. */
  connectTimeoutMs: number;
  /** Seconds applied by `setKey` and friends. */
  defaultTtl: number;
  /** Seconds applied to hashes written by `setHashFields` and friends. */
  defaultHashTtl: number;
  /** COUNT used by stream reads that do not give one. */
  streamReadCount: number;
  /** ioredis auto-pipelining of `execute` closures on the shared connections (standalone and Sentinel; a cluster pool never auto-pipelines, see the README). `send` batches each turn's commands itself whatever this says. */
  autoPipeline: boolean;
  /** Commands that may await a reply (or a connection) at once across the pool; the next one fails with `BACKPRESSURE`. */
  maxInFlightCommands: number;
  /** A command not answered within this time fails with `COMMAND_TIMEOUT`. */
  defaultCommandTimeoutMs: number;
  /** A connection with a command unanswered for this long is considered stuck and is reconnected; on a cluster, also how often the slot map is refreshed. */
  unresponsiveTimeoutMs: number;
  /** Seconds without any reply from Redis before the pool emits `unavailable`. */
  maxFailureThresholdSeconds: number;
  /** Prefix of every key of the pool (`prefix:key`); `''` for none. */
  keyPrefix: string;
  /** `'superjson'` (default: plain JSON when it can, superjson's envelope when it must), `'json'`, `'serde'`, or your own codec. */
  codec: CodecChoice;
}

/** Settings after `resolveRedisSettings`: complete, validated, frozen, with the codec resolved. */
export type ResolvedRedisSettings = Readonly<Omit<RedisSettings, "codec" | "clusterUrls"> & {
  codec: RedisCodec;
  clusterUrls: readonly string[];
}>;

/** Hyperswitch's defaults (`crates/redis_interface/src/types.rs`), in this package's units. */
export const DEFAULT_REDIS_SETTINGS: Readonly<Omit<RedisSettings, "username" | "password" | "sentinel">> = Object.freeze({
  host: "127.0.0.1",
  port: 6379,
  db: 0,
  tls: false,
  clusterEnabled: false,
  clusterUrls: [],
  poolSize: 5,
  reconnectMaxAttempts: 5,
  reconnectDelayMs: 50,
  reconnectMaxDelayMs: 2_000,
  connectTimeoutMs: 10_000,
  defaultTtl: 300,
  defaultHashTtl: 900,
  streamReadCount: 1,
  autoPipeline: true,
  maxInFlightCommands: 5_000,
  defaultCommandTimeoutMs: 30_000,
  unresponsiveTimeoutMs: 10_000,
  maxFailureThresholdSeconds: 5,
  keyPrefix: "",
  codec: "superjson",
});

/** Every field name a `RedisSettings` may have (unknown names are configuration errors). */
export const REDIS_SETTINGS_FIELDS: readonly (keyof RedisSettings)[] = [
  ...(Object.keys(DEFAULT_REDIS_SETTINGS) as (keyof RedisSettings)[]),
  "username",
  "password",
  "sentinel",
];
