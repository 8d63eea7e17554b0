import { RedisError, type BlockingOptions, type RedisClient, type RedisConnection } from "@redis-interface/core";
import { assertOneSlot, toReadResult, validateEntryId, type StreamReadResult } from "@redis-interface/streams";
import type { StreamReadOptions } from "./types.js";
import { assertIds, assertName, assertNonNegativeInteger, assertOptionalBoolean, assertOptions, assertPositiveInteger, assertStream } from "./validate.js";

function invalid(operation: string, key: string | undefined, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, key, message });
}

/**
 * Reads from one or more streams, as a consumer of a group (`XREADGROUP GROUP g c [COUNT n]
 * [BLOCK ms] [NOACK] STREAMS s… id…`) or, without `group`, plainly (`XREAD [COUNT n] [BLOCK ms]
 * STREAMS s… id…`): Hyperswitch's `stream_read_with_options`.
 * With `blockMs` the command runs on a dedicated connection leased from the pool (never a shared
 * one), with a client-side timeout of `blockMs + defaultCommandTimeoutMs` (none for `blockMs: 0`).
 * @param streams one stream name or several (on a cluster they must share a hash slot).
 * @param ids one id per stream, or one id for all. With a group: `'>'` (entries never delivered
 *   to the group) or an explicit `'ms-seq'` (this consumer's own pending entries after it; `'0'`
 *   is accepted as `'0-0'`). Without a group: `'$'`, `'+'`, `'ms'` or `'ms-seq'`.
 * @returns entries per stream, keyed by the names you passed (never the prefixed ones); a stream
 *   with nothing to read (or a BLOCK that timed out) has `[]`. An entry of this consumer's history
 *   that was deleted from the stream comes back with `fields: {}`.
 * @throws RedisError before any I/O: `INVALID_ARGUMENT` (empty names, streams and ids of different
 *   lengths, a bad count or blockMs, `noAck` without a group), `INVALID_ENTRY_ID`, `CROSS_SLOT`
 *   (several streams in different cluster slots), `ABORTED` (`signal` already aborted; during a
 *   blocking read, it ends the read at once). From Redis: `COMMAND_FAILED` with
 *   `replyCode: 'NOGROUP'` when the group or stream is missing; `WRONG_TYPE`; `COMMAND_TIMEOUT`.
 */
export async function streamReadWithOptions(
  connection: RedisConnection,
  streams: string | readonly string[],
  ids: string | readonly string[],
  options: StreamReadOptions = {},
): Promise<StreamReadResult> {
  const operation = "streamReadWithOptions";
  if (typeof streams !== "string" && !Array.isArray(streams)) throw invalid(operation, undefined, "streams must be a stream name or an array of them");
  const names: string[] = typeof streams === "string" ? [streams] : [...(streams as readonly string[])];
  if (names.length === 0) throw invalid(operation, undefined, "streams must not be empty");
  for (const name of names) assertStream(name, operation);
  const key = names[0] as string;
  assertOptions(options, operation, key);
  const { count, blockMs, group, noAck, signal } = options;
  if (group !== undefined) {
    if (typeof group !== "object" || group === null) throw invalid(operation, key, "group must be { name, consumer }");
    assertName(group.name, operation, key, "group");
    assertName(group.consumer, operation, key, "consumer");
  }
  assertOptionalBoolean(noAck, operation, key, "noAck");
  if (noAck === true && group === undefined) throw invalid(operation, key, "noAck needs a group (NOACK only applies to XREADGROUP)");
  if (count !== undefined) assertPositiveInteger(count, operation, key, "count");
  if (blockMs !== undefined) assertNonNegativeInteger(blockMs, operation, key, "blockMs");

  const use = group === undefined ? "read" : "groupRead";
  if (typeof ids !== "string" && !Array.isArray(ids)) throw invalid(operation, key, "ids must be an id or an array of ids");
  const idList: unknown[] = typeof ids === "string" ? names.map(() => ids) : [...(ids as readonly unknown[])];
  if (idList.length !== names.length) throw invalid(operation, key, `ids must have one id per stream (${names.length}), got ${idList.length}`);
  const readIds = idList.map((id) => validateEntryId(id, use, operation, key));
  assertOneSlot(connection, names, operation);
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalid(operation, key, "signal must be an AbortSignal");
  if (signal?.aborted === true) throw new RedisError("ABORTED", { operation, key, message: "the read was aborted by its caller" });

  const args: Array<string | number> = [];
  if (group !== undefined) args.push("GROUP", group.name, group.consumer);
  if (count !== undefined) args.push("COUNT", count);
  if (blockMs !== undefined) args.push("BLOCK", blockMs);
  if (noAck === true) args.push("NOACK");
  args.push("STREAMS", ...connection.keys.keysOf(names), ...readIds);
  const command = group === undefined ? "XREAD" : "XREADGROUP";

  const run = (client: RedisClient): Promise<unknown> => client.call(command, ...args);
  const reply =
    blockMs === undefined
      ? await connection.execute(operation, key, run)
      : await connection.executeBlocking(operation, key, blockingOptions(connection, blockMs, signal), run);
  return toReadResult(connection, names, reply);
}

function blockingOptions(connection: RedisConnection, blockMs: number, signal: AbortSignal | undefined): BlockingOptions {
  const options: BlockingOptions = { timeoutMs: blockMs === 0 ? undefined : blockMs + connection.settings.defaultCommandTimeoutMs };
  if (signal !== undefined) options.signal = signal;
  return options;
}

/**
 * Sends `XACK stream group id…`: removes the entries from the group's pending entries list.
 * @param ids explicit `'ms-seq'` ids; `[]` resolves 0 without I/O.
 * @returns how many were pending and are now acknowledged (ids not pending are not counted).
 * @throws RedisError `INVALID_ENTRY_ID` / `INVALID_ARGUMENT` before any I/O; `WRONG_TYPE`.
 *   A missing group or stream acknowledges nothing (0), as Redis does.
 */
export async function streamAcknowledgeEntries(connection: RedisConnection, stream: string, group: string, ids: readonly string[]): Promise<number> {
  const operation = "streamAcknowledgeEntries";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  const checked = assertIds(ids, "explicit", operation, stream);
  if (checked.length === 0) return 0;
  const reply = await connection.execute(operation, stream, (client) => client.call("XACK", connection.keys.key(stream), group, ...checked));
  return Number(reply);
}
