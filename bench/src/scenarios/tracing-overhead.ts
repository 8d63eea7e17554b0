import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, type RedisCommandTrace } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { runAlternatingLoop, windowOptions, type LoopMode } from "../harness/alternating-loop.js";
import { sharedWindowFactories, type RowsWindow } from "../harness/shared-window.js";
import type { BenchEnv, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { VALUE_100B, forEachKey, isRead, keyOf, makeKeys } from "./workload.js";

/** Measured time per turn of a row. */
const SLICE_MS = 500;
/**
 * Unmeasured time after each switch: (un)subscribing changes the channel objects' prototypes in
 * Node, which deoptimizes the code that touched them; 50 ms turns without it charged that to the
 * subscribed rows (0.79× measured against 0.96× with it).
 */
const SETTLE_MS = 200;

export const tracingOverheadScenario: ScenarioDefinition = {
  id: "tracing",
  title: "Tracing overhead: kv GET/SET with a subscriber on `redis-interface:command`",
  unit: "ops/s",
  method:
    "The GET/SET workload (`kv(pool)`, 100-byte values, 10,000 prefilled keys, one pool) in one closed loop whose process switches, " +
    `in turn (forward, then backward), every ${SETTLE_MS} ms unmeasured (the JIT settling after the switch) + ${SLICE_MS} ms measured, between: nobody listening on the tracing channel (the baseline); an empty subscriber on all five events ` +
    "(the library's own cost, the target: the trace object, recording command names and key counts, publishing); a span-like subscriber " +
    "(an object per command kept in a `WeakMap` from `start`, attributes joined on `asyncEnd`: the subscriber's own work adds to it); and " +
    "nobody listening again (the noise floor: two identical rows). Each completion and each slice's CPU count for the row active at that " +
    "moment, so machine drift hits every row alike; a round is one such window, each row getting a quarter of it (two turns).",
  server: "shared",
  oneProcess: true,
  minRounds: 7,
  configs: [
    { id: "untraced", label: "`kv(pool)`, nobody subscribed", role: "baseline" },
    { id: "empty-subscriber", label: "`kv(pool)` + empty subscriber", role: "subject", target: 0.95 },
    { id: "span-subscriber", label: "`kv(pool)` + span-like subscriber", role: "reference" },
    { id: "untraced-again", label: "`kv(pool)`, nobody subscribed (the baseline again: the noise floor)", role: "reference" },
  ],
  cells: [
    { label: "c=1", params: { concurrency: 1 } },
    { label: "c=50", params: { concurrency: 50 } },
  ],
};

type Subscribers = Parameters<ReturnType<typeof tracingChannel<unknown, RedisCommandTrace>>["subscribe"]>[0];

const ignore = (): void => undefined;
const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);

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

/** A row's mode: `subscriber` on the channel while it is active (none: nobody listens). */
function modeOf(subscriber: Subscribers | undefined): LoopMode {
  return {
    enter() {
      if (subscriber) channel.subscribe(subscriber);
      if (channel.hasSubscribers !== (subscriber !== undefined)) throw new Error("another subscriber is on the tracing channel");
    },
    leave() {
      if (subscriber) channel.unsubscribe(subscriber);
    },
  };
}

const ROWS = ["untraced", "empty-subscriber", "span-subscriber", "untraced-again"] as const;

/** The one loop every row of the table shares (all rows live in one worker: `oneProcess`). */
async function openWindow(env: BenchEnv): Promise<RowsWindow> {
  const keys = makeKeys("bench:trace");
  const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
  const store = kv(pool);
  await forEachKey(keys, (key) => store.setKey(key, VALUE_100B));
  const op = (i: number): Promise<unknown> => (isRead(i) ? store.getKey(keyOf(keys, i)) : store.setKey(keyOf(keys, i), VALUE_100B));
  return {
    measureAll: (cell) => {
      const modes = [modeOf(undefined), modeOf(emptySubscriber()), modeOf(spanSubscriber()), modeOf(undefined)];
      return runAlternatingLoop(op, modes, windowOptions(env, cell, 50, { sliceMs: SLICE_MS, settleMs: SETTLE_MS }));
    },
    close: () => pool.close(),
  };
}

export const tracingOverheadFactories: ScenarioFactories = sharedWindowFactories(ROWS, 50, openWindow);
