import type { RedisConnection } from "@redis-interface/core";
import { streamAppendEntry } from "./append.js";
import { streamGetLength } from "./length.js";
import { streamRange } from "./range.js";
import { streamReadEntries, streamReadWithOptions } from "./read.js";
import type { StreamStore } from "./store.js";
import { streamDeleteEntries, streamTrimEntries } from "./trim-delete.js";

/**
 * The stream surface on a connection: a pool, a `withKeyPrefix` view or a tenant view.
 * Holds no state of its own; create it once and share it.
 */
export function streams(connection: RedisConnection): StreamStore {
  const c = connection;
  return {
    streamAppendEntry: (stream, id, fields, options) => streamAppendEntry(c, stream, id, fields, options),
    streamReadEntries: (names, ids, count) => streamReadEntries(c, names, ids, count),
    streamReadWithOptions: (names, ids, options) => streamReadWithOptions(c, names, ids, options),
    streamDeleteEntries: (stream, ids) => streamDeleteEntries(c, stream, ids),
    streamTrimEntries: (stream, options) => streamTrimEntries(c, stream, options),
    streamGetLength: (stream) => streamGetLength(c, stream),
    streamRange: (stream, start, end, count) => streamRange(c, stream, start, end, count),
  };
}
