import { isRedisError } from "@redis-interface/core";

/** The three kinds of traffic of the mixed load. */
export type OperationKind = "kv" | "stream" | "publish";

/**
 * Counts every operation the load attempts and how it ended. A failure is filed under its
 * `RedisError` code (with Redis's reply code when there was one, e.g. `COMMAND_FAILED/OOM`);
 * anything that is not a `RedisError` is kept in `untyped` (the suite fails on it).
 */
export class Ledger {
  readonly attempted: Record<OperationKind, number> = { kv: 0, stream: 0, publish: 0 };
  readonly acknowledged: Record<OperationKind, number> = { kv: 0, stream: 0, publish: 0 };
  readonly failedByCode = new Map<string, number>();
  readonly untyped: unknown[] = [];
  /** Operations started and not yet settled. */
  pending = 0;
  /** Longest time one operation took to settle, in ms. */
  longestSettleMs = 0;
  /** `performance.now()` of the last acknowledgement of each kind. */
  readonly lastAckAt: Record<OperationKind, number> = { kv: 0, stream: 0, publish: 0 };
  /** `performance.now()` of the first failure seen after `markFaultStart()`. */
  firstFailureAt: number | undefined;
  #faultStart = Number.POSITIVE_INFINITY;

  /** Failures seen so far (all codes). */
  get failed(): number {
    let total = 0;
    for (const count of this.failedByCode.values()) total += count;
    return total;
  }

  /** Failures with this label (`CODE` or `CODE/REPLY`). */
  failures(label: string): number {
    let total = 0;
    for (const [key, count] of this.failedByCode) if (key === label || key.startsWith(`${label}/`)) total += count;
    return total;
  }

  markFaultStart(at: number): void {
    this.#faultStart = at;
    this.firstFailureAt = undefined;
  }

  /**
   * Runs one operation, counting it and timing how long it takes to settle.
   * @returns `{ ok: true, value }`, or `{ ok: false }` when it failed (the failure is recorded).
   */
  async track<T>(kind: OperationKind, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    const started = performance.now();
    this.attempted[kind]++;
    this.pending++;
    try {
      const value = await run();
      this.acknowledged[kind]++;
      this.lastAckAt[kind] = performance.now();
      return { ok: true, value };
    } catch (error) {
      this.record(error);
      return { ok: false };
    } finally {
      this.pending--;
      this.longestSettleMs = Math.max(this.longestSettleMs, performance.now() - started);
    }
  }

  /** Files a failure reported by a consumer or bus `error` event or by `track`. */
  record(error: unknown): void {
    const now = performance.now();
    if (now >= this.#faultStart && this.firstFailureAt === undefined) this.firstFailureAt = now;
    if (!isRedisError(error)) {
      this.untyped.push(error);
      return;
    }
    const label = error.replyCode === undefined ? error.code : `${error.code}/${error.replyCode}`;
    if (process.env["FAULTS_DEBUG"] && !this.failedByCode.has(label)) console.log(`first ${label}: ${error.message}`);
    this.failedByCode.set(label, (this.failedByCode.get(label) ?? 0) + 1);
  }

  /** `CODE×n, …`, most frequent first. */
  describeFailures(): string {
    if (this.failedByCode.size === 0) return "–";
    return [...this.failedByCode].sort((a, b) => b[1] - a[1]).map(([code, count]) => `${code}×${count}`).join(", ");
  }
}
