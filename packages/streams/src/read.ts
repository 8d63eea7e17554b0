import { RedisError, type RedisConnection } from "@redis-interface/core";
import { toReadResult, type StreamReadResult } from "./entries.js";
import type { ReadOptions } from "./types.js";
import { assertIntegerIn, assertOneSlot, entryIds, invalidArgument, optionsObject, streamNames } from "./validate.js";

/** Node's timers hold at most 2^31-1 ms; a longer BLOCK waits without a client-side timeout. */
const MAX_TIMER_MS = 2_147_483_647;

interface CheckedRead {
  names: string[];
  args: Array<string | number>;
}

/** Validates streams and ids (one per stream, use "read"), checks the slot, builds `STREAMS s… id…`. */
function checkedRead(connection: RedisConnection, streams: unknown, ids: unknown, operation: string): CheckedRead {
  const names = streamNames(streams, operation);
  const checkedIds = entryIds(ids, "read", operation, names[0], names.length);
  assertOneSlot(connection, names, operation);
  return { names, args: ["STREAMS", ...connection.keys.keysOf(names), ...checkedIds] };
}

/**
 * Sends `XREAD COUNT n STREAMS s1 … id1 …` (no BLOCK) with `n = count ?? settings.streamReadCount`:
 * the entries after each id (`'0-0'` from the start; `'$'` gives nothing without BLOCK).
 * @param streams one stream name or several (on a cluster: all in one hash slot).
 * @param ids one id per stream, same order: `ms-seq`, `ms` or `$`.
 * @returns entries keyed by the stream names as given (never prefixed); every requested stream is
 *   present, `[]` when it is empty, missing or has nothing after its id.
 * @throws RedisError `INVALID_ARGUMENT` (bad names, duplicate names, id count mismatch, count not a
 *   positive integer) and `INVALID_ENTRY_ID` before any I/O; `CROSS_SLOT` before any I/O when the
 *   streams span cluster slots; `WRONG_TYPE` when a key holds another type.
 */
export async function streamReadEntries(connection: RedisConnection, streams: string | readonly string[], ids: string | readonly string[], count?: number): Promise<StreamReadResult> {
  const operation = "streamReadEntries";
  const { names, args } = checkedRead(connection, streams, ids, operation);
  const readCount = count ?? connection.settings.streamReadCount;
  assertIntegerIn(readCount, 1, Number.MAX_SAFE_INTEGER, operation, names[0], "count");
  // Lowercase on purpose: ioredis 6 maps the RESP3 reply of XREAD to [[stream, entries], …] only for "xread".
  const reply = await connection.execute(operation, names[0], (client) => client.call("xread", "COUNT", readCount, ...args));
  return toReadResult(connection, names, reply);
}

/**
 * Sends `XREAD [COUNT n] [BLOCK ms] STREAMS s1 … id1 …`. Without `blockMs` it runs on a shared
 * connection like any command. With `blockMs` it runs on a dedicated connection leased from the
 * pool (`executeBlocking`), so a long BLOCK never delays other commands; the client gives up with
 * `COMMAND_TIMEOUT` after `blockMs + defaultCommandTimeoutMs` (never for `blockMs: 0`, which waits
 * until an entry arrives); aborting `signal` ends it at once with `ABORTED`. Group reads are in
 * @redis-interface/consumer-groups.
 * @param ids one id per stream: `ms-seq`, `ms` or `$` (only entries added after the call).
 * @returns entries keyed by the stream names as given; every requested stream is present, `[]`
 *   when nothing arrived (including a BLOCK that ended without entries).
 * @throws RedisError `INVALID_ARGUMENT` (as `streamReadEntries`, plus `blockMs` not an integer
 *   from 0 to 2^31-1, or a `group` option) and `INVALID_ENTRY_ID` before any I/O; `CROSS_SLOT`
 *   before any I/O; `ABORTED` (before any I/O when `signal` is already aborted); `WRONG_TYPE`;
 *   `COMMAND_TIMEOUT`.
 */
export async function streamReadWithOptions(connection: RedisConnection, streams: string | readonly string[], ids: string | readonly string[], options?: ReadOptions): Promise<StreamReadResult> {
  const operation = "streamReadWithOptions";
  const { count, blockMs, signal, ...rest } = optionsObject(options, operation, undefined);
  if ("group" in rest) throw invalidArgument(operation, undefined, "group reads are not part of @redis-interface/streams: use streamReadWithOptions of @redis-interface/consumer-groups");
  const { names, args } = checkedRead(connection, streams, ids, operation);
  const prefix: Array<string | number> = [];
  if (count !== undefined) {
    assertIntegerIn(count, 1, Number.MAX_SAFE_INTEGER, operation, names[0], "count");
    prefix.push("COUNT", count);
  }
  if (blockMs !== undefined) assertIntegerIn(blockMs, 0, MAX_TIMER_MS, operation, names[0], "blockMs");
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidArgument(operation, names[0], "signal must be an AbortSignal");
  if (signal?.aborted === true) throw new RedisError("ABORTED", { operation, key: names[0], message: "the read was aborted by its caller" });
  if (blockMs === undefined) {
    const reply = await connection.execute(operation, names[0], (client) => client.call("xread", ...prefix, ...args));
    return toReadResult(connection, names, reply);
  }
  const deadline = blockMs + connection.settings.defaultCommandTimeoutMs;
  const timeoutMs = blockMs === 0 || deadline > MAX_TIMER_MS ? undefined : deadline;
  const reply = await connection.executeBlocking(operation, names[0], { timeoutMs, signal }, (client) => client.call("xread", ...prefix, "BLOCK", blockMs, ...args));
  return toReadResult(connection, names, reply);
}
