import type { RedisCodec } from "./codec.js";
import type { RedisCommand } from "./command.js";
import { SEND_THROUGH, type CommandRouter } from "./command-router.js";
import { CLOSE_SIGNAL, poolCloseSignal, type ClosableConnection } from "./close-signal.js";
import { checkPrefixOptions } from "./connection-options.js";
import { RedisError } from "./errors.js";
import type {
  BlockingOptions,
  DedicatedConnectionOptions,
  RedisClient,
  RedisConnection,
  RedisConnectionEvents,
} from "./connection.js";
import type { KeyResolver } from "./keys.js";
import type { ResolvedRedisSettings } from "./settings.js";

/**
 * A view of a pool with its own key prefix (Hyperswitch's `pool.clone(prefix)`): it shares the
 * pool's connections, timeouts and events; only the names it resolves differ.
 */
export class RedisConnectionView implements RedisConnection, CommandRouter, ClosableConnection {
  constructor(
    private readonly root: RedisConnection,
    readonly keys: KeyResolver,
  ) {}

  get settings(): ResolvedRedisSettings {
    return this.root.settings;
  }

  get codec(): RedisCodec {
    return this.root.codec;
  }

  get isCluster(): boolean {
    return this.root.isCluster;
  }

  get isAvailable(): boolean {
    return this.root.isAvailable;
  }

  /** The pool's: aborted when it starts closing. */
  get [CLOSE_SIGNAL](): AbortSignal {
    return poolCloseSignal(this.root);
  }

  send<R>(operation: string, command: RedisCommand<R>): Promise<R> {
    return this[SEND_THROUGH](operation, command, this.keys, this, undefined);
  }

  sendBlocking<R>(operation: string, command: RedisCommand<R>, options: BlockingOptions): Promise<R> {
    return this[SEND_THROUGH](operation, command, this.keys, this, options);
  }

  /** Hands the command to the pool with this view's names (`keys`) and this view as `through`. */
  [SEND_THROUGH]<R>(operation: string, command: RedisCommand<R>, keys: KeyResolver, through: RedisConnection, blocking: BlockingOptions | undefined): Promise<R> {
    const root = this.root as Partial<CommandRouter>;
    if (typeof root[SEND_THROUGH] !== "function") {
      return Promise.reject(new RedisError("INVALID_ARGUMENT", { operation, message: "the view's connection cannot send described commands (not a RedisConnectionPool or a view of one)" }));
    }
    return (root as CommandRouter)[SEND_THROUGH](operation, command, keys, through, blocking);
  }

  execute<T>(operation: string, key: string | undefined, run: (client: RedisClient) => Promise<T>): Promise<T> {
    return this.root.execute(operation, key, run);
  }

  executeBlocking<T>(operation: string, key: string | undefined, options: BlockingOptions, run: (client: RedisClient) => Promise<T>): Promise<T> {
    return this.root.executeBlocking(operation, key, options, run);
  }

  createDedicatedConnection(operation: string, options?: DedicatedConnectionOptions): Promise<RedisClient> {
    return this.root.createDedicatedConnection(operation, options);
  }

  releaseDedicatedConnection(client: RedisClient): Promise<void> {
    return this.root.releaseDedicatedConnection(client);
  }

  ping(): Promise<string> {
    return this.root.ping();
  }

  withKeyPrefix(prefix: string, options: { hashTag?: boolean } = {}): RedisConnection {
    checkPrefixOptions(options);
    return new RedisConnectionView(this.root, this.keys.extend(prefix, options));
  }

  on<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this {
    this.root.on(event, listener);
    return this;
  }

  off<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this {
    this.root.off(event, listener);
    return this;
  }
}
