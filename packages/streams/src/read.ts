import type { RedisConnection } from "@redis-interface/core";
import { assertIntegerIn, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import type { StreamReadResult } from "./entries.js";
import { checkedRead, checkedSignal, sendRead } from "./read-request.js";
import type { ReadOptions } from "./types.js";

const READ_OPTIONS: ReadonlyArray<keyof ReadOptions> = ["count", "blockMs", "signal"];
const PLAIN_READ = { use: "read", oneIdForAll: false } as const;

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
export const streamReadEntries =
  (connection: RedisConnection) =>
  async (streams: string | readonly string[], ids: string | readonly string[], count?: number): Promise<StreamReadResult> => {
    const operation = "streamReadEntries";
    const readCount = count ?? connection.settings.streamReadCount;
    const read = checkedRead(streams, ids, undefined, undefined, operation, PLAIN_READ);
    assertIntegerIn(readCount, 1, Number.MAX_SAFE_INTEGER, operation, read.streams[0], "count");
    return sendRead(connection, operation, { ...read, count: readCount });
  };

/**
 * Sends `XREAD [COUNT n] [BLOCK ms] STREAMS s1 … id1 …`. Without `blockMs` it runs on a shared
 * connection like any command. With `blockMs` it runs on a dedicated connection leased from the
 * pool (`sendBlocking`), so a long BLOCK never delays other commands; the client gives up with
 * `COMMAND_TIMEOUT` after `blockMs + defaultCommandTimeoutMs` (never for `blockMs: 0`, which waits
 * until an entry arrives); aborting `signal` ends it at once with `ABORTED`. Group reads are in
 * @redis-interface/consumer-groups.
 * @param ids one id per stream: `ms-seq`, `ms` or `$` (only entries added after the call).
 * @returns entries keyed by the stream names as given; every requested stream is present, `[]`
 *   when nothing arrived (including a BLOCK that ended without entries).
 * @throws RedisError `INVALID_ARGUMENT` (as `streamReadEntries`, plus `blockMs` not an integer
 *   from 0 to 2^31-1, a `group` or another unknown option) and `INVALID_ENTRY_ID` before any I/O;
 *   `CROSS_SLOT` before any I/O; `ABORTED` (before any I/O when `signal` is already aborted);
 *   `WRONG_TYPE`; `COMMAND_TIMEOUT`.
 */
export const streamReadWithOptions =
  (connection: RedisConnection) =>
  async (streams: string | readonly string[], ids: string | readonly string[], options?: ReadOptions): Promise<StreamReadResult> => {
    const operation = "streamReadWithOptions";
    if (typeof options === "object" && options !== null && "group" in options) {
      throw invalidArgument(operation, undefined, "group reads are not part of @redis-interface/streams: use streamReadWithOptions of @redis-interface/consumer-groups");
    }
    const { count, blockMs, signal } = optionsObject(options, READ_OPTIONS, operation);
    const read = checkedRead(streams, ids, count, blockMs, operation, PLAIN_READ);
    return sendRead(connection, operation, read, checkedSignal(signal, operation, read.streams[0]));
  };
