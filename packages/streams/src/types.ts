/** Options of `streamAppendEntry`: an optional cap applied by the same XADD. */
export interface AppendOptions {
  /** Keep at most this many entries (`MAXLEN`): a non-negative integer. Not with `minId`. */
  maxLen?: number;
  /** Evict entries with an id below this one (`MINID`): `ms-seq` or `ms`. Not with `maxLen`. */
  minId?: string;
  /** `~` (Redis trims whole macro nodes, so at least the cap remains) instead of `=` (exact). Default false. */
  approximate?: boolean;
  /** At most this many entries evicted by this call (`LIMIT`; 0 = no limit): only with `approximate`. */
  limit?: number;
}

/** Options of `streamReadWithOptions` (group reads live in @redis-interface/consumer-groups). */
export interface ReadOptions {
  /** At most this many entries per stream (`COUNT`): a positive integer. No default here. */
  count?: number;
  /**
   * Wait up to this many milliseconds for entries (`BLOCK`): a non-negative integer, 0 = forever.
   * The read then runs on a dedicated connection, never on a shared one.
   */
  blockMs?: number;
  /**
   * Aborting it ends a blocking read at once with `ABORTED` (its dedicated connection is dropped).
   * Already aborted: `ABORTED` before any I/O, with or without `blockMs`.
   */
  signal?: AbortSignal;
}

/** Options of `streamTrimEntries` (Hyperswitch's `(StreamCapKind, StreamCapTrim, threshold)`). */
export interface TrimOptions {
  /** `MAXLEN`: keep the newest `threshold` entries; `MINID`: evict entries with an id below `threshold`. */
  kind: "MAXLEN" | "MINID";
  /** A non-negative integer for `MAXLEN`; an id (`ms-seq` or `ms`) for `MINID`. */
  threshold: number | string;
  /** `=` (default true) or `~` (false: Redis trims whole macro nodes only, so it may leave more). */
  exact?: boolean;
  /** At most this many entries evicted (`LIMIT`; 0 = no limit): only when `exact` is false. */
  limit?: number;
}
