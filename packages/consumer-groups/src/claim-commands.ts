import type { RedisConnection } from "@redis-interface/core";
import { toEntries, validateEntryId, type StreamEntry } from "@redis-interface/streams";
import { asNumber, asString } from "./group-commands.js";
import type { AutoClaimOptions, AutoClaimResult, PendingEntry, PendingRangeOptions, PendingSummary } from "./types.js";
import { assertIds, assertName, assertNonNegativeInteger, assertOptions, assertPositiveInteger, assertStream } from "./validate.js";

type RawEntry = [id: string, fields: string[] | null];

/** Default COUNT of `consumerGroupAutoClaim` (Redis's own default). */
export const DEFAULT_AUTO_CLAIM_COUNT = 100;

function isLiveEntry(item: unknown): item is [string, string[]] {
  return Array.isArray(item) && typeof item[0] === "string" && Array.isArray(item[1]);
}

function deletedIdOf(item: unknown): string | undefined {
  return Array.isArray(item) && typeof item[0] === "string" && item[1] === null ? item[0] : undefined;
}

/**
 * Sends `XCLAIM stream group consumer minIdleMs id…`: takes over the given pending entries that
 * have been idle for at least `minIdleMs`, resetting their idle time and adding one to their
 * delivery count. Entries not pending, or not idle long enough, are left alone.
 * @param ids explicit `'ms-seq'` ids; `[]` resolves `[]` without I/O.
 * @returns the claimed entries with their fields. Entries deleted from the stream meanwhile are
 *   omitted (Redis 7 also drops them from the pending list).
 * @throws RedisError `INVALID_ENTRY_ID` for a special or malformed id and `INVALID_ARGUMENT` for
 *   empty names or a `minIdleMs` that is not a non-negative integer (both before any I/O);
 *   `COMMAND_FAILED` with `replyCode: 'NOGROUP'` when the group or stream is missing; `WRONG_TYPE`.
 */
export async function consumerGroupSetMessageOwner(
  connection: RedisConnection,
  stream: string,
  group: string,
  consumer: string,
  minIdleMs: number,
  ids: readonly string[],
): Promise<StreamEntry[]> {
  const operation = "consumerGroupSetMessageOwner";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  assertName(consumer, operation, stream, "consumer");
  assertNonNegativeInteger(minIdleMs, operation, stream, "minIdleMs");
  const checked = assertIds(ids, "explicit", operation, stream);
  if (checked.length === 0) return [];
  const reply = await connection.execute(operation, stream, (client) =>
    client.call("XCLAIM", connection.keys.key(stream), group, consumer, minIdleMs, ...checked),
  );
  const items = Array.isArray(reply) ? (reply as unknown[]) : [];
  return toEntries(items.filter(isLiveEntry) as RawEntry[]);
}

/**
 * Sends `XAUTOCLAIM stream group consumer minIdleMs start COUNT count`: scans the group's pending
 * entries list from `start` and takes over up to `count` entries idle for at least `minIdleMs`
 * (typically those of a consumer that died).
 * @param options `start` (default `'0-0'`; `'ms'`, `'ms-seq'`, `'-'`), `count` (default 100).
 * @returns `nextId` to continue from (`'0-0'` when the scan is complete), the claimed `entries`,
 *   and `deletedIds`: pending ids no longer in the stream, which Redis removed from the list.
 * @throws RedisError `INVALID_ENTRY_ID` / `INVALID_ARGUMENT` before any I/O; `COMMAND_FAILED`
 *   with `replyCode: 'NOGROUP'` when the group or stream is missing; `WRONG_TYPE`.
 */
export async function consumerGroupAutoClaim(
  connection: RedisConnection,
  stream: string,
  group: string,
  consumer: string,
  minIdleMs: number,
  options: AutoClaimOptions = {},
): Promise<AutoClaimResult> {
  const operation = "consumerGroupAutoClaim";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  assertName(consumer, operation, stream, "consumer");
  assertNonNegativeInteger(minIdleMs, operation, stream, "minIdleMs");
  assertOptions(options, operation, stream);
  const start = validateEntryId(options.start ?? "0-0", "range", operation, stream);
  const count = options.count ?? DEFAULT_AUTO_CLAIM_COUNT;
  assertPositiveInteger(count, operation, stream, "count");
  const reply = await connection.execute(operation, stream, (client) =>
    client.call("XAUTOCLAIM", connection.keys.key(stream), group, consumer, minIdleMs, start, "COUNT", count),
  );
  const [rawNext, rawEntries, rawDeleted] = Array.isArray(reply) ? (reply as unknown[]) : [];
  const items = Array.isArray(rawEntries) ? (rawEntries as unknown[]) : [];
  const deletedIds = Array.isArray(rawDeleted) ? (rawDeleted as unknown[]).map((id) => asString(id) ?? "").filter((id) => id !== "") : [];
  // Redis 6.2 reports deleted entries as `[id, nil]` among the entries instead.
  for (const item of items) {
    const id = deletedIdOf(item);
    if (id !== undefined && !deletedIds.includes(id)) deletedIds.push(id);
  }
  return {
    nextId: asString(rawNext) ?? "0-0",
    entries: toEntries(items.filter(isLiveEntry) as RawEntry[]),
    deletedIds,
  };
}

/**
 * Sends `XPENDING stream group`: the group's pending entries list in summary form.
 * @returns how many entries are pending, the smallest and largest pending ids (null when none),
 *   and the pending count of each consumer that has any.
 * @throws RedisError `INVALID_ARGUMENT` for empty names; `COMMAND_FAILED` with
 *   `replyCode: 'NOGROUP'` when the group or stream is missing; `WRONG_TYPE`.
 */
export function consumerGroupPending(connection: RedisConnection, stream: string, group: string): Promise<PendingSummary>;
/**
 * Sends `XPENDING stream group [IDLE minIdleMs] start end count [consumer]`: the pending entries
 * themselves, oldest first.
 * @param options `start` (default `'-'`), `end` (default `'+'`), `count` (required, positive),
 *   `consumer` (only its entries), `minIdleMs` (only entries idle at least that long).
 * @returns each entry's id, owner, idle time in milliseconds and delivery count.
 * @throws RedisError `INVALID_ENTRY_ID` / `INVALID_ARGUMENT` before any I/O; `COMMAND_FAILED`
 *   with `replyCode: 'NOGROUP'` when the group or stream is missing; `WRONG_TYPE`.
 */
export function consumerGroupPending(connection: RedisConnection, stream: string, group: string, options: PendingRangeOptions): Promise<PendingEntry[]>;
export async function consumerGroupPending(
  connection: RedisConnection,
  stream: string,
  group: string,
  options?: PendingRangeOptions,
): Promise<PendingSummary | PendingEntry[]> {
  const operation = "consumerGroupPending";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  if (options === undefined) return pendingSummary(connection, operation, stream, group);
  assertOptions(options, operation, stream);
  const start = validateEntryId(options.start ?? "-", "range", operation, stream);
  const end = validateEntryId(options.end ?? "+", "range", operation, stream);
  assertPositiveInteger(options.count, operation, stream, "count");
  const args: Array<string | number> = [connection.keys.key(stream), group];
  if (options.minIdleMs !== undefined) {
    assertNonNegativeInteger(options.minIdleMs, operation, stream, "minIdleMs");
    args.push("IDLE", options.minIdleMs);
  }
  args.push(start, end, options.count);
  if (options.consumer !== undefined) {
    assertName(options.consumer, operation, stream, "consumer");
    args.push(options.consumer);
  }
  const reply = await connection.execute(operation, stream, (client) => client.call("XPENDING", ...args));
  if (!Array.isArray(reply)) return [];
  return (reply as unknown[]).filter(Array.isArray).map((item) => {
    const [id, owner, idle, deliveries] = item as unknown[];
    return { id: asString(id) ?? "", consumer: asString(owner) ?? "", idleMs: asNumber(idle) ?? 0, deliveries: asNumber(deliveries) ?? 0 };
  });
}

async function pendingSummary(connection: RedisConnection, operation: string, stream: string, group: string): Promise<PendingSummary> {
  const reply = await connection.execute(operation, stream, (client) => client.call("XPENDING", connection.keys.key(stream), group));
  const [count, smallest, largest, owners] = Array.isArray(reply) ? (reply as unknown[]) : [];
  const consumers = Array.isArray(owners)
    ? (owners as unknown[]).filter(Array.isArray).map((pair) => ({ name: asString(pair[0]) ?? "", pending: asNumber(pair[1]) ?? 0 }))
    : [];
  return { count: asNumber(count) ?? 0, smallestId: asString(smallest), largestId: asString(largest), consumers };
}
