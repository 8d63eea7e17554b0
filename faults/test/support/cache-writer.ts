import { isRedisError, type RedisConnection } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import type { AckedWrite, FlushEvent } from "./staleness.js";

/** Milliseconds since the epoch with sub-millisecond precision: the checker's clock in every process. */
export function sharedClock(): number {
  return performance.timeOrigin + performance.now();
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The writer of the staleness checker: sets the hot keys round-robin through kv
 * (`serializeAndSetKey(key, { seq })`), one write at a time, each value carrying a new sequence
 * number, and records when each write was sent and acknowledged. A failed write's seq is kept
 * apart: Redis may still apply it.
 */
export class StalenessWriter {
  readonly writes: AckedWrite[] = [];
  readonly flushes: FlushEvent[] = [];
  readonly failedSeqs = new Set<number>();
  readonly failures: Record<string, number> = {};
  readonly untyped: unknown[] = [];
  lastAckAt = 0;
  #seq = 0;
  #running = false;
  #loop: Promise<void> = Promise.resolve();
  #gate: Promise<void> = Promise.resolve();
  #open: () => void = () => undefined;
  #current: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: readonly string[],
  ) {}

  /** Writes every key once (seq 1…n), all acknowledged, before the readers start. */
  async prefill(): Promise<void> {
    for (const key of this.keys) {
      const seq = ++this.#seq;
      const sentAt = sharedClock();
      await kv(this.connection).serializeAndSetKey(key, { seq });
      this.#acked(key, seq, sentAt);
    }
  }

  start(): void {
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops writing once the write in flight settled; resolves then. */
  async pause(): Promise<void> {
    this.#gate = new Promise((resolve) => (this.#open = resolve));
    await this.#current.catch(() => undefined);
  }

  resume(): void {
    this.#open();
  }

  /** Pauses the writes, runs `flushAll` (a FLUSHALL) and records it, then resumes: every write is then clearly before or after it. */
  async flush(flushAll: () => Promise<unknown>): Promise<void> {
    await this.pause();
    try {
      const sentAt = sharedClock();
      await flushAll();
      this.flushes.push({ sentAt, ackAt: sharedClock() });
    } finally {
      this.resume();
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#open();
    await this.#loop;
  }

  /** Acknowledged writes since `at`. */
  ackedSince(at: number): number {
    let count = 0;
    for (let index = this.writes.length - 1; index >= 0 && (this.writes[index] as AckedWrite).ackAt > at; index--) count++;
    return count;
  }

  get failed(): number {
    return this.failedSeqs.size;
  }

  async #run(): Promise<void> {
    const store = kv(this.connection);
    for (let index = 0; this.#running; index++) {
      await this.#gate;
      if (!this.#running) return;
      const key = this.keys[index % this.keys.length] as string;
      const seq = ++this.#seq;
      const sentAt = sharedClock();
      this.#current = store.serializeAndSetKey(key, { seq });
      try {
        await this.#current;
        this.#acked(key, seq, sentAt);
        await pause(2);
      } catch (error) {
        this.failedSeqs.add(seq);
        if (isRedisError(error)) this.failures[error.code] = (this.failures[error.code] ?? 0) + 1;
        else this.untyped.push(error);
        // the server may be down: fail a few times a second, not in a busy loop
        await pause(50);
      }
    }
  }

  #acked(key: string, seq: number, sentAt: number): void {
    const ackAt = sharedClock();
    this.writes.push({ key, seq, sentAt, ackAt });
    this.lastAckAt = ackAt;
  }
}
