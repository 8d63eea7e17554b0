import { leadingKeys, type RedisArgument, type RedisCommand } from "@redis-interface/core";
import { toReadResult, type StreamReadResult } from "../entries.js";

/** What one XREAD / XREADGROUP asks for, already validated. */
export interface StreamReadRequest {
  /** The caller's stream names (distinct; the connection prefixes them). */
  readonly streams: readonly string[];
  /** One id per stream, same order. */
  readonly ids: readonly string[];
  /** `COUNT`: at most this many entries per stream. */
  readonly count?: number;
  /** `BLOCK`: wait up to this many milliseconds (0: forever). Send it with `sendBlocking`. */
  readonly blockMs?: number;
  /** Read as a consumer of a group: `XREADGROUP GROUP name consumer … [NOACK]`. */
  readonly group?: { readonly name: string; readonly consumer: string; readonly noAck?: boolean };
}

/**
 * The one builder of stream reads: `XREAD [COUNT n] [BLOCK ms] STREAMS s… id…`, or with `group`
 * `XREADGROUP GROUP g c [COUNT n] [BLOCK ms] [NOACK] STREAMS s… id…`. The streams are its keys.
 * @returns the command; its result has every requested stream under the caller's name (`[]`
 *   when it had nothing, also after a BLOCK that timed out).
 */
export function streamReadCommand(request: StreamReadRequest): RedisCommand<StreamReadResult> {
  const { streams, ids, count, blockMs, group } = request;
  const args: RedisArgument[] = [];
  if (group !== undefined) args.push("GROUP", group.name, group.consumer);
  if (count !== undefined) args.push("COUNT", count);
  if (blockMs !== undefined) args.push("BLOCK", blockMs);
  if (group?.noAck === true) args.push("NOACK");
  args.push("STREAMS");
  const keys = leadingKeys(streams.length, args.length);
  for (const stream of streams) args.push(stream);
  for (const id of ids) args.push(id);
  return { name: group === undefined ? "XREAD" : "XREADGROUP", args, keys, transform: (reply, through) => toReadResult(through, streams, reply) };
}
