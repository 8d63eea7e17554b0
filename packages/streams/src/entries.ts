import type { RedisConnection } from "@redis-interface/core";

/** One stream entry: its id and its field/value pairs. */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

/** Entries per stream, keyed by the stream names the caller wrote (never the prefixed ones). */
export type StreamReadResult = Record<string, StreamEntry[]>;

/** Fields of an entry to append: a record, or `[field, value]` pairs (order kept, repeats allowed). */
export type StreamFields = Readonly<Record<string, string | number | Buffer>> | ReadonlyArray<readonly [string, string | number | Buffer]>;

type RawEntry = [id: string, fields: string[] | null];

/** Turns one raw entry (`[id, [f1, v1, …]]`) into a `StreamEntry`; a deleted entry (nil fields) has `{}`. */
export function toEntry(raw: RawEntry): StreamEntry {
  const [id, flat] = raw;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  if (flat) for (let index = 0; index + 1 < flat.length; index += 2) fields[flat[index] as string] = flat[index + 1] as string;
  return { id, fields: { ...fields } };
}

/** Turns a list of raw entries (XRANGE, XCLAIM, XAUTOCLAIM) into `StreamEntry`s. */
export function toEntries(raw: readonly RawEntry[] | null | undefined): StreamEntry[] {
  return (raw ?? []).map(toEntry);
}

/**
 * An XREAD / XREADGROUP reply as `[[stream, entries], …]`. Over RESP3 Redis answers with a map,
 * which ioredis hands over paired (named methods, lowercase `call`), flat
 * (`[stream, entries, stream, entries]`, uppercase `call`), or as a Map/object (the `resp3` reply
 * mapping): every shape is accepted. Nil (nothing read) stays nil.
 */
function pairedReadReply(reply: unknown): unknown {
  if (reply instanceof Map) return [...(reply as Map<unknown, unknown>).entries()];
  if (Array.isArray(reply)) {
    const items = reply as unknown[];
    if (items.length === 0 || Array.isArray(items[0])) return items;
    const pairs: Array<[unknown, unknown]> = [];
    for (let index = 0; index + 1 < items.length; index += 2) pairs.push([Buffer.isBuffer(items[index]) ? String(items[index]) : items[index], items[index + 1]]);
    return pairs;
  }
  if (typeof reply === "object" && reply !== null) return Object.entries(reply);
  return reply;
}

/**
 * Turns an XREAD / XREADGROUP reply (any of ioredis's shapes, or nil) into entries keyed by the
 * caller's stream names: every requested stream is present, `[]` when it had nothing.
 */
export function toReadResult(connection: RedisConnection, streams: readonly string[], reply: unknown): StreamReadResult {
  const result: StreamReadResult = {};
  for (const stream of streams) result[stream] = [];
  const paired = pairedReadReply(reply);
  if (!Array.isArray(paired)) return result;
  for (const item of paired as Array<[string, RawEntry[]]>) {
    const [redisName, entries] = item;
    result[connection.keys.strip(redisName)] = toEntries(entries);
  }
  return result;
}
