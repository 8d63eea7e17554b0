import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, type RedisCommandTrace, type RedisConnection } from "@redis-interface/core";
import { countCalls, describeEachTarget as eachTarget, randomKey, rejection, type TestTarget } from "@redis-interface/testing";
import { consumerGroups, type ConsumerGroupStore } from "../../src/index.js";

/** A target of the shared harness with the consumer-group commands on its connection. */
export interface GroupsTarget extends TestTarget<RedisConnection> {
  readonly groups: ConsumerGroupStore;
  /** Appends an entry with `fields` through the raw client. @returns its id. */
  add(stream: string, fields?: Record<string, string>): Promise<string>;
}

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => GroupsTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, (target) => {
    body(() => {
      const current = target();
      return {
        ...current,
        groups: consumerGroups(current.connection),
        add: async (stream, fields = { f: "v" }) => (await current.raw.xadd(current.rawKey(stream), "*", ...Object.entries(fields).flat())) as string,
      };
    });
  });
}

export { rejection };

/**
 * Wraps `connection` so that calls to `send` and `sendBlocking` are counted (and still
 * made): proves that a call failed before any I/O, or which path a read took.
 */
export function countingConnection(connection: RedisConnection): { connection: RedisConnection; sent: { send: number; sendBlocking: number } } {
  const { proxy, calls } = countCalls(connection, ["send", "sendBlocking"]);
  return { connection: proxy, sent: calls };
}

/** A stream name unique to this call; `tag` puts it in a hash slot shared with other names of the tag. */
export function streamKey(label = "s", tag?: string): string {
  return tag === undefined ? randomKey(label) : `{${tag}}:${randomKey(label)}`;
}

/**
 * Counts, per operation, the commands core traced (settled or failed) in this process while
 * subscribed: a call refused before any I/O (`CROSS_SLOT`) traces none.
 */
export function commandCounter(): { counts: Map<string, number>; close(): void } {
  const counts = new Map<string, number>();
  const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
  const count = (trace: RedisCommandTrace): void => {
    counts.set(trace.operation, (counts.get(trace.operation) ?? 0) + trace.commands.length);
  };
  const subscribers = { asyncEnd: count, error: count, start: () => undefined, end: () => undefined, asyncStart: () => undefined };
  channel.subscribe(subscribers);
  return { counts, close: () => channel.unsubscribe(subscribers) };
}
