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

/** `record[name] = value` as an own field, also for `__proto__` (which would otherwise set the prototype). */
function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  if (name === "__proto__") Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}

/**
 * Turns one raw entry (`[id, [f1, v1, …]]`) into a `StreamEntry`; a deleted entry (nil fields)
 * has `{}`. A field named `__proto__` becomes an own field, never the object's prototype.
 */
export function toEntry(raw: unknown): StreamEntry {
  const [id, flat] = raw as [string, unknown[] | null];
  const fields: Record<string, string> = {};
  if (Array.isArray(flat)) {
    for (let index = 0; index + 1 < flat.length; index += 2) {
      const name = flat[index];
      const value = flat[index + 1];
      if (typeof name === "string" && typeof value === "string" && name !== "__proto__") fields[name] = value;
      else setOwn(fields, String(name), String(value));
    }
  }
  return { id: String(id), fields };
}

/** Turns a list of raw entries (XRANGE, XCLAIM, XAUTOCLAIM, one stream of a read) into `StreamEntry`s; nil is `[]`. */
export function toEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries = new Array<StreamEntry>(raw.length);
  for (let index = 0; index < raw.length; index++) entries[index] = toEntry(raw[index]);
  return entries;
}

/**
 * Calls `each(stream, entries)` for every stream of an XREAD / XREADGROUP reply. Over RESP3 Redis
 * answers with a map, which ioredis hands over flat (`[stream, entries, stream, entries]`, its
 * default "legacy" mapping), as a Map or as an object (`resp3` mapping); RESP2 gives
 * `[[stream, entries], …]`. Every shape is accepted; nil (nothing read) calls nothing.
 */
function eachStreamOf(reply: unknown, each: (stream: string, entries: unknown) => void): void {
  if (reply instanceof Map) {
    for (const [stream, entries] of reply as Map<unknown, unknown>) each(String(stream), entries);
  } else if (Array.isArray(reply)) {
    const items = reply as unknown[];
    if (items.length > 0 && !Array.isArray(items[0])) {
      for (let index = 0; index + 1 < items.length; index += 2) each(String(items[index]), items[index + 1]);
    } else {
      for (const item of items as unknown[][]) each(String(item[0]), item[1]);
    }
  } else if (typeof reply === "object" && reply !== null) {
    for (const [stream, entries] of Object.entries(reply)) each(stream, entries);
  }
}

/**
 * Turns an XREAD / XREADGROUP reply (any of ioredis's shapes, or nil) into entries keyed by the
 * caller's stream names (`through.keys.strip`): every requested stream is present, `[]` when it
 * had nothing.
 */
export function toReadResult(through: RedisConnection, streams: readonly string[], reply: unknown): StreamReadResult {
  const result: StreamReadResult = {};
  for (const stream of streams) setOwn<StreamEntry[]>(result, stream, []);
  eachStreamOf(reply, (redisName, entries) => setOwn(result, through.keys.strip(redisName), toEntries(entries)));
  return result;
}
