/** One shared connection in `RedisPoolStats`. */
export interface RedisPoolConnectionStats {
  /** The ioredis status: `wait`, `connecting`, `connect`, `ready`, `reconnecting`, `close`, `end`. */
  status: string;
  /** `status === 'ready'`: commands are sent on it. */
  ready: boolean;
  /** Commands written to it and not yet answered. */
  inFlightCommands: number;
}

/** A snapshot of a pool, from `pool.stats()`. */
export interface RedisPoolStats {
  /** Commands admitted and not yet answered, waiting ones included (bounded by `maxInFlightCommands`). */
  inFlightCommands: number;
  /** Of those, commands waiting for a connection to become ready. */
  queuedCommands: number;
  /** False from `unavailable` until `available`. */
  available: boolean;
  /** `close()` was called. */
  closed: boolean;
  /** Times a shared connection became ready again after losing Redis. */
  reconnects: number;
  /** Reconnect attempts of the shared connections (each `reconnecting` event). */
  reconnectAttempts: number;
  /** Open dedicated connections: blocking commands (leased or idle) and subscribers. */
  dedicatedConnections: number;
  /** Dedicated connections kept idle for the next blocking command. */
  idleBlockingConnections: number;
  /** The shared connections (one `Cluster` client in cluster mode), in pool order. */
  connections: RedisPoolConnectionStats[];
}
