import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, type RedisCommandTrace } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import type { BenchEnv, ConfigRunner, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { loopRunner } from "./get-set.js";
import { VALUE_100B, forEachKey, isRead, keyOf, makeKeys } from "./workload.js";

export const tracingOverheadScenario: ScenarioDefinition = {
  id: "tracing",
  title: "Tracing overhead: kv GET/SET with a subscriber on `redis-interface:command`",
  unit: "ops/s",
  method:
    "The GET/SET workload (`kv(pool)`, 100-byte values, 10,000 prefilled keys) with nobody listening on the tracing channel (the baseline), " +
    "then with a subscriber attached to all five events: an empty one (the library's own cost, the target: the trace object, recording " +
    "command names and key counts, publishing five events) and a span-like one (an object per command kept in a `WeakMap` from `start`, " +
    "attributes joined on `asyncEnd`: the subscriber's own work adds to it). " +
    "The last row repeats the baseline: how far two identical rows drift apart on this machine. All four run in one worker process, the subscriber attached only for its own cells, so the rows differ in nothing else.",
  server: "shared",
  oneProcess: true,
  minRounds: 7,
  configs: [
    { id: "untraced", label: "`kv(pool)`, nobody subscribed", role: "baseline" },
    { id: "empty-subscriber", label: "`kv(pool)` + empty subscriber", role: "subject", target: 0.95 },
    { id: "span-subscriber", label: "`kv(pool)` + span-like subscriber", role: "reference" },
    { id: "untraced-again", label: "`kv(pool)`, nobody subscribed (a second copy of the baseline: the noise floor)", role: "reference" },
  ],
  cells: [
    { label: "c=1", params: { concurrency: 1 } },
    { label: "c=50", params: { concurrency: 50 } },
  ],
};

type Subscribers = Parameters<ReturnType<typeof tracingChannel<unknown, RedisCommandTrace>>["subscribe"]>[0];

const ignore = (): void => undefined;

function emptySubscriber(): Subscribers {
  return { start: ignore, end: ignore, asyncStart: ignore, asyncEnd: ignore, error: ignore };
}

function spanSubscriber(): Subscribers {
  const spans = new WeakMap<RedisCommandTrace, { name: string; startedAt: number; attributes?: Record<string, unknown> }>();
  return {
    start: (trace) => void spans.set(trace, { name: trace.operation, startedAt: performance.now() }),
    end: ignore,
    asyncStart: ignore,
    error: ignore,
    asyncEnd(trace) {
      const span = spans.get(trace);
      if (span) span.attributes = { "db.operation": trace.commands.join(" "), keys: trace.keyCount, ms: trace.durationMs, error: trace.errorCode };
    },
  };
}

/**
 * `kv(pool)` on the GET/SET workload with `subscriber` on the channel while its cells run (all
 * configurations share one process: `oneProcess`).
 */
async function tracedKv(env: BenchEnv, prefix: string, subscriber: Subscribers | undefined): Promise<ConfigRunner> {
  const keys = makeKeys(prefix);
  const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
  const store = kv(pool);
  await forEachKey(keys, (key) => store.setKey(key, VALUE_100B));
  const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
  const loop = loopRunner(env, (i) => (isRead(i) ? store.getKey(keyOf(keys, i)) : store.setKey(keyOf(keys, i), VALUE_100B)), () => pool.close());
  return {
    async run(cell) {
      if (subscriber) channel.subscribe(subscriber);
      try {
        if (channel.hasSubscribers !== (subscriber !== undefined)) throw new Error("another subscriber is on the channel");
        return await loop.run(cell);
      } finally {
        if (subscriber) channel.unsubscribe(subscriber);
      }
    },
    close: () => loop.close(),
  };
}

export const tracingOverheadFactories: ScenarioFactories = {
  untraced: (env) => tracedKv(env, "bench:trace:none", undefined),
  "empty-subscriber": (env) => tracedKv(env, "bench:trace:empty", emptySubscriber()),
  "span-subscriber": (env) => tracedKv(env, "bench:trace:span", spanSubscriber()),
  "untraced-again": (env) => tracedKv(env, "bench:trace:none2", undefined),
};
