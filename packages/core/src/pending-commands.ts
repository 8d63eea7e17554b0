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
 * Settled entries are dropped lazily; the queue is compacted so it holds O(live) entries.
 */
export class PendingCommandQueue {
  private items: PendingCommand[] = [];
  private head = 0;

  push(command: PendingCommand): void {
    this.items.push(command);
  }

  /** Expires every command whose deadline has passed; drops settled ones at the head. */
  expireDue(now: number): void {
    const items = this.items;
    while (this.head < items.length) {
      const command = items[this.head] as PendingCommand;
      if (!command.done) {
        if (command.deadline > now) break;
        command.expire();
      }
      this.head++;
    }
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
    return this.items.slice(this.head).filter((command) => !command.done);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  private compact(): void {
    if (this.head === 0) return;
    if (this.head === this.items.length) {
      this.items = [];
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
