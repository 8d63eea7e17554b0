import type { RedisConnection } from "@redis-interface/core";
import { assertName, assertOptionalBoolean, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import type { StreamReadResult } from "@redis-interface/streams";
import { checkedRead, checkedSignal, entryIds, sendRead, type ReadIdRules } from "@redis-interface/streams/internal";
import { XACK } from "./commands/pending.js";
import { assertGroup } from "./names.js";
import type { ReadGroup, StreamReadOptions } from "./types.js";

const READ_OPTIONS: ReadonlyArray<keyof StreamReadOptions> = ["count", "blockMs", "group", "noAck", "signal"];
const GROUP_FIELDS: ReadonlyArray<keyof ReadGroup> = ["name", "consumer"];
const GROUP_READ: ReadIdRules = { use: "groupRead", oneIdForAll: true };
const PLAIN_READ: ReadIdRules = { use: "read", oneIdForAll: true };

/**
 * Reads from one or more streams, as a consumer of a group (`XREADGROUP GROUP g c [COUNT n]
 * [BLOCK ms] [NOACK] STREAMS s… id…`) or, without `group`, plainly (`XREAD [COUNT n] [BLOCK ms]
 * STREAMS s… id…`): Hyperswitch's `stream_read_with_options`.
 * With `blockMs` the command runs on a dedicated connection leased from the pool (never a shared
 * one), with a client-side timeout of `blockMs + defaultCommandTimeoutMs` (none for `blockMs: 0`).
 * @param streams one stream name or several, distinct (on a cluster they must share a hash slot).
 * @param ids one id per stream, or one id for all. With a group: `'>'` (entries never delivered
 *   to the group) or an explicit `'ms-seq'` (this consumer's own pending entries after it; `'0'`
 *   is accepted as `'0-0'`). Without a group: `'$'`, `'+'`, `'ms'` or `'ms-seq'`.
 * @returns entries per stream, keyed by the names you passed (never the prefixed ones); a stream
 *   with nothing to read (or a BLOCK that timed out) has `[]`. An entry of this consumer's history
 *   that was deleted from the stream comes back with `fields: {}`.
 * @throws RedisError before any I/O: `INVALID_ARGUMENT` (empty or repeated names, streams and ids
 *   of different lengths, a bad count, a blockMs that is not an integer from 0 to 2^31-1, `noAck`
 *   without a group, an unknown option), `INVALID_ENTRY_ID`, `CROSS_SLOT` (several streams in
 *   different cluster slots), `ABORTED` (`signal` already aborted; during a blocking read, it ends
 *   the read at once). From Redis: `COMMAND_FAILED` with `replyCode: 'NOGROUP'` when the group or
 *   stream is missing; `WRONG_TYPE`; `COMMAND_TIMEOUT`.
 */
export const streamReadWithOptions =
  (connection: RedisConnection) =>
  async (streams: string | readonly string[], ids: string | readonly string[], options?: StreamReadOptions): Promise<StreamReadResult> => {
    const operation = "streamReadWithOptions";
    const { count, blockMs, group, noAck, signal } = optionsObject(options, READ_OPTIONS, operation);
    const read = checkedRead(streams, ids, count, blockMs, operation, group === undefined ? PLAIN_READ : GROUP_READ);
    const key = read.streams[0];
    assertOptionalBoolean(noAck, operation, key, "noAck");
    if (group === undefined) {
      if (noAck === true) throw invalidArgument(operation, key, "noAck needs a group (NOACK only applies to XREADGROUP)");
      return sendRead(connection, operation, read, checkedSignal(signal, operation, key));
    }
    if (typeof group !== "object" || group === null) throw invalidArgument(operation, key, "group must be { name, consumer }");
    const { name, consumer } = optionsObject(group, GROUP_FIELDS, operation, key);
    assertName(name, operation, key, "group");
    assertName(consumer, operation, key, "consumer");
    return sendRead(connection, operation, { ...read, group: { name, consumer, noAck: noAck === true } }, checkedSignal(signal, operation, key));
  };

/**
 * Sends `XACK stream group id…`: removes the entries from the group's pending entries list.
 * @param ids explicit `'ms-seq'` ids; `[]` resolves 0 without I/O.
 * @returns how many were pending and are now acknowledged (ids not pending are not counted).
 * @throws RedisError `INVALID_ENTRY_ID` / `INVALID_ARGUMENT` (ids not an array) before any I/O;
 *   `WRONG_TYPE`. A missing group or stream acknowledges nothing (0), as Redis does.
 */
export const streamAcknowledgeEntries =
  (connection: RedisConnection) =>
  async (stream: string, group: string, ids: readonly string[]): Promise<number> => {
    const operation = "streamAcknowledgeEntries";
    assertGroup(stream, group, operation);
    const checked = entryIds(ids, "explicit", operation, stream);
    if (checked.length === 0) return 0;
    return connection.send(operation, XACK(stream, group, checked));
  };
