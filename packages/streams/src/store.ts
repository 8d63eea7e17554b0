import type { StreamEntry, StreamFields, StreamReadResult } from "./entries.js";
import type { AppendOptions, ReadOptions, TrimOptions } from "./types.js";

/**
 * The stream functions of Hyperswitch's `redis_interface` (camelCased), plus `streamRange`.
 * Stream names are the caller's; the connection's prefix is applied inside, and read results are
 * keyed by the names as given. Every failure is a `RedisError`: `INVALID_ARGUMENT` for bad input
 * and `INVALID_ENTRY_ID` for a malformed id (both before any I/O), `CROSS_SLOT` for a multi-stream
 * read across cluster slots (before any I/O), `WRONG_TYPE` for a key of another type, and the
 * pool's `CONNECTION_FAILED`, `COMMAND_TIMEOUT`, `BACKPRESSURE`, `CLOSED`.
 */
export interface StreamStore {
  /**
   * `XADD stream [MAXLEN|MINID =|~ threshold [LIMIT n]] id f v …`.
   * @param id `'*'` or an explicit `ms-seq`.
   * @returns the new entry's id (the original discarded it).
   */
  streamAppendEntry(stream: string, id: string, fields: StreamFields, options?: AppendOptions): Promise<string>;
  /**
   * `XREAD COUNT (count ?? streamReadCount) STREAMS s… id…` (no BLOCK). An empty or missing
   * stream gives `[]`, not an error (the original's `StreamEmptyOrNotAvailable`).
   */
  streamReadEntries(streams: string | readonly string[], ids: string | readonly string[], count?: number): Promise<StreamReadResult>;
  /** `XREAD [COUNT n] [BLOCK ms] STREAMS s… id…`; with `blockMs`, on a dedicated connection. */
  streamReadWithOptions(streams: string | readonly string[], ids: string | readonly string[], options?: ReadOptions): Promise<StreamReadResult>;
  /** `XDEL stream id…`: the number deleted; `[]` → 0 without I/O. */
  streamDeleteEntries(stream: string, ids: string | readonly string[]): Promise<number>;
  /** `XTRIM stream MAXLEN|MINID =|~ threshold [LIMIT n]`: the number evicted. */
  streamTrimEntries(stream: string, options: TrimOptions): Promise<number>;
  /** `XLEN stream`: 0 for a missing stream. */
  streamGetLength(stream: string): Promise<number>;
  /** `XRANGE stream start end [COUNT n]`: entries oldest first; `[]` for a missing stream. */
  streamRange(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]>;
}
