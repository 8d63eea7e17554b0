import { EventEmitter } from "node:events";
import { inspect } from "node:util";
import { RedisError, decodeValue, encodeValue, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertOptionalBoolean, assertPositiveInteger, invalidArgument, optionsObject, poolCloseSignal, withCodec } from "@redis-interface/core/internal";
import { globalChannelSet } from "./global-channels.js";
import { PUBLISH, PUBLISH_GLOBAL, SPUBLISH, SPUBLISH_GLOBAL } from "./commands/publish.js";
import { HandlerQueue } from "./handler-queue.js";
import { MessageIterator } from "./message-stream.js";
import { SubscriberConnection, type TopicKind } from "./subscriber.js";
import type { MessageHandler, MessageStream, PubSubDescription, PubSubEvents, PubSubOptions, PubSubStats, Subscription } from "./types.js";

/** Default of `maxBufferedMessages`. */
export const DEFAULT_MAX_BUFFERED_MESSAGES = 1000;

const OPTIONS: readonly (keyof PubSubOptions)[] = ["sharded", "maxBufferedMessages", "globalChannels", "codec"];

/** One subscribed channel or pattern and the queues of its handlers. */
interface Topic {
  readonly kind: TopicKind;
  /** The caller's channel or pattern. */
  readonly name: string;
  readonly queues: Set<HandlerQueue>;
  /** Settles when the SUBSCRIBE for it was answered. */
  ready: Promise<void>;
}

/**
 * A publish/subscribe bus on a shared connection (pool or view). Create it with `pubsub()`.
 * Publishing is a described command sent through the connection (`send`); subscriptions share
 * one dedicated subscriber connection. It is a class, not operations bound with `bindOperations`,
 * because a bus holds state (its subscriptions, buffers, events and that connection).
 */
export class PubSub {
  private readonly events = new EventEmitter();
  private readonly topics: Record<TopicKind, Map<string, Topic>> = { channel: new Map(), pattern: new Map() };
  private readonly streams = new Set<MessageIterator<unknown>>();
  private readonly subscriber: SubscriberConnection;
  private readonly limit: number;
  private readonly sharded: boolean;
  /** Channels named without the view's prefix (`globalChannels`). */
  private readonly globalChannels: ReadonlySet<string>;
  private readonly counters: PubSubStats = { received: 0, handled: 0, dropped: 0, decodeFailures: 0, handlerFailures: 0, unreportedErrors: 0, resubscriptions: 0 };
  private closing: Promise<void> | undefined;
  /** The pool's close signal: closing the pool (through any view) closes the bus. */
  private readonly poolClosed: AbortSignal;
  private readonly onPoolClose = (): void => void this.close();

  /** The connection given, seen with the `codec` option's codec when one is set. */
  private readonly connection: RedisConnection;

  /**
   * @throws RedisError `INVALID_ARGUMENT` when `maxBufferedMessages` is not a positive integer,
   * `sharded` not a boolean, `globalChannels` not an array of non-empty strings, `codec` names no
   * codec, or an option name is unknown.
   */
  constructor(connection: RedisConnection, options: PubSubOptions = {}) {
    const { sharded, maxBufferedMessages = DEFAULT_MAX_BUFFERED_MESSAGES, globalChannels, codec } = optionsObject(options, OPTIONS, "pubsub");
    assertPositiveInteger(maxBufferedMessages, "pubsub", undefined, "maxBufferedMessages");
    assertOptionalBoolean(sharded, "pubsub", undefined, "sharded");
    this.connection = withCodec(connection, codec, "pubsub");
    this.globalChannels = globalChannelSet(globalChannels);
    this.limit = maxBufferedMessages;
    this.sharded = sharded === true;
    this.subscriber = new SubscriberConnection(this.connection, this.sharded, {
      message: (kind, topic, channel, text) => this.dispatch(kind, topic, channel, text),
      reconnected: () => void this.resubscribe(),
    });
    this.poolClosed = poolCloseSignal(this.connection);
    if (this.poolClosed.aborted) this.onPoolClose();
    else this.poolClosed.addEventListener("abort", this.onPoolClose, { once: true });
  }

  /**
   * Encodes `message` with the connection's codec and sends `PUBLISH channel text` (`SPUBLISH`
   * when `sharded`) through the connection, which prefixes the channel with the view's prefix
   * (not a channel of `globalChannels`: sent under its bare name).
   * @returns the number of clients that received it (on a cluster with plain PUBLISH: only
   *   those connected to the node that took the command).
   * @throws RedisError `INVALID_ARGUMENT` (empty channel), `SERIALIZATION_FAILED` (before any
   *   I/O), `CLOSED`, and the pool's errors (`BACKPRESSURE`, `COMMAND_TIMEOUT`, ...), with
   *   operation `publish` and key `channel`.
   */
  async publish(channel: string, message: unknown): Promise<number> {
    assertKey(channel, "publish", "channel");
    this.assertOpen("publish", channel);
    const text = encodeValue(this.connection.codec, message, { operation: "publish", key: channel });
    if (this.globalChannels.has(channel)) return this.connection.send("publish", this.sharded ? SPUBLISH_GLOBAL(channel, text) : PUBLISH_GLOBAL(channel, text));
    return this.connection.send("publish", this.sharded ? SPUBLISH(channel, text) : PUBLISH(channel, text));
  }

  /**
   * Calls `handler` with every message published to `channel` (decoded with the codec), one
   * at a time; a channel of `globalChannels` is subscribed under its bare name. The first handler of a channel sends SUBSCRIBE (SSUBSCRIBE when `sharded`) on
   * the bus's subscriber connection, opening it on first use.
   * @returns once Redis confirmed the subscription.
   * @throws RedisError `INVALID_ARGUMENT`, `CONNECTION_FAILED`, `CLOSED`, with operation `subscribe` and key `channel`.
   */
  subscribe<T = unknown>(channel: string, handler: MessageHandler<T>): Promise<Subscription> {
    return this.add("channel", channel, handler, "subscribe");
  }

  /**
   * Calls `handler` with every message on a channel matching the glob `pattern` under the
   * view's prefix (PSUBSCRIBE of the escaped prefix + `pattern`); `info.channel` is the
   * caller's channel name and `info.pattern` the pattern.
   * @throws RedisError as `subscribe`, with operation `psubscribe`; `INVALID_ARGUMENT` on a sharded bus.
   */
  psubscribe<T = unknown>(pattern: string, handler: MessageHandler<T>): Promise<Subscription> {
    return this.add("pattern", pattern, handler, "psubscribe");
  }

  /**
   * Subscribes to `channel` and yields its decoded messages (`for await`); `break` or `return()`
   * unsubscribes. Await `ready` to know when it is subscribed. The stream ends (`done`) when the
   * bus closes, and so when its pool closes. A failed subscription (`CLOSED` on a closed bus or
   * pool) rejects `ready` and the first `next()`.
   */
  messages<T = unknown>(channel: string): MessageStream<T> {
    const stream: MessageIterator<T> = new MessageIterator<T>(async (handler) => {
      const subscription = await this.subscribe(channel, handler);
      return {
        unsubscribe: async () => {
          this.streams.delete(stream as MessageIterator<unknown>);
          await subscription.unsubscribe();
        },
      };
    });
    this.streams.add(stream as MessageIterator<unknown>);
    return stream;
  }

  /** Listens to `error`, `resubscribed` or `dropped`. */
  on<E extends keyof PubSubEvents>(event: E, listener: (...args: PubSubEvents[E]) => void): this {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Removes a listener added with `on`. */
  off<E extends keyof PubSubEvents>(event: E, listener: (...args: PubSubEvents[E]) => void): this {
    this.events.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** A snapshot of the bus's counters. */
  stats(): PubSubStats {
    return { ...this.counters };
  }

  /**
   * What `JSON.stringify(bus)` shows: its mode, how many channels and patterns it is subscribed
   * to, whether it is closed, and `stats()`. Never its connection: the subscriber's ioredis
   * client holds the password and TLS keys in its options.
   */
  toJSON(): PubSubDescription {
    return { sharded: this.sharded, channels: this.topics.channel.size, patterns: this.topics.pattern.size, closed: this.closing !== undefined, stats: this.stats() };
  }

  /** `util.inspect(bus)` / `console.log(bus)`, at any depth and with `showHidden`: the same safe facts as `toJSON`. */
  [inspect.custom](_depth: number, options: object): string {
    return `PubSub ${inspect(this.toJSON(), options)}`;
  }

  /**
   * Ends every subscription and stream and releases the subscriber connection (QUIT). Later
   * calls fail with `CLOSED`. Calling it again returns the same promise. Closing the pool (or
   * the pool behind the bus's view) does the same at once.
   */
  close(): Promise<void> {
    if (this.closing === undefined) {
      this.poolClosed.removeEventListener("abort", this.onPoolClose);
      for (const topics of Object.values(this.topics)) {
        for (const topic of topics.values()) for (const queue of topic.queues) queue.stop();
        topics.clear();
      }
      for (const stream of this.streams) stream.finish();
      this.streams.clear();
      this.closing = this.subscriber.close();
    }
    return this.closing;
  }

  private async add<T>(kind: TopicKind, name: string, handler: MessageHandler<T>, operation: string): Promise<Subscription> {
    assertKey(name, operation, kind);
    if (typeof handler !== "function") throw invalidArgument(operation, name, "handler must be a function");
    if (kind === "pattern" && this.sharded) throw invalidArgument(operation, name, "sharded pub/sub has no pattern subscriptions");
    this.assertOpen(operation, name);
    const raw = kind === "pattern" ? this.connection.keys.pattern(name) : this.globalChannels.has(name) ? name : this.connection.keys.key(name);
    const topics = this.topics[kind];
    const queue = new HandlerQueue(handler as MessageHandler<never>, this.limit, {
      dropped: (count) => {
        this.counters.dropped += count;
        this.events.emit("dropped", { channel: name, count });
      },
      handled: (error) => {
        this.counters.handled++;
        if (error === undefined) return;
        this.counters.handlerFailures++;
        this.report(error instanceof Error ? error : new Error(String(error)));
      },
    });
    let topic = topics.get(raw);
    if (topic === undefined) {
      const created: Topic = { kind, name, queues: new Set(), ready: Promise.resolve() };
      created.ready = this.subscriber.subscribe(kind, [raw], operation, name);
      topics.set(raw, created);
      topic = created;
    }
    topic.queues.add(queue);
    try {
      await topic.ready;
    } catch (error) {
      queue.stop();
      topic.queues.delete(queue);
      if (topic.queues.size === 0 && topics.get(raw) === topic) topics.delete(raw);
      throw error;
    }
    const current = topic;
    let active = true;
    return {
      unsubscribe: async () => {
        if (!active) return;
        active = false;
        queue.stop();
        current.queues.delete(queue);
        if (current.queues.size > 0 || topics.get(raw) !== current) return;
        topics.delete(raw);
        await this.subscriber.unsubscribe(kind, raw, kind === "pattern" ? "punsubscribe" : "unsubscribe", name);
      },
    };
  }

  private dispatch(kind: TopicKind, rawTopic: string, rawChannel: string, text: string): void {
    const topic = this.topics[kind].get(rawTopic);
    if (topic === undefined || topic.queues.size === 0) return;
    this.counters.received++;
    // a channel subscription knows the caller's name (a global channel has no prefix to strip)
    const channel = kind === "channel" ? topic.name : this.connection.keys.strip(rawChannel);
    let message: unknown;
    try {
      message = decodeValue(this.connection.codec, text, { operation: kind === "pattern" ? "psubscribe" : "subscribe", key: channel });
    } catch (error) {
      this.counters.decodeFailures++;
      this.report(error as Error);
      return;
    }
    const info = kind === "pattern" ? { channel, pattern: topic.name } : { channel };
    for (const queue of topic.queues) queue.push(message, info);
  }

  private async resubscribe(): Promise<void> {
    const channels = [...this.topics.channel.keys()];
    const patterns = [...this.topics.pattern.keys()];
    try {
      await Promise.all([
        this.subscriber.subscribe("channel", channels, "subscribe", undefined),
        this.subscriber.subscribe("pattern", patterns, "psubscribe", undefined),
      ]);
    } catch (error) {
      if (this.closing === undefined) this.report(error as Error);
      return;
    }
    if (this.closing !== undefined) return;
    this.counters.resubscriptions++;
    this.events.emit("resubscribed", {
      channels: [...this.topics.channel.values()].map((topic) => topic.name),
      patterns: [...this.topics.pattern.values()].map((topic) => topic.name),
    });
  }

  private report(error: Error): void {
    if (this.events.listenerCount("error") > 0) this.events.emit("error", error);
    else this.counters.unreportedErrors++;
  }

  private assertOpen(operation: string, key: string): void {
    if (this.closing !== undefined) throw new RedisError("CLOSED", { operation, key, message: "the pubsub bus has been closed" });
  }
}

/**
 * A publish/subscribe bus on `connection` (a pool or any view: channels get the view's prefix,
 * so tenants do not hear each other; `globalChannels` names the channels shared across views, sent
 * without the prefix). Nothing is sent until the first call.
 * @throws RedisError `INVALID_ARGUMENT` for a bad `maxBufferedMessages`, `sharded` or `globalChannels`, or an unknown option name.
 */
export function pubsub(connection: RedisConnection, options: PubSubOptions = {}): PubSub {
  return new PubSub(connection, options);
}
