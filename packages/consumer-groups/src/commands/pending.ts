import { FIRST_KEY, type RedisArgument, type RedisCommand } from "@redis-interface/core";
import type { StreamEntry } from "@redis-interface/streams";
import { toEntries } from "@redis-interface/streams/internal";
import { asNumber, asString } from "../replies.js";
import type { AutoClaimResult, PendingEntry, PendingSummary } from "../types.js";

/** An entry still in the stream (`[id, [f, v, …]]`); a deleted one comes as `[id, nil]` on Redis 6.2. */
function isLiveEntry(item: unknown): boolean {
  return Array.isArray(item) && typeof item[0] === "string" && Array.isArray(item[1]);
}

function deletedIdOf(item: unknown): string | undefined {
  return Array.isArray(item) && typeof item[0] === "string" && item[1] === null ? item[0] : undefined;
}

/** `XACK stream group id…`; its result is how many of the ids were pending (and now are not). */
export function XACK(stream: string, group: string, ids: readonly string[]): RedisCommand<number> {
  const args = new Array<RedisArgument>(ids.length + 2);
  args[0] = stream;
  args[1] = group;
  for (let index = 0; index < ids.length; index++) args[index + 2] = ids[index] as string;
  return { name: "XACK", args, keys: FIRST_KEY };
}

function pendingSummary(reply: unknown): PendingSummary {
  const [count, smallest, largest, owners] = Array.isArray(reply) ? (reply as unknown[]) : [];
  const consumers = Array.isArray(owners)
    ? (owners as unknown[]).filter(Array.isArray).map((pair) => ({ name: asString(pair[0]) ?? "", pending: asNumber(pair[1]) ?? 0 }))
    : [];
  return { count: asNumber(count) ?? 0, smallestId: asString(smallest), largestId: asString(largest), consumers };
}

/** `XPENDING stream group`; its result is the summary (count, smallest and largest ids, per-consumer counts). */
export function XPENDING_SUMMARY(stream: string, group: string): RedisCommand<PendingSummary> {
  return { name: "XPENDING", args: [stream, group], keys: FIRST_KEY, transform: pendingSummary };
}

/** What `XPENDING_RANGE` asks for. */
export interface PendingRange {
  readonly start: string;
  readonly end: string;
  readonly count: number;
  readonly consumer?: string;
  readonly minIdleMs?: number;
}

function pendingEntries(reply: unknown): PendingEntry[] {
  if (!Array.isArray(reply)) return [];
  return (reply as unknown[]).filter(Array.isArray).map((item) => {
    const [id, owner, idle, deliveries] = item as unknown[];
    return { id: asString(id) ?? "", consumer: asString(owner) ?? "", idleMs: asNumber(idle) ?? 0, deliveries: asNumber(deliveries) ?? 0 };
  });
}

/** `XPENDING stream group [IDLE minIdleMs] start end count [consumer]`; its result is the pending entries, oldest first. */
export function XPENDING_RANGE(stream: string, group: string, range: PendingRange): RedisCommand<PendingEntry[]> {
  const args: RedisArgument[] = [stream, group];
  if (range.minIdleMs !== undefined) args.push("IDLE", range.minIdleMs);
  args.push(range.start, range.end, range.count);
  if (range.consumer !== undefined) args.push(range.consumer);
  return { name: "XPENDING", args, keys: FIRST_KEY, transform: pendingEntries };
}

function liveEntries(reply: unknown): StreamEntry[] {
  return Array.isArray(reply) ? toEntries((reply as unknown[]).filter(isLiveEntry)) : [];
}

/** `XCLAIM stream group consumer minIdleMs id…`; its result is the claimed entries still in the stream. */
export function XCLAIM(stream: string, group: string, consumer: string, minIdleMs: number, ids: readonly string[]): RedisCommand<StreamEntry[]> {
  const args: RedisArgument[] = [stream, group, consumer, minIdleMs];
  for (const id of ids) args.push(id);
  return { name: "XCLAIM", args, keys: FIRST_KEY, transform: liveEntries };
}

function autoClaimed(reply: unknown): AutoClaimResult {
  const [rawNext, rawEntries, rawDeleted] = Array.isArray(reply) ? (reply as unknown[]) : [];
  const items = Array.isArray(rawEntries) ? (rawEntries as unknown[]) : [];
  const deletedIds = Array.isArray(rawDeleted) ? (rawDeleted as unknown[]).map((id) => asString(id) ?? "").filter((id) => id !== "") : [];
  // Redis 6.2 reports deleted entries as `[id, nil]` among the entries instead.
  for (const item of items) {
    const id = deletedIdOf(item);
    if (id !== undefined && !deletedIds.includes(id)) deletedIds.push(id);
  }
  return { nextId: asString(rawNext) ?? "0-0", entries: toEntries(items.filter(isLiveEntry)), deletedIds };
}

/**
 * `XAUTOCLAIM stream group consumer minIdleMs start COUNT count`; its result is where to continue
 * (`'0-0'`: the scan is complete), the claimed entries, and the pending ids no longer in the stream.
 */
export function XAUTOCLAIM(stream: string, group: string, consumer: string, minIdleMs: number, start: string, count: number): RedisCommand<AutoClaimResult> {
  return { name: "XAUTOCLAIM", args: [stream, group, consumer, minIdleMs, start, "COUNT", count], keys: FIRST_KEY, transform: autoClaimed };
}
