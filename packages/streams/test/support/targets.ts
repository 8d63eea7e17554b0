import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, type RedisCommandTrace, type RedisConnection } from "@redis-interface/core";
import { blockedClients, countCalls, describeEachTarget as eachTarget, rejection, type TestTarget } from "@redis-interface/testing";
import { streams, type StreamStore } from "../../src/index.js";

/** A target of the shared harness with the stream functions on its connection. */
export interface StreamsTarget extends TestTarget<RedisConnection> {
  readonly store: StreamStore;
}

/**
 * Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view.
 * Standalone pools have a single shared connection (`poolSize: 1`), so anything that held it (a
 * BLOCK on it) would stall the rest.
 */
export function describeEachTarget(title: string, body: (target: () => StreamsTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 1 } }, (target) => {
    body(() => {
      const current = target();
      return { ...current, store: streams(current.connection) };
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

/** Ids of the clients currently blocked in XREAD on any server behind `raw`. */
export function blockedXreadClients(raw: StreamsTarget["raw"]): Promise<Set<string>> {
  return blockedClients(raw, "xread");
}

/**
 * Counts the commands core starts tracing (one per command admitted for I/O) until `close()`:
 * a call refused before any I/O (`CROSS_SLOT`) starts none.
 */
export function tracedCommands(): { readonly started: () => number; close(): void } {
  let started = 0;
  const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
  const subscribers = { start: () => void started++, end: () => undefined, asyncStart: () => undefined, asyncEnd: () => undefined, error: () => undefined };
  channel.subscribe(subscribers);
  return { started: () => started, close: () => channel.unsubscribe(subscribers) };
}
