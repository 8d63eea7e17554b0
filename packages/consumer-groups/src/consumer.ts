import { EventEmitter } from "node:events";
import { isRedisError, type RedisConnection } from "@redis-interface/core";
import { assertNonNegativeInteger, optionsObject, poolCloseSignal } from "@redis-interface/core/internal";
import type { StreamEntry } from "@redis-interface/streams";
import { sendRead, type StreamReadRequest } from "@redis-interface/streams/internal";
import { DEAD_LETTER, LEAVE_GROUP_IF_IDLE } from "./commands/scripts.js";
import { XACK } from "./commands/pending.js";
import { consumerGroups, type ConsumerGroupStore } from "./groups.js";
import { resolveConsumerOptions, type ConsumerOptions, type DeliveryContext, type ResolvedConsumerOptions } from "./consumer-options.js";
import type { ConsumerGroupInfo } from "./types.js";
import { AckBatcher } from "./ack-batcher.js";
import { Slots } from "./slots.js";

export type { ConsumerOptions, DeliveryContext } from "./consumer-options.js";

/** Counts since `start()`. */
export interface ConsumerStats {
  /** Handlers that resolved and whose entry was acknowledged (counted when the batched XACK succeeded). */
  processed: number;
  /** Handler attempts that threw (each retry counts). */
  failed: number;
  /** Entries moved to the dead-letter stream. */
  deadLettered: number;
  /** Entries taken over from idle consumers (or from this consumer's previous life). */
  claimed: number;
  /** Handlers running now. */
  inFlight: number;
  running: boolean;
}

/** Events of a consumer. */
export interface ConsumerEvents {
  /** Redis trouble the worker rides out (reads retried with backoff); never thrown. */
  error: [error: Error];
  /** An entry was moved to the dead-letter stream after its last failed attempt. */
  deadLettered: [entry: StreamEntry, error: Error];
}

/** A running (or stopped) worker made by `createConsumer`. */
export interface Consumer {
  /** Creates the group if needed, takes back this consumer's pending entries, and starts reading. */
  start(): Promise<void>;
  /**
   * Stops reading, waits for in-flight handlers (up to `timeoutMs`), sends the queued acknowledgements, leaves unfinished entries pending.
   * @throws RedisError `INVALID_ARGUMENT` for an unknown option name or a bad `timeoutMs`, even when not running.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  stats(): ConsumerStats;
  /** The group's pending count and lag (XINFO GROUPS). */
  groupInfo(): Promise<ConsumerGroupInfo | null>;
  on<E extends keyof ConsumerEvents>(event: E, listener: (...args: ConsumerEvents[E]) => void): Consumer;
  off<E extends keyof ConsumerEvents>(event: E, listener: (...args: ConsumerEvents[E]) => void): Consumer;
}

const MAX_ERROR_BACKOFF_MS = 2_000;
const STOP_OPTIONS = ["timeoutMs"];

/** The id right after `id` (`ms-seq` → `ms-(seq+1)`), to page through XPENDING without repeats. */
function nextEntryId(id: string): string {
  const [milliseconds, sequence = "0"] = id.split("-");
  return `${milliseconds}-${BigInt(sequence) + 1n}`;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null | undefined)?.then === "function";
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The worker Hyperswitch's scheduler lacks (it acknowledged before working: at-most-once).
 * At-least-once: an entry is acknowledged only after its handler resolves; the entries whose
 * handlers resolved in the same event-loop turn share one `XACK stream group id…`. A failed entry is
 * retried (Redis counts the deliveries) and, after `maxDeliveries` failed attempts, moved to the
 * dead-letter stream and acknowledged in one script. Entries left pending by a dead consumer for
 * `claimIdleMs` are claimed (XAUTOCLAIM) and processed; this consumer's own pending entries are
 * taken back at `start()`. A vanished group (NOGROUP) is re-created; Redis outages are ridden out.
 * Closing the pool (through any view) ends the worker at once (`stats().running` turns false).
 */
export function createConsumer(connection: RedisConnection, options: ConsumerOptions): Consumer {
  return new StreamConsumer(connection, resolveConsumerOptions(connection, options));
}

class StreamConsumer implements Consumer {
  private readonly events = new EventEmitter();
  private readonly slots: Slots;
  private readonly counts = { processed: 0, failed: 0, deadLettered: 0, claimed: 0 };
  private running = false;
  private loop: Promise<void> | undefined;
  /** Aborted by `stop()`: ends the blocking read at once. One per `start()`, not one per read. */
  private stopping = new AbortController();
  /** The group read at full count: `XREADGROUP GROUP g c COUNT count STREAMS stream >`, and with `BLOCK blockMs`. */
  private readonly fullRead: { readonly now: StreamReadRequest; readonly blocking: StreamReadRequest };
  /** The last read filled its COUNT: more entries are probably waiting, so the next read does not block. */
  private backlog = true;
  private readonly groups: ConsumerGroupStore;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private nextClaimAt = 0;
  private claimCursor = "0-0";
  private wake: (() => void) | undefined;
  /**
   * Ids waiting for a slot, handled by an asynchronous handler or failing here now (with the ack
   * batcher's ids: a claim never starts a second handler for the same entry).
   */
  private readonly active = new Set<string>();
  private readonly acks: AckBatcher;
  /** Closing the pool (through any view) ends the worker at once, as `stop()` would without its drain. */
  private readonly poolClosed: AbortSignal;
  private readonly onPoolClose = (): void => this.halt();

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: ResolvedConsumerOptions,
  ) {
    this.slots = new Slots(options.concurrency);
    this.poolClosed = poolCloseSignal(connection);
    this.groups = consumerGroups(connection);
    const { stream, group, consumer, count, blockMs } = options;
    const now: StreamReadRequest = { streams: [stream], ids: [">"], count, group: { name: group, consumer } };
    this.fullRead = { now, blocking: { ...now, blockMs } };
    // the ids come from Redis's own replies: sent as they are, under the public function's name
    this.acks = new AckBatcher(
      (ids) => connection.send("streamAcknowledgeEntries", XACK(stream, group, ids)),
      (ids, error) => this.acknowledged(ids, error),
    );
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.ensureGroup();
    this.stopping = new AbortController();
    this.backlog = true;
    this.running = true;
    this.poolClosed.addEventListener("abort", this.onPoolClose, { once: true });
    await this.takeBackOwnPending();
    this.nextClaimAt = Date.now() + this.options.claimIntervalMs;
    this.loop = this.readLoop();
  }

  /** @throws RedisError `INVALID_ARGUMENT` for an unknown option or a `timeoutMs` that is not a non-negative integer (even when not running). */
  async stop(stopOptions: { timeoutMs?: number } = {}): Promise<void> {
    const { timeoutMs: givenTimeoutMs } = optionsObject(stopOptions, STOP_OPTIONS, "stop", this.options.stream);
    if (givenTimeoutMs !== undefined) assertNonNegativeInteger(givenTimeoutMs, "stop", this.options.stream, "timeoutMs");
    if (!this.running) return;
    this.halt();
    const timeoutMs = givenTimeoutMs ?? this.options.stopTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([this.slots.idle(), this.loop]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    await this.acks.drain();
    await this.leaveGroupIfIdle();
  }

  /** Stops reading now: the blocking read ends (`ABORTED`), a backoff wakes, no retry is scheduled. */
  private halt(): void {
    this.running = false;
    this.poolClosed.removeEventListener("abort", this.onPoolClose);
    this.stopping.abort();
    this.wake?.();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  stats(): ConsumerStats {
    const { processed, failed, deadLettered, claimed } = this.counts;
    return { processed, failed, deadLettered, claimed, inFlight: this.slots.inUse, running: this.running };
  }

  groupInfo(): Promise<ConsumerGroupInfo | null> {
    return this.groups.consumerGroupInfo(this.options.stream, this.options.group);
  }

  on<E extends keyof ConsumerEvents>(event: E, listener: (...args: ConsumerEvents[E]) => void): Consumer {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<E extends keyof ConsumerEvents>(event: E, listener: (...args: ConsumerEvents[E]) => void): Consumer {
    this.events.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  private report(error: unknown): void {
    if (this.events.listenerCount("error") > 0) this.events.emit("error", asError(error));
  }

  private ensureGroup(): Promise<boolean> {
    const { stream, group, startId } = this.options;
    return this.groups.consumerGroupCreate(stream, group, startId, { ifNotExists: true, mkStream: true });
  }

  /** After a restart: this consumer's pending entries (read but never acknowledged) are claimed back and processed. */
  private async takeBackOwnPending(): Promise<void> {
    const { stream, group, consumer } = this.options;
    let start = "-";
    for (;;) {
      const pending = await this.groups.consumerGroupPending(stream, group, { start, end: "+", count: this.options.count, consumer });
      if (pending.length === 0) return;
      await this.claimAndDispatch(pending.map((entry) => entry.id), 0, true);
      start = nextEntryId(pending[pending.length - 1]?.id as string);
    }
  }

  private async readLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.claimIdleIfDue();
        await this.slots.waitForFree();
        if (!this.running) break;
        await this.readNew();
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        if (isRedisError(error, "CLOSED")) {
          this.halt();
          break;
        }
        if (isRedisError(error) && error.replyCode === "NOGROUP") {
          await this.ensureGroup().catch((recreateError: unknown) => this.report(recreateError));
          continue;
        }
        this.report(error);
        failures++;
        await this.pause(Math.min(MAX_ERROR_BACKOFF_MS, 50 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /**
   * One group read of up to `count` new entries (never more than the free handler slots),
   * dispatched as they come. While reads come back full (a backlog) they do not block and go
   * through the shared connections, batched with the acknowledgements; once one comes back short,
   * the next one blocks for up to `blockMs` on a dedicated connection.
   */
  private async readNew(): Promise<void> {
    const count = Math.max(1, Math.min(this.options.count, this.slots.free));
    const full = this.backlog ? this.fullRead.now : this.fullRead.blocking;
    const read = count === full.count ? full : { ...full, count };
    let entries: StreamEntry[];
    try {
      const result = await sendRead(this.connection, "streamReadWithOptions", read, this.stopping.signal);
      entries = result[this.options.stream] ?? [];
    } catch (error) {
      if (isRedisError(error, "ABORTED") && !this.running) return;
      throw error;
    }
    // entries delivered while stopping stay pending for others (or for this consumer's next start)
    if (!this.running) return;
    this.backlog = entries.length >= count;
    for (let index = 0; index < entries.length; index++) {
      const waiting = this.dispatch(entries[index] as StreamEntry, 1, false);
      if (waiting !== undefined) await waiting;
    }
    // The entries whose handlers already finished (all of them for a synchronous handler) are
    // acknowledged now, not a turn later: their XACK then leaves in the same socket write as the
    // next read, so a read of a backlog costs one round trip, not two.
    this.acks.flush();
  }

  /** Every `claimIntervalMs`: XAUTOCLAIM entries idle for `claimIdleMs` (a dead consumer's), page by page. */
  private async claimIdleIfDue(): Promise<void> {
    if (Date.now() < this.nextClaimAt) return;
    this.nextClaimAt = Date.now() + this.options.claimIntervalMs;
    const { stream, group, consumer, claimIdleMs } = this.options;
    do {
      await this.slots.waitForFree();
      if (!this.running) return;
      const claimed = await this.groups.consumerGroupAutoClaim(stream, group, consumer, claimIdleMs, {
        start: this.claimCursor,
        count: Math.max(1, this.slots.free),
      });
      this.claimCursor = claimed.nextId;
      if (claimed.entries.length > 0) {
        this.counts.claimed += claimed.entries.length;
        await this.dispatchClaimed(claimed.entries);
      }
    } while (this.claimCursor !== "0-0" && this.running);
  }

  /** XCLAIMs `ids` to this consumer (each claim counts as a delivery) and processes what it got. */
  private async claimAndDispatch(ids: string[], minIdleMs: number, countAsClaimed: boolean): Promise<void> {
    const { stream, group, consumer } = this.options;
    const entries = await this.groups.consumerGroupSetMessageOwner(stream, group, consumer, minIdleMs, ids);
    if (countAsClaimed) this.counts.claimed += entries.length;
    await this.dispatchClaimed(entries);
  }

  /** Looks up the delivery counts of freshly claimed entries (XPENDING), then dispatches them. */
  private async dispatchClaimed(entries: StreamEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const { stream, group, consumer } = this.options;
    const pending = await this.groups.consumerGroupPending(stream, group, {
      start: entries[0]?.id as string,
      end: entries[entries.length - 1]?.id as string,
      // entries this consumer is already handling may sit in the same id range
      count: entries.length + this.active.size + this.acks.size,
      consumer,
    });
    const deliveries = new Map(pending.map((entry) => [entry.id, entry.deliveries]));
    for (const entry of entries) {
      const count = deliveries.get(entry.id);
      const waiting = count === undefined ? undefined : this.dispatch(entry, count, true);
      if (waiting !== undefined) await waiting;
    }
  }

  /**
   * Takes a handler slot, then runs the handler in the background. The slot is freed when the
   * handler (or the failure path) is done. The id is held until its batched XACK settled: in
   * `active` while it waits for a slot, its handler runs asynchronously or it fails, then in the
   * ack batcher; an entry that is held is not dispatched again (a claim of an entry in progress).
   * @param claimed the entry was claimed, so it may be one this worker holds (the ack batcher's
   *   ids are searched only then: a new entry, read with `>`, was never delivered before).
   * @returns a promise only when it has to wait for a free slot.
   */
  private dispatch(entry: StreamEntry, deliveries: number, claimed: boolean): Promise<void> | undefined {
    const id = entry.id;
    if (this.active.has(id) || (claimed && this.acks.holds(id))) return undefined;
    // a free slot starts the handler synchronously (no promise, and for a synchronous handler no
    // bookkeeping, per entry on the hot path)
    if (this.slots.tryAcquire()) {
      this.process(entry, deliveries);
      return undefined;
    }
    this.active.add(id);
    return this.slots.acquire().then(() => this.process(entry, deliveries));
  }

  /** Runs the handler; a synchronous handler is finished without a promise. Never throws. */
  private process(entry: StreamEntry, deliveries: number): void {
    const { stream, group, consumer, handler } = this.options;
    let result: unknown;
    try {
      result = handler(entry, { stream, group, consumer, deliveries });
    } catch (error) {
      this.failed(entry, deliveries, error);
      return;
    }
    if (isPromiseLike(result)) {
      this.active.add(entry.id);
      Promise.resolve(result).then(
        () => this.succeeded(entry),
        (error: unknown) => this.failed(entry, deliveries, error),
      );
      return;
    }
    this.succeeded(entry);
  }

  /** The handler resolved: the ack batcher holds the id until its XACK settled; the slot is free for the next entry. */
  private succeeded(entry: StreamEntry): void {
    this.acks.acknowledge(entry.id);
    this.active.delete(entry.id);
    this.slots.release();
  }

  /** The handler threw: retry or dead-letter (the id held meanwhile), then free the id and the slot. */
  private failed(entry: StreamEntry, deliveries: number, error: unknown): void {
    this.counts.failed++;
    this.active.add(entry.id);
    void this.handleFailure(entry, deliveries, asError(error))
      .catch((error_: unknown) => this.report(error_))
      .finally(() => {
        this.active.delete(entry.id);
        this.slots.release();
      });
  }

  /** One batched XACK settled: on failure its entries stay pending and are claimed again later (at-least-once). */
  private acknowledged(ids: readonly string[], error: unknown): void {
    if (error === undefined) this.counts.processed += ids.length;
    else this.report(error);
  }

  private async handleFailure(entry: StreamEntry, deliveries: number, failure: Error): Promise<void> {
    const { stream, group, consumer, deadLetterStream, maxDeliveries, retryDelayMs } = this.options;
    if (deliveries >= maxDeliveries) {
      const moved = await this.connection.send("deadLetter", DEAD_LETTER({ stream, deadLetterStream, group, consumer, entry, error: failure.message, deliveries }));
      if (moved) {
        this.counts.deadLettered++;
        this.events.emit("deadLettered", entry, failure);
      }
      return;
    }
    if (!this.running) return; // left pending: claimed by another consumer later
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (!this.running) return;
      // min idle = the delay: if another consumer took the entry meanwhile, this claims nothing
      this.claimAndDispatch([entry.id], retryDelayMs, false).catch((error: unknown) => this.report(error));
    }, retryDelayMs);
    this.retryTimers.add(timer);
  }

  /**
   * Ends this consumer's membership when it holds nothing, so the group does not collect dead
   * names: one script checks and deletes atomically, so an entry a read delivered at the last
   * moment is never dropped with the consumer.
   */
  private async leaveGroupIfIdle(): Promise<void> {
    const { stream, group, consumer } = this.options;
    try {
      await this.connection.send("leaveGroupIfIdle", LEAVE_GROUP_IF_IDLE(stream, group, consumer));
    } catch (error) {
      if (!isRedisError(error, "CLOSED")) this.report(error);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
