/** Ids per XACK at most; a larger backlog is split into several commands. */
export const MAX_ACK_BATCH = 500;

/**
 * Coalesces acknowledgements: ids queued during one event-loop turn are sent as one
 * `XACK stream group id1 id2 …` (through `send`) on the next `setImmediate`, at once when
 * `MAX_ACK_BATCH` ids are queued, or when the owner calls `flush()`. An id is only ever queued by
 * a caller whose handler already resolved, so batching delays the acknowledgement but never moves
 * it before the handler. The batcher holds each id from `acknowledge` until its XACK settled.
 */
export class AckBatcher {
  private queued: string[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** The XACKs sent and not yet settled, with their ids. */
  private readonly inFlight = new Map<Promise<void>, readonly string[]>();

  /**
   * @param send sends one XACK for `ids`.
   * @param settled called once per batch after its XACK: with the error when it failed (the
   *   entries then stay pending: at-least-once). Never throws out of the batcher.
   */
  constructor(
    private readonly send: (ids: string[]) => Promise<unknown>,
    private readonly settled: (ids: readonly string[], error?: unknown) => void,
  ) {}

  /** How many ids are queued or in an XACK not yet settled. */
  get size(): number {
    let size = this.queued.length;
    for (const ids of this.inFlight.values()) size += ids.length;
    return size;
  }

  /** Whether `id` is queued or in an XACK not yet settled (a scan: for the rare claimed entry, not per read). */
  holds(id: string): boolean {
    if (this.queued.includes(id)) return true;
    for (const ids of this.inFlight.values()) if (ids.includes(id)) return true;
    return false;
  }

  /** Queues `id` for the next batched XACK; the outcome arrives through `settled`. */
  acknowledge(id: string): void {
    this.queued.push(id);
    if (this.queued.length >= MAX_ACK_BATCH) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Sends what is queued now as one XACK (if anything), without waiting for the next turn. */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.queued.length === 0) return;
    const ids = this.queued;
    this.queued = [];
    const sent: Promise<void> = this.send(ids).then(
      () => this.settle(sent, ids, undefined),
      (error: unknown) => this.settle(sent, ids, error ?? new Error("XACK failed")),
    );
    this.inFlight.set(sent, ids);
  }

  /** Sends what is queued now (if anything) and resolves when every XACK sent so far has settled. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.keys());
  }

  private settle(sent: Promise<void>, ids: readonly string[], error: unknown): void {
    this.inFlight.delete(sent);
    if (error === undefined) this.settled(ids);
    else this.settled(ids, error);
  }
}
