import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertOptionalBoolean, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import { checkedCap, type Cap } from "./cap.js";
import { XADD } from "./commands/entries.js";
import type { StreamFields } from "./entries.js";
import { validateEntryId } from "./entry-id.js";
import { streamFieldArgs } from "./fields.js";
import type { AppendOptions } from "./types.js";

const OPERATION = "streamAppendEntry";
const APPEND_OPTIONS: ReadonlyArray<keyof AppendOptions> = ["maxLen", "minId", "approximate", "limit"];

function appendCap(options: AppendOptions | undefined, stream: string): Cap | undefined {
  const { maxLen, minId, approximate, limit } = optionsObject(options, APPEND_OPTIONS, OPERATION, stream);
  assertOptionalBoolean(approximate, OPERATION, stream, "approximate");
  if (maxLen !== undefined && minId !== undefined) throw invalidArgument(OPERATION, stream, "give maxLen or minId, not both");
  if (maxLen === undefined && minId === undefined) {
    if (approximate === true || limit !== undefined) throw invalidArgument(OPERATION, stream, "approximate and limit need a cap (maxLen or minId)");
    return undefined;
  }
  const names = { threshold: maxLen !== undefined ? "maxLen" : "minId", approximate: "approximate: true" };
  return checkedCap(maxLen !== undefined ? "MAXLEN" : "MINID", maxLen ?? minId, approximate === true, limit, OPERATION, stream, names);
}

/**
 * Sends `XADD stream [MAXLEN|MINID =|~ threshold [LIMIT n]] id f1 v1 …`: appends one entry and,
 * with `maxLen` or `minId`, trims the stream in the same command. Creates the stream if missing.
 * @param id `'*'` (Redis generates the id) or an explicit `ms-seq` above the stream's last id.
 * @param options `maxLen` or `minId` (not both), `approximate` (`~`), `limit` (only with `~`).
 * @returns the id of the new entry, as Redis stored it.
 * @throws RedisError `INVALID_ENTRY_ID` for an id that is not `*` or `ms-seq` (or is `0-0`) or a
 *   malformed `minId`, and `INVALID_ARGUMENT` for a bad stream name, fields or cap options (an
 *   unknown option name included), all before any I/O; `COMMAND_FAILED` when an explicit id is
 *   not above the stream's last id; `WRONG_TYPE` when the key holds another type.
 */
export const streamAppendEntry =
  (connection: RedisConnection) =>
  async (stream: string, id: string, fields: StreamFields, options?: AppendOptions): Promise<string> => {
    assertKey(stream, OPERATION, "stream");
    validateEntryId(id, "append", OPERATION, stream);
    const fieldArgs = streamFieldArgs(fields, OPERATION, stream);
    return connection.send(OPERATION, XADD(stream, id, fieldArgs, appendCap(options, stream)));
  };
