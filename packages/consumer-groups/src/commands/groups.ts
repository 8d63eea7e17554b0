import type { RedisArgument, RedisCommand } from "@redis-interface/core";
import type { ConsumerGroupInfo } from "../types.js";
import { asNumber, asString, toFieldMap } from "../replies.js";

/** The stream is the second argument of every XGROUP / XINFO subcommand. */
const SECOND_KEY: readonly number[] = Object.freeze([1]);

const created = (): boolean => true;
const nothing = (): void => undefined;

/** `XGROUP CREATE stream group id [MKSTREAM]`; its result is true (an existing group is Redis's BUSYGROUP error). */
export function XGROUP_CREATE(stream: string, group: string, id: string, mkStream: boolean): RedisCommand<boolean> {
  const args: RedisArgument[] = mkStream ? ["CREATE", stream, group, id, "MKSTREAM"] : ["CREATE", stream, group, id];
  return { name: "XGROUP", args, keys: SECOND_KEY, transform: created };
}

/** `XGROUP DESTROY stream group`; its result is whether the group existed. */
export function XGROUP_DESTROY(stream: string, group: string): RedisCommand<boolean> {
  return { name: "XGROUP", args: ["DESTROY", stream, group], keys: SECOND_KEY, transform: (reply) => Number(reply) > 0 };
}

/** `XGROUP DELCONSUMER stream group consumer`; its result is how many entries the consumer had pending. */
export function XGROUP_DELCONSUMER(stream: string, group: string, consumer: string): RedisCommand<number> {
  return { name: "XGROUP", args: ["DELCONSUMER", stream, group, consumer], keys: SECOND_KEY, transform: Number };
}

/** `XGROUP SETID stream group id`; no result. */
export function XGROUP_SETID(stream: string, group: string, id: string): RedisCommand<void> {
  return { name: "XGROUP", args: ["SETID", stream, group, id], keys: SECOND_KEY, transform: nothing };
}

/** One group of an XINFO GROUPS reply as `ConsumerGroupInfo`. */
function groupInfo(name: string, fields: Map<string, unknown>): ConsumerGroupInfo {
  return {
    name,
    consumers: asNumber(fields.get("consumers")) ?? 0,
    pending: asNumber(fields.get("pending")) ?? 0,
    lastDeliveredId: asString(fields.get("last-delivered-id")) ?? "0-0",
    entriesRead: asNumber(fields.get("entries-read")),
    lag: asNumber(fields.get("lag")),
  };
}

/**
 * `XINFO GROUPS stream`, picking `group`; its result is that group's counters, or null when the
 * stream has no such group.
 */
export function XINFO_GROUPS(stream: string, group: string): RedisCommand<ConsumerGroupInfo | null> {
  return {
    name: "XINFO",
    args: ["GROUPS", stream],
    keys: SECOND_KEY,
    transform: (reply) => {
      if (!Array.isArray(reply)) return null;
      for (const item of reply as unknown[]) {
        const fields = toFieldMap(item);
        if (asString(fields.get("name")) === group) return groupInfo(group, fields);
      }
      return null;
    },
  };
}
