import type { RedisConnection } from "@redis-interface/core";
import { capArguments, checkedCap } from "./cap.js";
import type { TrimOptions } from "./types.js";
import { assertOptionalBoolean, assertStream, entryIds, invalidArgument } from "./validate.js";

/**
 * Sends `XDEL stream id…`.
 * @param ids one explicit id (`ms-seq`) or an array of them; `[]` returns 0 without I/O.
 * @returns how many entries were deleted (ids not in the stream, or a missing stream, count 0).
 * @throws RedisError `INVALID_ARGUMENT` for a bad stream name or ids that are not an id or an
 *   array, and `INVALID_ENTRY_ID` for an id that is not `ms-seq`, before any I/O; `WRONG_TYPE`.
 */
export async function streamDeleteEntries(connection: RedisConnection, stream: string, ids: string | readonly string[]): Promise<number> {
  const operation = "streamDeleteEntries";
  assertStream(stream, operation);
  const checked = entryIds(ids, "explicit", operation, stream);
  if (checked.length === 0) return 0;
  const redisKey = connection.keys.key(stream);
  return connection.execute(operation, stream, (client) => client.xdel(redisKey, ...checked));
}

/**
 * Sends `XTRIM stream MAXLEN|MINID =|~ threshold [LIMIT n]` (`=` unless `exact: false`).
 * `MINID id` keeps `id` itself: to drop everything up to and including the last processed id (the
 * drainer pattern), trim with MINID and then `streamDeleteEntries(stream, id)`.
 * @returns how many entries were evicted (0 for a missing stream).
 * @throws RedisError `INVALID_ARGUMENT` for a bad stream name, kind, MAXLEN threshold (not a
 *   non-negative integer), `exact` or `limit` (a non-negative integer, only with `exact: false`),
 *   and `INVALID_ENTRY_ID` for a malformed MINID, before any I/O; `WRONG_TYPE`.
 */
export async function streamTrimEntries(connection: RedisConnection, stream: string, options: TrimOptions): Promise<number> {
  const operation = "streamTrimEntries";
  assertStream(stream, operation);
  if (typeof options !== "object" || options === null) throw invalidArgument(operation, stream, "options must be an object { kind, threshold, exact?, limit? }");
  assertOptionalBoolean(options.exact, operation, stream, "exact");
  const cap = checkedCap(options.kind, options.threshold, options.exact === false, options.limit, operation, stream, { threshold: "threshold", approximate: "exact: false" });
  const redisKey = connection.keys.key(stream);
  // Lowercase command name for ioredis's per-command reply handling (see read.ts).
  const trimmed = await connection.execute(operation, stream, (client) => client.call("xtrim", redisKey, ...capArguments(cap)));
  return Number(trimmed);
}
