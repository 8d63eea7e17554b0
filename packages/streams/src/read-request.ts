import { RedisError, type RedisConnection } from "@redis-interface/core";
import { assertIntegerIn, assertKey, describeArgument, invalidArgument } from "@redis-interface/core/internal";
import { streamReadCommand, type StreamReadRequest } from "./commands/read.js";
import type { StreamReadResult } from "./entries.js";
import { entryIds } from "./entry-id.js";

/** Node's timers hold at most 2^31-1 ms: the longest BLOCK a read accepts. */
export const MAX_BLOCK_MS = 2_147_483_647;

/** How a read's ids are checked. */
export interface ReadIdRules {
  /** `read` (XREAD: `ms-seq`, `ms`, `$`, `+`) or `groupRead` (XREADGROUP: `>`, `ms-seq`, `ms`). */
  readonly use: "read" | "groupRead";
  /** A single id string applies to every stream (otherwise it counts as one id). */
  readonly oneIdForAll: boolean;
}

/**
 * Checks what every stream read shares, before any I/O: the stream names (one name or a
 * non-empty array of distinct non-empty names: results are keyed by name), one id per stream in
 * the same order, `count` (a positive integer) and `blockMs` (an integer from 0 to 2^31-1).
 * Cluster slots are checked by core when the read is sent.
 * @returns the read, without a group (add one for XREADGROUP).
 * @throws RedisError `INVALID_ARGUMENT` naming what was wrong; `INVALID_ENTRY_ID` for a bad id.
 */
export function checkedRead(streams: unknown, ids: unknown, count: unknown, blockMs: unknown, operation: string, rules: ReadIdRules): StreamReadRequest {
  const names = typeof streams === "string" ? [streams] : streams;
  if (!Array.isArray(names) || names.length === 0) {
    throw invalidArgument(operation, undefined, `streams must be a stream name or a non-empty array of them, got ${describeArgument(streams)}`);
  }
  for (const name of names) assertKey(name, operation, "stream");
  const checkedNames = [...(names as string[])];
  const key = checkedNames[0];
  const duplicate = checkedNames.find((name, index) => checkedNames.indexOf(name) !== index);
  if (duplicate !== undefined) throw invalidArgument(operation, duplicate, "each stream may appear only once in a read (results are keyed by stream name)");
  if (typeof ids !== "string" && !Array.isArray(ids)) throw invalidArgument(operation, key, `ids must be an id or an array of ids, got ${describeArgument(ids)}`);
  const idList = typeof ids === "string" ? (rules.oneIdForAll ? checkedNames.map(() => ids) : [ids]) : ids;
  if (idList.length !== checkedNames.length) {
    throw invalidArgument(operation, key, `got ${idList.length} id(s) for ${checkedNames.length} stream(s): give one id per stream, in the same order`);
  }
  const checkedIds = entryIds(idList, rules.use, operation, key);
  if (count !== undefined) assertIntegerIn(count, 1, Number.MAX_SAFE_INTEGER, operation, key, "count");
  if (blockMs !== undefined) assertIntegerIn(blockMs, 0, MAX_BLOCK_MS, operation, key, "blockMs");
  return { streams: checkedNames, ids: checkedIds, count: count as number | undefined, blockMs: blockMs as number | undefined };
}

/**
 * Checks a read's `signal`: an `AbortSignal` or undefined, not already aborted.
 * @throws RedisError `INVALID_ARGUMENT`; `ABORTED` when it is already aborted (before any I/O).
 */
export function checkedSignal(signal: unknown, operation: string, key: string | undefined): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (!(signal instanceof AbortSignal)) throw invalidArgument(operation, key, `signal must be an AbortSignal, got ${describeArgument(signal)}`);
  if (signal.aborted) throw new RedisError("ABORTED", { operation, key, message: "the read was aborted by its caller" });
  return signal;
}

/**
 * Sends a checked read: without `blockMs` on a shared connection (`send`); with it on a
 * dedicated connection leased from the pool (`sendBlocking`), which the client gives up with
 * `COMMAND_TIMEOUT` after `blockMs + defaultCommandTimeoutMs` (never for `blockMs: 0`, nor when
 * that sum exceeds Node's timer range) and which `signal` ends at once with `ABORTED`.
 * @returns entries keyed by the caller's stream names, every stream present.
 * @throws RedisError `CROSS_SLOT` (before any I/O) and whatever the connection throws.
 */
export function sendRead(connection: RedisConnection, operation: string, request: StreamReadRequest, signal?: AbortSignal): Promise<StreamReadResult> {
  const command = streamReadCommand(request);
  const { blockMs } = request;
  if (blockMs === undefined) return connection.send(operation, command);
  const deadline = blockMs + connection.settings.defaultCommandTimeoutMs;
  const timeoutMs = blockMs === 0 || deadline > MAX_BLOCK_MS ? undefined : deadline;
  return connection.sendBlocking(operation, command, signal === undefined ? { timeoutMs } : { timeoutMs, signal });
}
