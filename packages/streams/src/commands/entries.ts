import { FIRST_KEY, type RedisArgument, type RedisCommand } from "@redis-interface/core";
import type { Cap } from "../cap.js";
import { toEntries, type StreamEntry } from "../entries.js";

/** The cap as arguments: `MAXLEN|MINID =|~ threshold [LIMIT n]`. */
function pushCap(args: RedisArgument[], cap: Cap): void {
  args.push(cap.kind, cap.approximate ? "~" : "=", cap.threshold);
  if (cap.limit !== undefined) args.push("LIMIT", cap.limit);
}

/** XADD's reply: the new id (a nil or another type cannot happen without NOMKSTREAM; refused loudly). */
function addedId(reply: unknown): string {
  if (typeof reply !== "string") throw new Error(`XADD returned no id (${reply === null ? "nil" : typeof reply})`);
  return reply;
}

/**
 * `XADD stream [MAXLEN|MINID =|~ threshold [LIMIT n]] id f1 v1 …`.
 * @param fieldArgs the flat `f v f v …` of `streamFieldArgs`.
 * @returns the command; its result is the id Redis stored.
 */
export function XADD(stream: string, id: string, fieldArgs: readonly RedisArgument[], cap?: Cap): RedisCommand<string> {
  const args: RedisArgument[] = [stream];
  if (cap !== undefined) pushCap(args, cap);
  args.push(id);
  for (const arg of fieldArgs) args.push(arg);
  return { name: "XADD", args, keys: FIRST_KEY, transform: addedId };
}

/** `XDEL stream id…`; its result is how many entries were deleted. */
export function XDEL(stream: string, ids: readonly string[]): RedisCommand<number> {
  return { name: "XDEL", args: [stream, ...ids], keys: FIRST_KEY };
}

/** `XTRIM stream MAXLEN|MINID =|~ threshold [LIMIT n]`; its result is how many entries were evicted. */
export function XTRIM(stream: string, cap: Cap): RedisCommand<number> {
  const args: RedisArgument[] = [stream];
  pushCap(args, cap);
  return { name: "XTRIM", args, keys: FIRST_KEY, transform: Number };
}

/** `XLEN stream`; its result is the number of entries (0 for a missing stream). */
export function XLEN(stream: string): RedisCommand<number> {
  return { name: "XLEN", args: [stream], keys: FIRST_KEY };
}

/** `XRANGE stream start end [COUNT n]`; its result is the entries, oldest first (`[]` when none). */
export function XRANGE(stream: string, start: string, end: string, count?: number): RedisCommand<StreamEntry[]> {
  const args: RedisArgument[] = count === undefined ? [stream, start, end] : [stream, start, end, "COUNT", count];
  return { name: "XRANGE", args, keys: FIRST_KEY, transform: toEntries };
}
