import type { Cluster, Redis } from "ioredis";
import type { RedisCodec } from "./codec.js";
import type { KeyResolver } from "./keys.js";
import type { ResolvedRedisSettings } from "./settings.js";

/** An ioredis client of the pool: a `Redis` (standalone, Sentinel) or a `Cluster`. */
export type RedisClient = Redis | Cluster;

/** Events of a pool (a view forwards its pool's). */
export interface RedisConnectionEvents {
  /** A connection failed or reconnect attempt failed (only emitted when someone listens). */
  error: [error: Error];
  /** Redis has not answered for `maxFailureThresholdSeconds`; `isAvailable` is now false. */
  unavailable: [];
  /** Redis answers again after `unavailable`. */
  available: [];
  /** A connection lost Redis and will try again after `delayMs`. */
  reconnecting: [info: { attempt: number; delayMs: number }];
}

/** Options of `executeBlocking`. */
export interface BlockingOptions {
  /**
   * How long the command may take before it fails with `COMMAND_TIMEOUT` and its connection
   * is dropped (for `BLOCK ms`, pass ms plus a margin). `undefined` waits as long as Redis does.
   */
  timeoutMs?: number;
  /**
   * Aborting it ends the command at once with `ABORTED` and drops its connection (a worker
   * stopping while its read blocks). Anything Redis delivered in that moment stays pending.
   */
  signal?: AbortSignal;
}

/** Options of `createDedicatedConnection`. */
export interface DedicatedConnectionOptions {
  /** Reconnect (with the pool's backoff, forever) after the connection drops; default true. */
  reconnect?: boolean;
  /**
   * On a cluster, let the connection SSUBSCRIBE (ioredis `shardedSubscribers: true`: one
   * subscriber per shard, resubscribed after a failover). Ignored outside cluster mode; default false.
   */
  shardedSubscribers?: boolean;
}

/**
 * The shared connection every feature package is a function of: a `RedisConnectionPool` or a
 * view of it (`withKeyPrefix`, tenant views). Feature packages send every command through
 * `execute`/`executeBlocking` and resolve every name through `keys`.
 */
export interface RedisConnection {
  readonly settings: ResolvedRedisSettings;
  readonly codec: RedisCodec;
  readonly keys: KeyResolver;
  readonly isCluster: boolean;
  /** False from `unavailable` until `available`. */
  readonly isAvailable: boolean;
  /**
   * Sends one command (or a MULTI/pipeline) on a shared connection, with the pool's timeout,
   * backpressure and error mapping.
   * @param operation the public function name, used in errors (`setKey`).
   * @param key the caller's key, used in errors (never a value).
   * @param run issues the command on the ioredis client it is given.
   * @throws RedisError `CLOSED`, `BACKPRESSURE`, `COMMAND_TIMEOUT`, `CONNECTION_FAILED`, or a mapped server reply.
   */
  execute<T>(operation: string, key: string | undefined, run: (client: RedisClient) => Promise<T>): Promise<T>;
  /**
   * Sends a blocking command (XREAD BLOCK, BLPOP, …) on a dedicated connection leased from the
   * pool, never a shared one; the pool's command timeout does not apply.
   * @throws RedisError as `execute`, `COMMAND_TIMEOUT` only after `options.timeoutMs`.
   */
  executeBlocking<T>(operation: string, key: string | undefined, options: BlockingOptions, run: (client: RedisClient) => Promise<T>): Promise<T>;
  /**
   * Opens a connection owned by the caller (a subscriber, a long-running reader), closed by the
   * pool's `close()` if still open. Release it early with `releaseDedicatedConnection`.
   * @throws RedisError `CONNECTION_FAILED` when it cannot connect within `connectTimeoutMs`; `CLOSED`.
   */
  createDedicatedConnection(operation: string, options?: DedicatedConnectionOptions): Promise<RedisClient>;
  /** Closes a connection made by `createDedicatedConnection` (QUIT, then disconnect). */
  releaseDedicatedConnection(client: RedisClient): Promise<void>;
  /** PING on a shared connection. @returns `'PONG'`. */
  ping(): Promise<string>;
  /** A view sharing these connections whose names become `prefix:name`. */
  withKeyPrefix(prefix: string, options?: { hashTag?: boolean }): RedisConnection;
  on<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this;
  off<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this;
}
