/** Ids per XACK at most; a larger backlog is split into several commands. */
export const MAX_ACK_BATCH = 500;

/**
 * Coalesces acknowledgements: ids queued during one event-loop turn are sent as one
 * `XACK stream group id1 id2 …` (through `send`) on the next `setImmediate`, at once when
 * `MAX_ACK_BATCH` ids are queued, or when the owner calls `flush()`. An id is only ever queued by a caller whose handler already
 * resolved, so batching delays the acknowledgement but never moves it before the handler.
 */
export class AckBatcher {
  private queued: string[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  /**
   * @param send sends one XACK for `ids`.
   * @param settled called once per batch after its XACK: with the error when it failed (the
   *   entries then stay pending: at-least-once). Never throws out of the batcher.
   */
  constructor(
    private readonly send: (ids: string[]) => Promise<unknown>,
    private readonly settled: (ids: readonly string[], error?: unknown) => void,
  ) {}

  /** Queues `id` for the next batched XACK; the outcome arrives through `settled`. */
  acknowledge(id: string): void {
    this.queued.push(id);
    if (this.queued.length >= MAX_ACK_BATCH) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Sends what is queued now (if anything) and resolves when every XACK sent so far has settled. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Sends what is queued now as one XACK (if anything), without waiting for the next turn. */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.queued.length === 0) return;
    const ids = this.queued;
    this.queued = [];
    const sent = this.send(ids).then(
      () => this.settled(ids),
      (error: unknown) => this.settled(ids, error),
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }
}
