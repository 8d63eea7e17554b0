import type { Redis } from "ioredis";
import type { RedisCommand } from "./command.js";
import type { RedisConnection } from "./connection.js";
import { toRedisError } from "./error-mapping.js";
import type { RedisError } from "./errors.js";
import { utf8Reply } from "./reply-strings.js";
import { CommandTrace, isCommandTracingEnabled, traceUntilSettled } from "./tracing.js";
import { prefixedArguments } from "./wire-arguments.js";
import { WireCommand, type WireCommandOwner } from "./wire-command.js";
import { WriteBatch } from "./write-batch.js";

/** Sends described commands on connections from `createDedicatedConnection`. */
export interface DedicatedSender {
  /**
   * Sends `commands` (keys prefixed by the connection's view, as `send` does) on `client`, a
   * standalone connection or one cluster node's, in one socket write when nothing else is waiting.
   * Nothing is sent again on its own: no retry, no redirection, no deadline (the owner of the
   * connection ends it, which fails what is in flight).
   * @returns once every command is answered: `transform` of each reply, in order (bulk strings as
   * UTF-8 unless `buffers`).
   * @throws (as a rejection) RedisError `INVALID_ARGUMENT` for a bad argument (nothing is sent),
   * else the first command's error mapped from its reply or the lost connection (`replyCode` `MOVED`, …).
   */
  send(client: Redis, operation: string, commands: ReadonlyArray<RedisCommand<unknown>>): Promise<unknown[]>;
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
  const owner: WireCommandOwner = {
    replied(entry, reply) {
      batch.replied();
      if (entry.done) return;
      const described = entry.described;
      const value = described.buffers === true ? reply : utf8Reply(reply);
      let result: unknown;
      try {
        result = described.transform === undefined ? value : described.transform(value, entry.through);
      } catch (error) {
        answer(entry, undefined, toRedisError(error, entry.operation, entry.key));
        return;
      }
      answer(entry, result, undefined);
    },
    failed(entry, error) {
      answer(entry, undefined, toRedisError(error, entry.operation, entry.key));
    },
    expired() {
      // never: a dedicated command has no deadline here
    },
  };

  const write = (client: Redis, operation: string, commands: ReadonlyArray<RedisCommand<unknown>>): Promise<unknown[]> =>
    new Promise<unknown[]>((resolve, reject) => {
      let entries: WireCommand[];
      try {
        entries = commands.map((command) => new WireCommand(owner, operation, command, connection, prefixedArguments(operation, command, connection.keys), undefined));
      } catch (error) {
        reject(error);
        return;
      }
      const results = new Array<unknown>(entries.length);
      let remaining = entries.length;
      let failed = entries.length; // index of the first command that failed
      let failure: RedisError | undefined;
      const settled = (): void => {
        if (--remaining > 0) return;
        if (failure === undefined) resolve(results);
        else reject(failure);
      };
      for (let index = 0; index < entries.length; index++) {
        const entry = entries[index] as WireCommand;
        entry.resolveCaller = (value) => {
          results[index] = value;
          settled();
        };
        entry.rejectCaller = (error) => {
          if (index < failed) {
            failed = index;
            failure = error;
          }
          settled();
        };
      }
      try {
        batch.writeTogether(client, entries);
      } catch (error) {
        for (const entry of entries) owner.failed(entry, error instanceof Error ? error : new Error(String(error)));
      }
    });

  return {
    send(client, operation, commands) {
      if (!isCommandTracingEnabled()) return write(client, operation, commands);
      const trace = new CommandTrace(operation, false, connection.isCluster, true);
      trace.commands = commands.map((command) => command.name);
      trace.keyCount = commands.reduce((count, command) => count + command.keys.length, 0);
      return traceUntilSettled(trace, () => write(client, operation, commands));
    },
  };
}

function answer(entry: WireCommand, value: unknown, error: RedisError | undefined): void {
  if (entry.done) return;
  const resolve = entry.resolveCaller;
  const reject = entry.rejectCaller;
  entry.settle(error);
  if (error === undefined) resolve?.(value);
  else reject?.(error);
}
