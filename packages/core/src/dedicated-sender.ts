import type { Redis } from "ioredis";
import type { RedisCommand } from "./command.js";
import type { RedisConnection } from "./connection.js";
import { toRedisError } from "./error-mapping.js";
import type { RedisError } from "./errors.js";
import { CommandTrace, isCommandTracingEnabled, traceUntilSettled } from "./tracing.js";
import { prefixedArguments } from "./wire-arguments.js";
import { resultOfReply, WireCommand, type WireCommandOwner } from "./wire-command.js";
import { WriteBatch } from "./write-batch.js";

/** Sends described commands on connections from `createDedicatedConnection`. */
export interface DedicatedSender {
  /**
   * Sends `commands` (keys prefixed by the connection's view, as `send` does) on `client`, a
   * standalone connection or one cluster node's, in one socket write when nothing else is waiting.
   * Nothing is sent again on its own: no retry, no redirection, no deadline (the owner of the
   * connection ends it, which fails what is in flight).
   * @param then called with the replies as soon as the last one is answered (no promise in
   *   between: a cache's miss path); the call resolves with what it returns. Default: the replies.
   * @param otherwise called instead with the first failed command's error; the call resolves with
   *   what it returns. Default: the call rejects with that error.
   * @returns `then` of `transform` of each reply, in order (bulk strings as UTF-8 unless `buffers`).
   * @throws (as a rejection) RedisError `INVALID_ARGUMENT` for a bad argument (nothing is sent),
   *   else the first command's error mapped from its reply or the lost connection (`replyCode`
   *   `MOVED`, …) unless `otherwise` handles it; what `then` or `otherwise` throws.
   */
  send<R = unknown[]>(
    client: Redis,
    operation: string,
    commands: ReadonlyArray<RedisCommand<unknown>>,
    then?: (replies: unknown[]) => R,
    otherwise?: (error: RedisError) => R | Promise<R>,
  ): Promise<R>;
}

/**
 * A sender for the dedicated connections of one feature (a cache's tracked readers): the pool's
 * own write path (one `WireCommand` per command, the commands of a turn in one socket write)
 * instead of ioredis's `call`, which builds a `Command`, a promise and a flattened argument copy
 * per command and writes each separately. One promise per call, however many commands it sends.
 * Traced like the pool's dedicated commands (one trace per call, listing its commands).
 */
export function createDedicatedSender(connection: RedisConnection): DedicatedSender {
  const batch = new WriteBatch();

  const write = <R>(client: Redis, operation: string, commands: ReadonlyArray<RedisCommand<unknown>>, then: ((replies: unknown[]) => R) | undefined, otherwise: ((error: RedisError) => R | Promise<R>) | undefined): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const call = new Call(batch, commands.length, (results, failure) => {
        try {
          if (failure === undefined) resolve(then === undefined ? (results as R) : then(results));
          else if (otherwise === undefined) reject(failure);
          else resolve(otherwise(failure));
        } catch (error) {
          reject(error);
        }
      });
      let entries: WireCommand[];
      try {
        entries = commands.map((command) => new WireCommand(call, operation, command, connection, prefixedArguments(operation, command, connection.keys), undefined));
      } catch (error) {
        reject(error);
        return;
      }
      call.entries = entries;
      try {
        batch.writeTogether(client, entries);
      } catch (error) {
        for (const entry of entries) call.failed(entry, error instanceof Error ? error : new Error(String(error)));
      }
    });

  return {
    send<R>(client: Redis, operation: string, commands: ReadonlyArray<RedisCommand<unknown>>, then?: (replies: unknown[]) => R, otherwise?: (error: RedisError) => R | Promise<R>): Promise<R> {
      if (!isCommandTracingEnabled()) return write(client, operation, commands, then, otherwise);
      const trace = new CommandTrace(operation, false, connection.isCluster, true);
      trace.commands = commands.map((command) => command.name);
      trace.keyCount = commands.reduce((count, command) => count + command.keys.length, 0);
      return traceUntilSettled(trace, () => write(client, operation, commands, then, otherwise));
    },
  };
}

/**
 * One `send`: the owner of its commands (ioredis answers each through it), settled once every
 * command is answered: with the results in order, or the first failed command's error.
 */
class Call implements WireCommandOwner {
  entries: readonly WireCommand[] = [];
  private readonly results: unknown[];
  private remaining: number;
  private failedAt: number;
  private failure: RedisError | undefined = undefined;

  constructor(
    private readonly batch: WriteBatch,
    size: number,
    private readonly settled: (results: unknown[], failure: RedisError | undefined) => void,
  ) {
    this.results = new Array<unknown>(size);
    this.remaining = size;
    this.failedAt = size;
  }

  replied(entry: WireCommand, reply: unknown): void {
    this.batch.replied();
    if (entry.done) return;
    let result: unknown;
    try {
      result = resultOfReply(entry, reply);
    } catch (error) {
      this.answer(entry, undefined, error as RedisError);
      return;
    }
    this.answer(entry, result, undefined);
  }

  failed(entry: WireCommand, error: Error): void {
    this.answer(entry, undefined, toRedisError(error, entry.operation, entry.key));
  }

  expired(): void {
    // never: a dedicated command has no deadline here
  }

  private answer(entry: WireCommand, value: unknown, error: RedisError | undefined): void {
    if (entry.done) return;
    entry.settle(error);
    const index = this.entries.indexOf(entry);
    if (error === undefined) this.results[index] = value;
    else if (index < this.failedAt) {
      this.failedAt = index;
      this.failure = error;
    }
    if (--this.remaining === 0) this.settled(this.results, this.failure);
  }
}
