import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, type RedisCommandTrace, type RedisConnection } from "@redis-interface/core";
import { describeEachTarget as eachTarget, masterNodes, rejection, type TestTarget } from "@redis-interface/testing";
import { scripts, type RedisScripts } from "../../src/index.js";

/** A target of the shared harness with the script functions on its connection. */
export interface ScriptsTarget extends TestTarget<RedisConnection> {
  readonly lua: RedisScripts;
  /** SCRIPT FLUSH on the server, or on every master of the cluster. */
  flushScripts(): Promise<void>;
  /** SCRIPT EXISTS sha on the server, or on every master of the cluster: one boolean per node. */
  scriptExists(sha: string): Promise<boolean[]>;
}

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => ScriptsTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, (target) => {
    afterEach(stopProbes);
    body(() => {
      const current = target();
      const masters = () => masterNodes(current.raw);
      return {
        ...current,
        lua: scripts(current.connection),
        flushScripts: async () => void (await Promise.all(masters().map((node) => node.script("FLUSH")))),
        scriptExists: (sha) => Promise.all(masters().map(async (node) => ((await node.script("EXISTS", sha)) as number[])[0] === 1)),
      };
    });
  });
}

export { rejection };

/** What a probe saw: the calls of `send`, and the Redis commands written (from the tracing channel). */
export interface Probe {
  /** A connection that counts its `send` calls; use it for the calls under test. */
  readonly connection: RedisConnection;
  /** How often `send` was called (validation failing before it leaves 0). */
  sends(): number;
  /** The command names written to Redis since the probe began, in order (`EVALSHA`, `EVAL`…): none for a call refused before any I/O. */
  readonly commands: string[];
}

const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
const active: Array<{ stop(): void }> = [];

function stopProbes(): void {
  for (const probe of active.splice(0)) probe.stop();
}

/**
 * Watches `connection` until the end of the test: counts `send` calls and records every command
 * written to Redis on the tracing channel (tests of a file run one at a time, so what the channel
 * publishes during a test is that test's).
 */
export function counting(connection: RedisConnection): Probe {
  let sends = 0;
  const commands: string[] = [];
  const ignore = (): void => undefined;
  const subscribers = { start: ignore, end: ignore, asyncStart: ignore, error: ignore, asyncEnd: (trace: RedisCommandTrace) => void commands.push(...trace.commands) };
  channel.subscribe(subscribers);
  active.push({ stop: () => channel.unsubscribe(subscribers) });
  const send: RedisConnection["send"] = (operation, command) => {
    sends++;
    return connection.send(operation, command);
  };
  const proxy = new Proxy(connection, { get: (real, property, receiver) => (property === "send" ? send : Reflect.get(real, property, receiver)) });
  return { connection: proxy, sends: () => sends, commands };
}
