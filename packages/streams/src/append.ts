import { RedisError, type RedisConnection } from "@redis-interface/core";
import { capArguments, checkedCap } from "./cap.js";
import type { StreamFields } from "./entries.js";
import { validateEntryId } from "./entry-id.js";
import { streamFieldArgs } from "./fields.js";
import type { AppendOptions } from "./types.js";
import { assertOptionalBoolean, assertStream, invalidArgument, optionsObject } from "./validate.js";

const OPERATION = "streamAppendEntry";

function appendCap(options: AppendOptions | undefined, stream: string): Array<string | number> {
  const { maxLen, minId, approximate, limit } = optionsObject(options, OPERATION, stream);
  assertOptionalBoolean(approximate, OPERATION, stream, "approximate");
  if (maxLen !== undefined && minId !== undefined) throw invalidArgument(OPERATION, stream, "give maxLen or minId, not both");
  if (maxLen === undefined && minId === undefined) {
    if (approximate === true || limit !== undefined) throw invalidArgument(OPERATION, stream, "approximate and limit need a cap (maxLen or minId)");
    return [];
  }
  const cap = maxLen !== undefined
    ? checkedCap("MAXLEN", maxLen, approximate === true, limit, OPERATION, stream, { threshold: "maxLen", approximate: "approximate: true" })
    : checkedCap("MINID", minId, approximate === true, limit, OPERATION, stream, { threshold: "minId", approximate: "approximate: true" });
  return capArguments(cap);
}

/**
 * Sends `XADD stream [MAXLEN|MINID =|~ threshold [LIMIT n]] id f1 v1 …`: appends one entry and,
 * with `maxLen` or `minId`, trims the stream in the same command. Creates the stream if missing.
 * @param id `'*'` (Redis generates the id) or an explicit `ms-seq` above the stream's last id.
 * @returns the id of the new entry, as Redis stored it.
 * @throws RedisError `INVALID_ENTRY_ID` for an id that is not `*` or `ms-seq` (or is `0-0`) or a
 *   malformed `minId`, and `INVALID_ARGUMENT` for a bad stream name, fields or cap options, all
 *   before any I/O; `COMMAND_FAILED` when an explicit id is not above the stream's last id;
 *   `WRONG_TYPE` when the key holds another type.
 */
export async function streamAppendEntry(connection: RedisConnection, stream: string, id: string, fields: StreamFields, options?: AppendOptions): Promise<string> {
  assertStream(stream, OPERATION);
  validateEntryId(id, "append", OPERATION, stream);
  if (id === "0-0") throw new RedisError("INVALID_ENTRY_ID", { operation: OPERATION, key: stream, message: 'invalid stream entry id "0-0": Redis requires an appended id above 0-0' });
  const fieldArgs = streamFieldArgs(fields, OPERATION, stream);
  const cap = appendCap(options, stream);
  const redisKey = connection.keys.key(stream);
  const added = await connection.execute(OPERATION, stream, (client) => client.xadd(redisKey, ...cap, id, ...fieldArgs));
  if (typeof added !== "string") throw new RedisError("COMMAND_FAILED", { operation: OPERATION, key: stream, message: `XADD returned no id (${added === null ? "nil" : typeof added})` });
  return added;
}
