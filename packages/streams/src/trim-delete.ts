import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertOptionalBoolean, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import { checkedCap } from "./cap.js";
import { XDEL, XTRIM } from "./commands/entries.js";
import { entryIds } from "./entry-id.js";
import type { TrimOptions } from "./types.js";

const TRIM_OPTIONS: ReadonlyArray<keyof TrimOptions> = ["kind", "threshold", "exact", "limit"];

/**
 * Sends `XDEL stream id…`.
 * @param ids one explicit id (`ms-seq`) or an array of them; `[]` returns 0 without I/O.
 * @returns how many entries were deleted (ids not in the stream, or a missing stream, count 0).
 * @throws RedisError `INVALID_ARGUMENT` for a bad stream name or ids that are not an id or an
 *   array, and `INVALID_ENTRY_ID` for an id that is not `ms-seq`, before any I/O; `WRONG_TYPE`.
 */
export const streamDeleteEntries =
  (connection: RedisConnection) =>
  async (stream: string, ids: string | readonly string[]): Promise<number> => {
    const operation = "streamDeleteEntries";
    assertKey(stream, operation, "stream");
    const checked = entryIds(typeof ids === "string" ? [ids] : ids, "explicit", operation, stream);
    if (checked.length === 0) return 0;
    return connection.send(operation, XDEL(stream, checked));
  };

/**
 * Sends `XTRIM stream MAXLEN|MINID =|~ threshold [LIMIT n]` (`=` unless `exact: false`).
 * `MINID id` keeps `id` itself: to drop everything up to and including the last processed id (the
 * drainer pattern), trim with MINID and then `streamDeleteEntries(stream, id)`.
 * @returns how many entries were evicted (0 for a missing stream).
 * @throws RedisError `INVALID_ARGUMENT` for a bad stream name, missing options or an unknown
 *   option name, a bad kind, MAXLEN threshold (not a non-negative integer), `exact` or `limit` (a
 *   non-negative integer, only with `exact: false`), and `INVALID_ENTRY_ID` for a malformed MINID,
 *   before any I/O; `WRONG_TYPE`.
 */
export const streamTrimEntries =
  (connection: RedisConnection) =>
  async (stream: string, options: TrimOptions): Promise<number> => {
    const operation = "streamTrimEntries";
    assertKey(stream, operation, "stream");
    if (options === undefined) throw invalidArgument(operation, stream, "options must be an object { kind, threshold, exact?, limit? }");
    const { kind, threshold, exact, limit } = optionsObject(options, TRIM_OPTIONS, operation, stream);
    assertOptionalBoolean(exact, operation, stream, "exact");
    const cap = checkedCap(kind, threshold, exact === false, limit, operation, stream, { threshold: "threshold", approximate: "exact: false" });
    return connection.send(operation, XTRIM(stream, cap));
  };
