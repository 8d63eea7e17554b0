import type { MessageHandler, MessageInfo } from "./types.js";

interface Queued {
  readonly message: unknown;
  readonly info: MessageInfo;
}

/** What a queue reports to its bus. */
export interface QueueHooks {
  /** Messages were dropped by the limit. */
  dropped(count: number): void;
  /** A handler call finished; `error` is set when it threw or rejected. */
  handled(error?: unknown): void;
}

/**
 * The bounded, ordered buffer of one subscription: calls its handler one message at a time
 * (awaiting it) and, when more than `limit` messages wait, drops the oldest waiting ones.
 */
export class HandlerQueue {
  private readonly items: Queued[] = [];
  private running = false;
  private stopped = false;

  constructor(
    private readonly handler: MessageHandler<never>,
    private readonly limit: number,
    private readonly hooks: QueueHooks,
  ) {}

  /** Messages waiting (not counting the one being handled). */
  get size(): number {
    return this.items.length;
  }

  /** Queues a message and starts the handler if it is idle. */
  push(message: unknown, info: MessageInfo): void {
    if (this.stopped) return;
    this.items.push({ message, info });
    if (this.items.length > this.limit) {
      const excess = this.items.length - this.limit;
      this.items.splice(0, excess);
      this.hooks.dropped(excess);
    }
    if (!this.running) void this.drain();
  }

  /** Discards waiting messages and delivers no more. */
  stop(): void {
    this.stopped = true;
    this.items.length = 0;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let item = this.items.shift(); item !== undefined && !this.stopped; item = this.items.shift()) {
        try {
          await (this.handler as MessageHandler<unknown>)(item.message, item.info);
          this.hooks.handled();
        } catch (error) {
          this.hooks.handled(error ?? new Error("handler rejected"));
        }
      }
    } finally {
      this.running = false;
    }
  }
}
