import type { StreamEntry, StreamReadResult } from "@redis-interface/streams";
import type {
  AutoClaimOptions,
  AutoClaimResult,
  ConsumerGroupCreateOptions,
  ConsumerGroupInfo,
  PendingEntry,
  PendingRangeOptions,
  PendingSummary,
  StreamReadOptions,
} from "./types.js";

/**
 * The consumer-group commands of Hyperswitch's `redis_interface` (camelCased), plus XAUTOCLAIM,
 * XPENDING and XINFO GROUPS. Stream names are the caller's; the connection's prefix is applied
 * inside. Group and consumer names are sent as they are. Every failure is a `RedisError`:
 * `INVALID_ARGUMENT` / `INVALID_ENTRY_ID` / `CROSS_SLOT` for bad input (before any I/O),
 * `COMMAND_FAILED` with `replyCode` (`'NOGROUP'`, `'BUSYGROUP'`) for a missing or existing group,
 * `WRONG_TYPE` for a key that is not a stream, and the pool's `CONNECTION_FAILED`,
 * `COMMAND_TIMEOUT`, `BACKPRESSURE`, `CLOSED`. Each error's `operation` is the method's name and
 * `key` the stream as the caller wrote it.
 */
export interface ConsumerGroupStore {
  /**
   * XGROUP CREATE stream group id [MKSTREAM] (`mkStream` default true). `id`: `'$'`, `'0'`,
   * `'ms'` or `'ms-seq'`; `'*'` and `'>'` are `INVALID_ENTRY_ID` before any I/O.
   * @returns true when created; false when it existed and `ifNotExists` was set (otherwise an
   *   existing group is `COMMAND_FAILED` with `replyCode: 'BUSYGROUP'`).
   */
  consumerGroupCreate(stream: string, group: string, id: string, options?: ConsumerGroupCreateOptions): Promise<boolean>;
  /** XGROUP DESTROY: true when the group existed (false for a missing group or stream). */
  consumerGroupDestroy(stream: string, group: string): Promise<boolean>;
  /** XGROUP DELCONSUMER: the consumer's pending count (its pending entries are dropped). `NOGROUP` when the group is missing. */
  consumerGroupDeleteConsumer(stream: string, group: string, consumer: string): Promise<number>;
  /** XGROUP SETID: `'>'` reads resume after `id` (`'$'`, `'0'`, `'ms'`, `'ms-seq'`). `NOGROUP` when the group is missing. */
  consumerGroupSetLastId(stream: string, group: string, id: string): Promise<void>;
  /**
   * XCLAIM stream group consumer minIdleMs id…: takes over pending entries idle at least
   * `minIdleMs`. Entries deleted from the stream are omitted; `[]` ids resolve `[]` without I/O.
   */
  consumerGroupSetMessageOwner(stream: string, group: string, consumer: string, minIdleMs: number, ids: readonly string[]): Promise<StreamEntry[]>;
  /**
   * XAUTOCLAIM stream group consumer minIdleMs start COUNT count (`start` `'0-0'`, `count` 100):
   * takes over idle pending entries; `deletedIds` lists pending ids no longer in the stream.
   */
  consumerGroupAutoClaim(stream: string, group: string, consumer: string, minIdleMs: number, options?: AutoClaimOptions): Promise<AutoClaimResult>;
  /** XPENDING stream group: count, smallest and largest ids, per-consumer counts. */
  consumerGroupPending(stream: string, group: string): Promise<PendingSummary>;
  /** XPENDING stream group [IDLE ms] start end count [consumer]: the pending entries, oldest first. */
  consumerGroupPending(stream: string, group: string, options: PendingRangeOptions): Promise<PendingEntry[]>;
  /** XINFO GROUPS, picking `group`: null when the group or stream is missing. */
  consumerGroupInfo(stream: string, group: string): Promise<ConsumerGroupInfo | null>;
  /**
   * XREADGROUP GROUP g c [COUNT] [BLOCK] [NOACK] STREAMS s… id… (or XREAD without `group`).
   * With `blockMs`, on a dedicated connection. Results keyed by the names you passed.
   */
  streamReadWithOptions(streams: string | readonly string[], ids: string | readonly string[], options?: StreamReadOptions): Promise<StreamReadResult>;
  /** XACK stream group id…: how many were acknowledged; `[]` resolves 0 without I/O. */
  streamAcknowledgeEntries(stream: string, group: string, ids: readonly string[]): Promise<number>;
}
