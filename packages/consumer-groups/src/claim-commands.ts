import type { RedisConnection } from "@redis-interface/core";
import { assertName, assertNonNegativeInteger, assertPositiveInteger, optionsObject } from "@redis-interface/core/internal";
import { validateEntryId, type StreamEntry } from "@redis-interface/streams";
import { entryIds } from "@redis-interface/streams/internal";
import { assertGroup } from "./names.js";
import { XAUTOCLAIM, XCLAIM, XPENDING_RANGE, XPENDING_SUMMARY } from "./commands/pending.js";
import type { AutoClaimOptions, AutoClaimResult, PendingEntry, PendingRangeOptions, PendingSummary } from "./types.js";

/** Default COUNT of `consumerGroupAutoClaim` (Redis's own default). */
export const DEFAULT_AUTO_CLAIM_COUNT = 100;

const AUTO_CLAIM_OPTIONS: ReadonlyArray<keyof AutoClaimOptions> = ["start", "count"];
const PENDING_OPTIONS: ReadonlyArray<keyof PendingRangeOptions> = ["start", "end", "count", "consumer", "minIdleMs"];

/** The checks of XCLAIM and XAUTOCLAIM: stream, group, consumer names and the idle time. */
function assertClaim(stream: string, group: string, consumer: string, minIdleMs: number, operation: string): void {
  assertGroup(stream, group, operation);
  assertName(consumer, operation, stream, "consumer");
  assertNonNegativeInteger(minIdleMs, operation, stream, "minIdleMs");
}

/**
 * Sends `XCLAIM stream group consumer minIdleMs id…`: takes over the given pending entries that
 * have been idle for at least `minIdleMs`, resetting their idle time and adding one to their
 * delivery count. Entries not pending, or not idle long enough, are left alone.
 * @param ids explicit `'ms-seq'` ids; `[]` resolves `[]` without I/O.
 * @returns the claimed entries with their fields. Entries deleted from the stream meanwhile are
 *   omitted (Redis 7 also drops them from the pending list).
 * @throws RedisError `INVALID_ENTRY_ID` for a special or malformed id and `INVALID_ARGUMENT` for
 *   empty names, ids that are not an array or a `minIdleMs` that is not a non-negative integer
 *   (before any I/O); `COMMAND_FAILED` with `replyCode: 'NOGROUP'` when the group or stream is
 *   missing; `WRONG_TYPE`.
 */
export const consumerGroupSetMessageOwner =
  (connection: RedisConnection) =>
  async (stream: string, group: string, consumer: string, minIdleMs: number, ids: readonly string[]): Promise<StreamEntry[]> => {
    const operation = "consumerGroupSetMessageOwner";
    assertClaim(stream, group, consumer, minIdleMs, operation);
    const checked = entryIds(ids, "explicit", operation, stream);
    if (checked.length === 0) return [];
    return connection.send(operation, XCLAIM(stream, group, consumer, minIdleMs, checked));
  };

/**
 * Sends `XAUTOCLAIM stream group consumer minIdleMs start COUNT count`: scans the group's pending
 * entries list from `start` and takes over up to `count` entries idle for at least `minIdleMs`
 * (typically those of a consumer that died).
 * @param options `start` (default `'0-0'`; `'ms'`, `'ms-seq'`, `'-'`), `count` (default 100).
 * @returns `nextId` to continue from (`'0-0'` when the scan is complete), the claimed `entries`,
 *   and `deletedIds`: pending ids no longer in the stream, which Redis removed from the list.
 * @throws RedisError `INVALID_ENTRY_ID` / `INVALID_ARGUMENT` (an unknown option included) before
 *   any I/O; `COMMAND_FAILED` with `replyCode: 'NOGROUP'` when the group or stream is missing;
 *   `WRONG_TYPE`.
 */
export const consumerGroupAutoClaim =
  (connection: RedisConnection) =>
  async (stream: string, group: string, consumer: string, minIdleMs: number, options?: AutoClaimOptions): Promise<AutoClaimResult> => {
    const operation = "consumerGroupAutoClaim";
    assertClaim(stream, group, consumer, minIdleMs, operation);
    const { start = "0-0", count = DEFAULT_AUTO_CLAIM_COUNT } = optionsObject(options, AUTO_CLAIM_OPTIONS, operation, stream);
    validateEntryId(start, "range", operation, stream);
    assertPositiveInteger(count, operation, stream, "count");
    return connection.send(operation, XAUTOCLAIM(stream, group, consumer, minIdleMs, start, count));
  };

/**
 * `consumerGroupPending` on a connection: `XPENDING stream group` (the summary) without
 * `options`, `XPENDING stream group [IDLE minIdleMs] start end count [consumer]` (the entries) with.
 */
export const consumerGroupPending = (connection: RedisConnection) => {
  /**
   * Sends `XPENDING stream group`: the group's pending entries list in summary form.
   * @returns how many entries are pending, the smallest and largest pending ids (null when none),
   *   and the pending count of each consumer that has any.
   * @throws RedisError `INVALID_ARGUMENT` for empty names; `COMMAND_FAILED` with
   *   `replyCode: 'NOGROUP'` when the group or stream is missing; `WRONG_TYPE`.
   */
  function consumerGroupPending(stream: string, group: string): Promise<PendingSummary>;
  /**
   * Sends `XPENDING stream group [IDLE minIdleMs] start end count [consumer]`: the pending entries
   * themselves, oldest first.
   * @param options `start` (default `'-'`), `end` (default `'+'`), `count` (required, positive),
   *   `consumer` (only its entries), `minIdleMs` (only entries idle at least that long).
   * @returns each entry's id, owner, idle time in milliseconds and delivery count.
   * @throws RedisError `INVALID_ENTRY_ID` / `INVALID_ARGUMENT` (an unknown option included) before
   *   any I/O; `COMMAND_FAILED` with `replyCode: 'NOGROUP'` when the group or stream is missing;
   *   `WRONG_TYPE`.
   */
  function consumerGroupPending(stream: string, group: string, options: PendingRangeOptions): Promise<PendingEntry[]>;
  async function consumerGroupPending(stream: string, group: string, options?: PendingRangeOptions): Promise<PendingSummary | PendingEntry[]> {
    const operation = "consumerGroupPending";
    assertGroup(stream, group, operation);
    if (options === undefined) return connection.send(operation, XPENDING_SUMMARY(stream, group));
    const { start = "-", end = "+", count, consumer, minIdleMs } = optionsObject(options, PENDING_OPTIONS, operation, stream);
    validateEntryId(start, "range", operation, stream);
    validateEntryId(end, "range", operation, stream);
    assertPositiveInteger(count, operation, stream, "count");
    if (minIdleMs !== undefined) assertNonNegativeInteger(minIdleMs, operation, stream, "minIdleMs");
    if (consumer !== undefined) assertName(consumer, operation, stream, "consumer");
    return connection.send(operation, XPENDING_RANGE(stream, group, { start, end, count, consumer, minIdleMs }));
  }
  return consumerGroupPending;
};
