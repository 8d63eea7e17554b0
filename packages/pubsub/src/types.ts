import type { CodecChoice } from "@redis-interface/core";

/** Options of `pubsub(connection, options)`. */
export interface PubSubOptions {
  /**
   * Use sharded pub/sub: SPUBLISH / SSUBSCRIBE instead of PUBLISH / SUBSCRIBE. On a cluster a
   * message then only travels inside the shard that owns the channel's slot. Pattern
   * subscriptions do not exist in sharded pub/sub. Default false.
   */
  sharded?: boolean;
  /**
   * How many messages one subscription (one handler) may hold while its handler is still busy
   * with an earlier one. When a new message would exceed it, the **oldest** waiting message is
   * dropped and a `dropped` event fires. Default 1000.
   */
  maxBufferedMessages?: number;
  /**
   * Channels this bus names without the view's prefix, for channels shared with other services
   * (Hyperswitch's `hyperswitch_invalidate`): `publish` and `subscribe` / `messages` on one of
   * these names use the bare name; every other channel, and every pattern, stays prefixed.
   * Opt-in and exact names only (no globs). Default none.
   */
  globalChannels?: readonly string[];
  /**
   * The codec of this bus's messages (`publish`, handlers, `messages`): `"superjson"`, `"json"`,
   * `"serde"` (channels shared with Rust services) or a codec object. Default: the connection's.
   */
  codec?: CodecChoice;
}

/** What a bus shows when printed or serialised (`toJSON`, `util.inspect`): no connection, no secret. */
export interface PubSubDescription {
  readonly sharded: boolean;
  /** Channels subscribed to now (SUBSCRIBE or SSUBSCRIBE). */
  readonly channels: number;
  /** Patterns subscribed to now (PSUBSCRIBE). */
  readonly patterns: number;
  readonly closed: boolean;
  readonly stats: PubSubStats;
}

/** What a handler is told about a message besides its content. */
export interface MessageInfo {
  /** The channel the message was published on, as the caller names it (the view's prefix removed). */
  readonly channel: string;
  /** For `psubscribe` handlers: the caller's pattern that matched. */
  readonly pattern?: string;
}

/**
 * Receives one decoded message. Messages of one subscription are handled one at a time, in
 * order: the next one waits until the returned promise settles. A throw or rejection is
 * reported on the bus's `error` event and the subscription keeps running.
 */
export type MessageHandler<T = unknown> = (message: T, info: MessageInfo) => void | Promise<void>;

/** One handler registered with `subscribe` or `psubscribe`. */
export interface Subscription {
  /**
   * Stops delivery to this handler (messages still waiting in its buffer are discarded). When it
   * was the last handler of its channel or pattern, UNSUBSCRIBE / PUNSUBSCRIBE / SUNSUBSCRIBE is
   * sent. Calling it again does nothing.
   */
  unsubscribe(): Promise<void>;
}

/** The async iterator returned by `messages(channel)`. */
export interface MessageStream<T = unknown> extends AsyncIterableIterator<T> {
  /**
   * Resolves once the channel is subscribed (messages published after that are delivered);
   * rejects as `subscribe` would.
   */
  readonly ready: Promise<void>;
  /** Ends the iteration and unsubscribes (what `break` in `for await` calls). */
  return(): Promise<IteratorResult<T>>;
}

/** Events of a bus. */
export interface PubSubEvents {
  /**
   * A message could not be decoded (`DESERIALIZATION_FAILED`, `key` = the caller's channel), a
   * handler threw, or resubscribing after a reconnect failed. Without a listener the error is
   * dropped and counted in `stats().unreportedErrors`.
   */
  error: [error: Error];
  /**
   * The subscriber connection came back after a disconnect and every channel and pattern is
   * subscribed again. Messages published while it was down are lost: flush caches now.
   */
  resubscribed: [info: { channels: string[]; patterns: string[] }];
  /** `count` messages of a subscription to `channel` (or pattern) were dropped by the buffer limit. */
  dropped: [info: { channel: string; count: number }];
}

/** Counters of a bus since it was created. */
export interface PubSubStats {
  /** Messages received from Redis (before fan-out to handlers). */
  received: number;
  /** Handler calls that completed (resolved or threw). */
  handled: number;
  /** Messages dropped by buffer limits. */
  dropped: number;
  /** Messages that failed to decode. */
  decodeFailures: number;
  /** Handler calls that threw or rejected. */
  handlerFailures: number;
  /** Errors that found no `error` listener. */
  unreportedErrors: number;
  /** Completed resubscriptions after reconnects. */
  resubscriptions: number;
}
