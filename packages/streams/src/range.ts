import { RedisError, type RedisConnection } from "@redis-interface/core";
import { toEntries, type StreamEntry } from "./entries.js";
import { validateEntryId } from "./entry-id.js";
import { assertIntegerIn, assertStream } from "./validate.js";

const OPERATION = "streamRange";

/**
 * Checks one end of a range: `-`, `+`, `ms`, `ms-seq`, or an exclusive `(ms` / `(ms-seq`.
 * @throws RedisError `INVALID_ENTRY_ID`.
 */
function rangeBound(id: unknown, stream: string): string {
  if (typeof id === "string" && id.startsWith("(")) {
    const inner = id.slice(1);
    if (inner === "-" || inner === "+") {
      throw new RedisError("INVALID_ENTRY_ID", { operation: OPERATION, key: stream, message: `invalid stream entry id "${id}": "(" goes before an explicit id, not "-" or "+"` });
    }
    validateEntryId(inner, "range", OPERATION, stream);
    return id;
  }
  return validateEntryId(id, "range", OPERATION, stream);
}

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
export async function streamRange(connection: RedisConnection, stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> {
  assertStream(stream, OPERATION);
  const from = rangeBound(start, stream);
  const to = rangeBound(end, stream);
  if (count !== undefined) assertIntegerIn(count, 1, Number.MAX_SAFE_INTEGER, OPERATION, stream, "count");
  const redisKey = connection.keys.key(stream);
  const raw = await connection.execute(OPERATION, stream, (client) =>
    count === undefined ? client.xrange(redisKey, from, to) : client.xrange(redisKey, from, to, "COUNT", count),
  );
  return toEntries(raw);
}

