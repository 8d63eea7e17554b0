/** Invalidations remembered; a read that saw more go by while in flight counts as changed. */
const CAPACITY = 1024;

/** In the log: everything changed (a flush). */
const EVERY_KEY = null;

/**
 * The last invalidations of a cache, in order, so that a read can tell whether its key changed
 * while it was in flight (then its value is not stored): the read takes `position` before it is
 * sent and asks `changedSince` when it is answered. While nothing is invalidated, a read costs
 * two integer reads and no map operation (per-key bookkeeping of reads in flight cost more than
 * the rest of a miss's L1 work, once its map lived in V8's old space).
 */
export class InvalidationLog {
  private recorded = 0;
  private readonly keys: Array<string | typeof EVERY_KEY> = new Array<string | typeof EVERY_KEY>(CAPACITY).fill(EVERY_KEY);

  /** Where the log stands: hand it to `changedSince` once the read is answered. */
  get position(): number {
    return this.recorded;
  }

  /** Raw key `raw` changed. */
  record(raw: string): void {
    this.keys[this.recorded % CAPACITY] = raw;
    this.recorded++;
  }

  /** Everything may have changed (a flush). */
  recordAll(): void {
    this.keys[this.recorded % CAPACITY] = EVERY_KEY;
    this.recorded++;
  }

  /** Whether raw key `raw` (or everything) changed since `position`; true as well when more than the log remembers went by. */
  changedSince(raw: string, position: number): boolean {
    const recorded = this.recorded;
    if (recorded === position) return false;
    if (recorded - position > CAPACITY) return true;
    for (let at = position; at < recorded; at++) {
      const changed = this.keys[at % CAPACITY];
      if (changed === raw || changed === EVERY_KEY) return true;
    }
    return false;
  }
}
