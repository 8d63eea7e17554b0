import type { RedisPoolStats } from "./pool-stats.js";
import type { ResolvedRedisSettings } from "./settings.js";

/** What a pool shows when printed or serialised: where it points and how it is doing, no secret. */
export interface RedisPoolDescription {
  host: string;
  port: number;
  db: number;
  cluster: boolean;
  stats: RedisPoolStats;
}

/**
 * The safe facts of a pool for `util.inspect`, `console.log` and `JSON.stringify`: host, port,
 * db, cluster mode and `stats()`. Never the ioredis clients (their `options` hold the password,
 * the sentinel password and TLS keys) nor the settings' secrets.
 */
export function describePool(settings: ResolvedRedisSettings, stats: RedisPoolStats): RedisPoolDescription {
  return { host: settings.host, port: settings.port, db: settings.db, cluster: settings.clusterEnabled, stats };
}
