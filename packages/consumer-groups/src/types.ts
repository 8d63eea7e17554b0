import type { StreamEntry, StreamReadResult } from "@redis-interface/streams";

export type { StreamEntry, StreamReadResult };

/** Options of `consumerGroupCreate`. */
export interface ConsumerGroupCreateOptions {
  /**
   * Resolve `false` instead of failing when the group already exists (Redis's BUSYGROUP).
   * Default false: an existing group is a `COMMAND_FAILED` error with `replyCode: 'BUSYGROUP'`.
   */
  ifNotExists?: boolean;
  /** Send MKSTREAM, creating an empty stream when it is missing (default true, as Hyperswitch does). */
  mkStream?: boolean;
}

/** Options of `consumerGroupAutoClaim`. */
export interface AutoClaimOptions {
  /** Scan the pending entries list from this id (default `'0-0'`); pass the previous `nextId` to continue. */
  start?: string;
  /** At most this many pending entries are examined per call (default 100). */
  count?: number;
}

/** Result of `consumerGroupAutoClaim` (XAUTOCLAIM). */
export interface AutoClaimResult {
  /** Where the next call should start; `'0-0'` once the whole pending entries list was scanned. */
  nextId: string;
  /** Entries now owned by the claiming consumer (their delivery counts went up by one). */
  entries: StreamEntry[];
  /** Ids that were pending but are no longer in the stream (XDEL, trimming); Redis removed them from the pending list. */
  deletedIds: string[];
}

/** A consumer with entries pending in a group. */
export interface PendingConsumer {
  name: string;
  /** Entries delivered to it and not yet acknowledged. */
  pending: number;
}

/** Result of `consumerGroupPending(stream, group)` (XPENDING summary form). */
export interface PendingSummary {
  /** Entries delivered and not yet acknowledged, across all consumers. */
  count: number;
  /** Smallest pending id, null when nothing is pending. */
  smallestId: string | null;
  /** Largest pending id, null when nothing is pending. */
  largestId: string | null;
  /** Consumers with at least one pending entry. */
  consumers: PendingConsumer[];
}

/** Options of `consumerGroupPending(stream, group, options)` (XPENDING extended form). */
export interface PendingRangeOptions {
  /** Smallest id to report (default `'-'`). */
  start?: string;
  /** Largest id to report (default `'+'`). */
  end?: string;
  /** At most this many entries. */
  count: number;
  /** Only entries pending for this consumer. */
  consumer?: string;
  /** Only entries idle for at least this many milliseconds (IDLE, Redis 6.2+). */
  minIdleMs?: number;
}

/** One pending entry (XPENDING extended form). */
export interface PendingEntry {
  id: string;
  /** The consumer that currently owns it. */
  consumer: string;
  /** Milliseconds since it was last delivered (or claimed). */
  idleMs: number;
  /** How many times it was delivered: reads with a group and claims each add one. */
  deliveries: number;
}

/** One group of a stream (XINFO GROUPS). */
export interface ConsumerGroupInfo {
  name: string;
  /** Consumers known to the group. */
  consumers: number;
  /** Entries delivered and not yet acknowledged. */
  pending: number;
  /** The last id delivered to the group's consumers. */
  lastDeliveredId: string;
  /** Logical read counter of the group (Redis 7+); null when Redis does not know it. */
  entriesRead: number | null;
  /** Entries not yet delivered to the group (Redis 7+); null when Redis cannot tell (after deletions). */
  lag: number | null;
}

/** The consumer-group part of `streamReadWithOptions`' options. */
export interface ReadGroup {
  /** The group's name. */
  name: string;
  /** The reading consumer's name (created in the group on first use). */
  consumer: string;
}

/** Options of `streamReadWithOptions`. */
export interface StreamReadOptions {
  /** At most this many entries per stream (COUNT); none by default. */
  count?: number;
  /**
   * Wait up to this many milliseconds for entries (BLOCK; 0 waits forever). A blocking read runs
   * on a dedicated connection leased from the pool, never on a shared one.
   */
  blockMs?: number;
  /** Read as this consumer of this group (XREADGROUP); without it, a plain XREAD. */
  group?: ReadGroup;
  /** With a group: do not add the entries to the pending list (NOACK: at-most-once). */
  noAck?: boolean;
  /**
   * Aborting it ends a blocking read at once with `ABORTED` and drops its dedicated connection
   * (a worker stopping while its read blocks); entries Redis delivered in that moment stay pending.
   * A read without `blockMs` only checks it before sending.
   */
  signal?: AbortSignal;
}
