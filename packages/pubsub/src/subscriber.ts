import { RedisError, type RedisClient, type RedisConnection } from "@redis-interface/core";
import { toRedisError, traceDedicatedCommand } from "@redis-interface/core/internal";

/** A kind of subscription: a channel (SUBSCRIBE or SSUBSCRIBE) or a pattern (PSUBSCRIBE). */
export type TopicKind = "channel" | "pattern";

/** What the subscriber connection reports to its bus. */
export interface SubscriberHooks {
  /** A message arrived; `topic` is the raw channel or pattern subscribed, `channel` the raw channel. */
  message(kind: TopicKind, topic: string, channel: string, text: string): void;
  /** The connection is back after a disconnect; the bus must resubscribe (see `resubscribe`). */
  reconnected(): void;
}

/**
 * The one dedicated subscriber connection of a bus: opened lazily with
 * `createDedicatedConnection` (never a pooled connection), released by `close()`.
 *
 * This is the documented escape hatch of CONTRIBUTING.md: a subscription is not one command and
 * reply but a connection in subscriber mode that Redis pushes messages to for as long as it lives
 * (and that ioredis resubscribes and, with `shardedSubscribers`, spreads over the shards), so it
 * cannot go through `send`. Hence the ioredis calls here, the names resolved by hand through the
 * view's `keys` (in `PubSub`), and `traceDedicatedCommand` for the tracing channel.
 */
export class SubscriberConnection {
  private client: Promise<RedisClient> | undefined;
  private opened: RedisClient | undefined;
  private lost = false;
  private closed = false;
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly connection: RedisConnection,
    private readonly sharded: boolean,
    private readonly hooks: SubscriberHooks,
  ) {}

  /**
   * Sends SUBSCRIBE / SSUBSCRIBE / PSUBSCRIBE for `topics` (raw names) and waits for the reply.
   * @throws RedisError `CONNECTION_FAILED`, `CLOSED`, or a mapped server error, naming `operation` and `key`.
   */
  async subscribe(kind: TopicKind, topics: readonly string[], operation: string, key: string | undefined): Promise<void> {
    if (topics.length === 0) return;
    const client = await this.get(operation);
    try {
      await traceDedicatedCommand(operation, this.connection.isCluster, client, async (sender) => {
        if (kind === "pattern") await sender.psubscribe(...topics);
        else if (this.sharded) await Promise.all(topics.map((topic) => sender.ssubscribe(topic)));
        else await sender.subscribe(...topics);
      });
    } catch (error) {
      throw this.closed ? closedError(operation, key) : toRedisError(error, operation, key);
    }
  }

  /**
   * Sends UNSUBSCRIBE / SUNSUBSCRIBE / PUNSUBSCRIBE for one raw name. Does nothing when the
   * connection was never opened or is closed.
   * @throws RedisError a mapped server or connection error.
   */
  async unsubscribe(kind: TopicKind, topic: string, operation: string, key: string): Promise<void> {
    const client = this.opened;
    if (client === undefined || this.closed) return;
    try {
      await traceDedicatedCommand(operation, this.connection.isCluster, client, async (sender) => {
        if (kind === "pattern") await sender.punsubscribe(topic);
        else if (this.sharded) await sender.sunsubscribe(topic);
        else await sender.unsubscribe(topic);
      });
    } catch (error) {
      if (!this.closed) throw toRedisError(error, operation, key);
    }
  }

  /** Releases the connection (QUIT); later subscribes fail with `CLOSED`. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = this.client;
    this.client = undefined;
    const client = pending === undefined ? undefined : await pending.catch(() => undefined);
    for (const undo of this.detach.splice(0)) undo();
    if (client !== undefined) await this.connection.releaseDedicatedConnection(client);
  }

  private get(operation: string): Promise<RedisClient> {
    if (this.closed) return Promise.reject(closedError(operation, undefined));
    if (this.client === undefined) {
      const opening = this.open(operation);
      this.client = opening;
      opening.catch(() => {
        if (this.client === opening) this.client = undefined;
      });
    }
    return this.client;
  }

  private async open(operation: string): Promise<RedisClient> {
    const client = await this.connection.createDedicatedConnection(operation, { reconnect: true, shardedSubscribers: this.sharded });
    if (this.closed) {
      await this.connection.releaseDedicatedConnection(client);
      throw closedError(operation, undefined);
    }
    this.attach(client);
    this.opened = client;
    return client;
  }

  private attach(client: RedisClient): void {
    const listeners: Record<string, (...args: never[]) => void> = {
      message: (channel: string, text: string) => this.hooks.message("channel", channel, channel, text),
      smessage: (channel: string, text: string) => this.hooks.message("channel", channel, channel, text),
      pmessage: (pattern: string, channel: string, text: string) => this.hooks.message("pattern", pattern, channel, text),
      close: () => {
        this.lost = true;
      },
      ready: () => {
        if (!this.lost || this.closed) return;
        this.lost = false;
        this.hooks.reconnected();
      },
    };
    for (const [event, listener] of Object.entries(listeners)) {
      client.on(event, listener as (...args: unknown[]) => void);
      this.detach.push(() => client.off(event, listener as (...args: unknown[]) => void));
    }
  }
}

function closedError(operation: string, key: string | undefined): RedisError {
  return new RedisError("CLOSED", { operation, key, message: "the pubsub bus has been closed" });
}
