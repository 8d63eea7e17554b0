import type { RedisConnection } from "@redis-interface/core";
import { assertIntegerIn, assertKey } from "@redis-interface/core/internal";
import { XRANGE } from "./commands/entries.js";
import type { StreamEntry } from "./entries.js";
import { rangeBound } from "./entry-id.js";

const OPERATION = "streamRange";

/**
 * Sends `XRANGE stream start end [COUNT n]`: the entries with ids from `start` to `end`, oldest first.
 * @param start `-` (the first entry), `ms` (= `ms-0`), `ms-seq`, or exclusive `(ms-seq` / `(ms`.
 * @param end `+` (the last entry), `ms` (= `ms-<max>`), `ms-seq`, or exclusive `(ms-seq` / `(ms`.
 * @param count at most this many entries (a positive integer); all when omitted.
 * @returns the entries; `[]` for a missing stream or an empty range.
 * @throws RedisError `INVALID_ENTRY_ID` for a malformed bound and `INVALID_ARGUMENT` for a bad
 *   stream name or count, before any I/O; `COMMAND_FAILED` when Redis rejects an exclusive bound at
 *   the very end of the id space; `WRONG_TYPE`.
 */
export const streamRange =
  (connection: RedisConnection) =>
  async (stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> => {
    assertKey(stream, OPERATION, "stream");
    const from = rangeBound(start, OPERATION, stream);
    const to = rangeBound(end, OPERATION, stream);
    if (count !== undefined) assertIntegerIn(count, 1, Number.MAX_SAFE_INTEGER, OPERATION, stream, "count");
    return connection.send(OPERATION, XRANGE(stream, from, to, count));
  };
