/**
 * The staleness check of the cache fault scenarios, pure: what the writer acknowledged, when, and
 * what the readers saw. Times are milliseconds on the clock every process shares
 * (`performance.timeOrigin + performance.now()`).
 *
 * A value stops being current when the next event of its key is acknowledged: the next write of
 * the key, or a FLUSHALL. A read that started `s` ms after its value stopped being current has
 * staleness `s`; it is a violation when `s > maxStalenessMs` (a read that started more than the
 * bound after the acknowledged write of seq n returned a seq < n, or a value a FLUSHALL removed).
 */

/** One acknowledged write: `key` set to `{ seq }`. Writes of a key are serial, so seq order is ack order. */
export interface AckedWrite {
  key: string;
  seq: number;
  sentAt: number;
  ackAt: number;
}

/** One FLUSHALL; the writer is paused around it, so every write was sent before `sentAt` or after `ackAt`. */
export interface FlushEvent {
  sentAt: number;
  ackAt: number;
}

/** The latest read of one value of one key by one reader (a value is written once, so the latest read is the one to judge). */
export interface ValueReads {
  key: string;
  seq: number;
  count: number;
  lastStart: number;
  lastEnd: number;
}

/** One read that found no value: `[key, start, end]`. */
export type MissingRead = readonly [string, number, number];

export interface StalenessInput {
  maxStalenessMs: number;
  writes: readonly AckedWrite[];
  flushes: readonly FlushEvent[];
  /** Seqs whose write failed: Redis may have applied them (even after a later write, from a frozen server's buffer), so reads of them prove nothing. */
  failedSeqs: ReadonlySet<number>;
  values: readonly ValueReads[];
  missing: readonly MissingRead[];
}

export interface StalenessVerdict {
  /** Reads judged (reads of failed writes excluded). */
  reads: number;
  /** The stalest read judged, ms (0 when every read returned the current value). */
  maxStalenessMs: number;
  /** Judged reads (value groups for found values, single reads for misses) beyond the bound. */
  violations: number;
  /** Reads that returned a failed (never acknowledged) write. */
  unacknowledgedReads: number;
  /** Up to 5 violations, described (keys and seqs only). */
  examples: string[];
}

/** The timeline of one key: its acknowledged writes in seq order. */
function writesByKey(writes: readonly AckedWrite[]): Map<string, AckedWrite[]> {
  const byKey = new Map<string, AckedWrite[]>();
  for (const write of writes) {
    let list = byKey.get(write.key);
    if (list === undefined) byKey.set(write.key, (list = []));
    list.push(write);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.seq - b.seq);
  return byKey;
}

/** When the state that began at `since` (a write's or a flush's ack) stopped being current: the next write of the key or flush acknowledged after it. */
function outdatedAt(since: number, later: readonly AckedWrite[], flushes: readonly FlushEvent[]): number {
  let next = Infinity;
  for (const write of later) if (write.sentAt >= since) next = Math.min(next, write.ackAt);
  for (const flush of flushes) if (flush.sentAt >= since) next = Math.min(next, flush.ackAt);
  return next;
}

/**
 * Judges every read against the writes and flushes.
 * @returns the reads judged, the stalest one, the violations (each beyond `maxStalenessMs`).
 */
export function judgeStaleness(input: StalenessInput): StalenessVerdict {
  const byKey = writesByKey(input.writes);
  const verdict: StalenessVerdict = { reads: 0, maxStalenessMs: 0, violations: 0, unacknowledgedReads: 0, examples: [] };
  const judge = (staleness: number, count: number, describe: () => string): void => {
    verdict.reads += count;
    verdict.maxStalenessMs = Math.max(verdict.maxStalenessMs, staleness);
    if (staleness <= input.maxStalenessMs) return;
    verdict.violations++;
    if (verdict.examples.length < 5) verdict.examples.push(`${describe()}, ${Math.round(staleness)} ms stale`);
  };
  for (const read of input.values) {
    if (input.failedSeqs.has(read.seq)) {
      verdict.unacknowledgedReads += read.count;
      continue;
    }
    const history = byKey.get(read.key) ?? [];
    const index = history.findIndex((write) => write.seq === read.seq);
    if (index < 0) {
      judge(Infinity, read.count, () => `${read.key} returned seq ${read.seq}, which no write of that key carried`);
      continue;
    }
    const since = (history[index] as AckedWrite).ackAt;
    const until = outdatedAt(since, history.slice(index + 1), input.flushes);
    judge(Math.max(0, read.lastStart - until), read.count, () => `${read.key} returned seq ${read.seq} (a later write or FLUSHALL was acknowledged)`);
  }
  for (const [key, start, end] of input.missing) {
    // the latest FLUSHALL sent before the read ended may explain a miss; with none, the key was never written
    const flush = input.flushes.filter((each) => each.sentAt <= end).sort((a, b) => b.sentAt - a.sentAt)[0];
    const since = flush?.ackAt ?? -Infinity;
    const until = outdatedAt(since, byKey.get(key) ?? [], []);
    judge(Math.max(0, start - until), 1, () => `${key} returned no value though a write was acknowledged`);
  }
  return verdict;
}
