import { withRedactedTraces } from "./trace-redaction.js";
import { assertSupportedIoredis } from "./ioredis-support.js";
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";
import { reconnectDelay, type BackoffPolicy } from "./backoff.js";
import type { RedisClient } from "./connection.js";
import { parseHostPort } from "./host-port.js";
import type { ResolvedRedisSettings } from "./settings.js";

/** What a new client should do when its connection drops. */
export interface ClientBehaviour {
  /** `'pool'`: the settings' backoff; `'forever'`: same backoff, no attempt limit; `'never'`: give up at once. */
  reconnect: "pool" | "forever" | "never";
  autoPipeline: boolean;
  /** Queue commands inside ioredis while disconnected (the pool keeps its own bounded queue instead). */
  offlineQueue: boolean;
  /** Called before each reconnect attempt. */
  onReconnect?: (attempt: number, delayMs: number) => void;
  /** Cluster only: ioredis `shardedSubscribers` (SSUBSCRIBE routed to each shard's master). */
  shardedSubscribers?: boolean;
  /** Speak RESP2 (ioredis `protocol: 2`) instead of ioredis 6's default RESP3. */
  resp2?: boolean;
}

function backoffFor(settings: ResolvedRedisSettings, behaviour: ClientBehaviour): BackoffPolicy {
  return {
    maxAttempts: behaviour.reconnect === "forever" ? 0 : settings.reconnectMaxAttempts,
    baseDelayMs: settings.reconnectDelayMs,
    maxDelayMs: settings.reconnectMaxDelayMs,
  };
}

function retryStrategy(settings: ResolvedRedisSettings, behaviour: ClientBehaviour): (times: number) => number | null {
  if (behaviour.reconnect === "never") return () => null;
  const policy = backoffFor(settings, behaviour);
  return (times) => {
    const delay = reconnectDelay(times, policy);
    if (delay !== null) behaviour.onReconnect?.(times, delay);
    return delay;
  };
}

function connectionOptions(settings: ResolvedRedisSettings): RedisOptions {
  const options: RedisOptions = {
    connectTimeout: settings.connectTimeoutMs,
    lazyConnect: true,
    // The pool owns command timeouts (one timer for all commands) and maps errors itself.
    maxRetriesPerRequest: null,
    connectionName: "redis-interface",
    // ioredis arms this timer on every disconnect, even of a socket that is already closed.
    disconnectTimeout: 200,
  };
  if (settings.username !== undefined) options.username = settings.username;
  if (settings.password !== undefined) options.password = settings.password;
  if (settings.tls !== false) options.tls = settings.tls === true ? {} : { ...settings.tls };
  return options;
}

/**
 * Builds (without connecting) an ioredis client for `settings`: a `Cluster` on `clusterUrls`
 * when `clusterEnabled`, a Sentinel-managed `Redis` when `sentinel` is set, else a `Redis`.
 */
export function createClient(settings: ResolvedRedisSettings, behaviour: ClientBehaviour): RedisClient {
  const base = connectionOptions(settings);
  if (behaviour.resp2 === true) base.protocol = 2;
  if (settings.clusterEnabled) {
    const options: ClusterOptions = {
      lazyConnect: true,
      // Never on a cluster: with ioredis 6.0.0, when a hung master was failed over and dropped from
      // the slot map, auto-pipelined commands received the replies of other commands (an XADD
      // resolved with a SET's "OK"); see docs/reliability.md.
      enableAutoPipelining: false,
      enableOfflineQueue: behaviour.offlineQueue,
      maxRedirections: 16,
      clusterRetryStrategy: retryStrategy(settings, behaviour),
      redisOptions: { ...base, lazyConnect: undefined, maxRetriesPerRequest: null },
    };
    if (behaviour.shardedSubscribers === true) options.shardedSubscribers = true;
    return supported(new Cluster(settings.clusterUrls.map((url) => parseHostPort(url)), options), true);
  }
  const options: RedisOptions = {
    ...base,
    // A command written before the connection dropped may have run: the pool fails it with
    // UNCERTAIN instead of letting ioredis send it again after the reconnect.
    autoResendUnfulfilledCommands: false,
    db: settings.db,
    enableAutoPipelining: behaviour.autoPipeline,
    enableOfflineQueue: behaviour.offlineQueue,
    retryStrategy: retryStrategy(settings, behaviour),
  };
  if (settings.sentinel) {
    options.sentinels = settings.sentinel.sentinels.map((url) => parseHostPort(url));
    options.name = settings.sentinel.masterName;
    if (settings.sentinel.sentinelUsername !== undefined) options.sentinelUsername = settings.sentinel.sentinelUsername;
    if (settings.sentinel.sentinelPassword !== undefined) options.sentinelPassword = settings.sentinel.sentinelPassword;
    options.sentinelRetryStrategy = retryStrategy(settings, behaviour);
  } else {
    options.host = settings.host;
    options.port = settings.port;
  }
  return supported(new Redis(options), false);
}

/** `client` with redacted trace events, once the ioredis internals the pool relies on are checked (no I/O). */
function supported(client: Redis | Cluster, isCluster: boolean): RedisClient {
  try {
    assertSupportedIoredis(client, isCluster);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return withRedactedTraces(client);
}
