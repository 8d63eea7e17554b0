import type { MessageHandler, MessageStream, Subscription } from "./types.js";

interface Handoff<T> {
  readonly value: T;
  taken(): void;
}

/**
 * `messages(channel)`: an async iterator fed by an ordinary subscription whose handler waits
 * until the consumer takes the message, so the subscription's buffer limit bounds it too.
 */
export class MessageIterator<T> implements MessageStream<T> {
  readonly ready: Promise<void>;
  private subscription: Subscription | undefined;
  private pending: Handoff<T> | undefined;
  private readonly waiters: Array<(result: IteratorResult<T>) => void> = [];
  private done = false;

  constructor(subscribe: (handler: MessageHandler<T>) => Promise<Subscription>) {
    this.ready = subscribe((message) => this.offer(message)).then((subscription) => {
      this.subscription = subscription;
      if (this.done) void subscription.unsubscribe().catch(() => undefined);
    });
    this.ready.catch(() => undefined);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next message; waits for one to arrive. Rejects when subscribing failed. */
  async next(): Promise<IteratorResult<T>> {
    if (this.done) return { done: true, value: undefined };
    await this.ready;
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      pending.taken();
      return { done: false, value: pending.value };
    }
    if (this.done) return { done: true, value: undefined };
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends the iteration and unsubscribes. */
  async return(): Promise<IteratorResult<T>> {
    this.finish();
    await this.ready.catch(() => undefined);
    await this.subscription?.unsubscribe().catch(() => undefined);
    return { done: true, value: undefined };
  }

  /** Ends the iteration without unsubscribing (the bus closed). */
  finish(): void {
    if (this.done) return;
    this.done = true;
    for (const waiter of this.waiters.splice(0)) waiter({ done: true, value: undefined });
    this.pending?.taken();
    this.pending = undefined;
  }

  private offer(message: T): Promise<void> | void {
    if (this.done) return;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter({ done: false, value: message });
      return;
    }
    return new Promise<void>((taken) => {
      this.pending = { value: message, taken };
    });
  }
}
