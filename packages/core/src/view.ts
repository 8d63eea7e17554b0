import type { RedisCodec } from "./codec.js";
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
export class RedisConnectionView implements RedisConnection {
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
