import type { Cluster, Redis } from "ioredis";
import type { RedisCodec } from "./codec.js";
import type { RedisCommand } from "./command.js";
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

/** Options of `sendBlocking` and `executeBlocking`. */
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
  /**
   * Speak RESP2 instead of the pool's RESP3 (every node of a cluster). A RESP2 connection is what
   * Redis sends client-tracking invalidations to as `__redis__:invalidate` messages (as the
   * `CLIENT TRACKING … REDIRECT` target); on RESP3 they arrive as push frames ioredis 6 drops. Default false.
   */
  resp2?: boolean;
}

/**
 * The shared connection every feature package is a function of: a `RedisConnectionPool` or a
 * view of it (`withKeyPrefix`, tenant views). Feature packages send every command through
 * `send`/`sendBlocking` (commands as data; core resolves their keys through `keys`), or through
 * the escape hatches `execute`/`executeBlocking` for what one command cannot describe.
 */
export interface RedisConnection {
  readonly settings: ResolvedRedisSettings;
  readonly codec: RedisCodec;
  readonly keys: KeyResolver;
  readonly isCluster: boolean;
  /** False from `unavailable` until `available`. */
  readonly isAvailable: boolean;
  /**
   * Sends one command described as data on a shared connection: applies this connection's key
   * prefix to the command's keys, checks on a cluster that they share one slot, publishes it on
   * the tracing channel, writes it (batched with the other commands of the same event-loop turn),
   * maps errors, retries a miss under a view's read fallback (`command.miss`; only when the fallback
   * accepts every key of the command), and returns
   * `command.transform(reply)`.
   * @param operation the public function name, used in errors and traces (`setKey`).
   * @returns the transformed reply.
   * @throws RedisError `CROSS_SLOT` (before any I/O), `CLOSED`, `BACKPRESSURE`, `COMMAND_TIMEOUT`,
   * `CONNECTION_FAILED`, a mapped server reply, or what `transform` throws.
   */
  send<R>(operation: string, command: RedisCommand<R>): Promise<R>;
  /**
   * Sends a blocking command described as data (XREAD BLOCK, XREADGROUP BLOCK, BLPOP…) on a
   * dedicated connection leased from the pool, never a shared one, with `send`'s prefixing, slot
   * check, tracing and error mapping; the pool's command timeout does not apply.
   * @throws RedisError as `send`; `COMMAND_TIMEOUT` only after `options.timeoutMs`; `ABORTED`;
   *   `INVALID_ARGUMENT` for an unknown option name, before any I/O.
   */
  sendBlocking<R>(operation: string, command: RedisCommand<R>, options: BlockingOptions): Promise<R>;
  /**
   * Escape hatch for what cannot be described as one command (a cluster SCAN over every master's
   * client): runs `run` on a shared connection with the pool's timeout, backpressure and error
   * mapping. `run` must resolve names itself through `keys`. Prefer `send`.
   * @param operation the public function name, used in errors (`setKey`).
   * @param key the caller's key, used in errors (never a value).
   * @param run issues the command on the ioredis client it is given.
   * @throws RedisError `CLOSED`, `BACKPRESSURE`, `COMMAND_TIMEOUT`, `CONNECTION_FAILED`, or a mapped server reply.
   */
  execute<T>(operation: string, key: string | undefined, run: (client: RedisClient) => Promise<T>): Promise<T>;
  /**
   * Escape hatch for a blocking exchange that is not one described command: runs `run` on a
   * dedicated connection leased from the pool, never a shared one; the pool's command timeout
   * does not apply. Prefer `sendBlocking`.
   * @throws RedisError as `execute`, `COMMAND_TIMEOUT` only after `options.timeoutMs`;
   *   `INVALID_ARGUMENT` for an unknown option name, before any I/O.
   */
  executeBlocking<T>(operation: string, key: string | undefined, options: BlockingOptions, run: (client: RedisClient) => Promise<T>): Promise<T>;
  /**
   * Opens a connection owned by the caller (a subscriber, a long-running reader), closed by the
   * pool's `close()` if still open. Release it early with `releaseDedicatedConnection`.
   * @throws RedisError `CONNECTION_FAILED` when it cannot connect within `connectTimeoutMs`; `CLOSED`;
   *   `INVALID_ARGUMENT` for an unknown option name.
   */
  createDedicatedConnection(operation: string, options?: DedicatedConnectionOptions): Promise<RedisClient>;
  /** Closes a connection made by `createDedicatedConnection` (QUIT, then disconnect). */
  releaseDedicatedConnection(client: RedisClient): Promise<void>;
  /** PING on a shared connection. @returns `'PONG'`. */
  ping(): Promise<string>;
  /** A view sharing these connections whose names become `prefix:name`. @throws RedisError `INVALID_ARGUMENT` for an unknown option name. */
  withKeyPrefix(prefix: string, options?: { hashTag?: boolean }): RedisConnection;
  on<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this;
  off<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this;
}
