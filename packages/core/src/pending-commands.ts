/** One command admitted by the pool, from `execute` until it settles or times out. */
export interface PendingCommand {
  readonly deadline: number;
  readonly startedAt: number;
  /** Set once the caller has been answered (reply, error or timeout). */
  done: boolean;
  /** The connection it was written to; undefined while it waits for one. */
  connection: unknown;
  /** Answers the caller with a timeout error. */
  expire(): void;
}

/**
 * The pool's commands in admission order. Every command gets the same timeout, so deadlines
 * are increasing and one timer can expire them from the head: no timer per command.
 * Answered entries at the head are dropped as soon as they are answered (`dropAnsweredHead`), so
 * in the usual in-order case the queue holds only live commands and an answered one is not kept
 * alive until the next tick; the rest are dropped lazily and the queue is compacted so it holds
 * O(live) entries.
 */
export class PendingCommandQueue {
  /** Slots before `head` are cleared (undefined) so their commands can be collected at once. */
  private items: Array<PendingCommand | undefined> = [];
  private head = 0;

  push(command: PendingCommand): void {
    this.items.push(command);
  }

  /**
   * Expires every command whose deadline has passed; drops answered ones at the head.
   * `expire()` answers the command, which calls `dropAnsweredHead` again: the head is re-read each turn.
   */
  expireDue(now: number): void {
    for (;;) {
      this.dropAnsweredHead();
      const command = this.items[this.head];
      if (command === undefined || command.deadline > now) return;
      command.expire();
      if (!command.done) return; // contract broken (expire must answer): never spin
    }
  }

  /** Drops the answered commands at the head (amortised O(1) per command; called on every answer). */
  dropAnsweredHead(): void {
    const items = this.items;
    while (this.head < items.length && (items[this.head] as PendingCommand).done) items[this.head++] = undefined;
    this.compact();
  }

  /** The oldest command still waiting for its answer. */
  oldest(): PendingCommand | undefined {
    for (let index = this.head; index < this.items.length; index++) {
      const command = this.items[index] as PendingCommand;
      if (!command.done) return command;
    }
    return undefined;
  }

  /** Commands not yet answered, oldest first. */
  live(): PendingCommand[] {
    return (this.items.slice(this.head) as PendingCommand[]).filter((command) => !command.done);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  private compact(): void {
    if (this.head === 0) return;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops answered commands anywhere in the queue (used when it grows behind a slow head). */
  prune(): void {
    this.items = this.live();
    this.head = 0;
  }
}
