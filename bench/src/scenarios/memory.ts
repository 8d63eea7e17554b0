import { performance } from "node:perf_hooks";
import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { Redis } from "ioredis";
import { RssSampler } from "../harness/rss.js";
import { sleep } from "../harness/sleep.js";
import type { BenchEnv, ConfigRunner, Measurement, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { VALUE_100B } from "./workload.js";

/** How long the issued commands get to settle before the run is cut off. */
const SETTLE_MS = 5_000;
const BATCH = 1_000;

export const memoryScenario: ScenarioDefinition = {
  id: "memory",
  title: "Memory while Redis is down",
  unit: "MB",
  kind: "memory",
  method:
    "Each client connects to its own redis-server, which is then killed (SIGKILL). The client then issues the commands (`SET key <100 B> EX 300`), " +
    `${BATCH} per event-loop turn, and the outcomes are counted for up to ${SETTLE_MS / 1000} s. Peak RSS is sampled every 20 ms from before the first command ` +
    "to the end of that window, in a process of its own per client. The pool keeps at most `maxInFlightCommands` (default 5,000) waiting and rejects the rest " +
    "at once with `BACKPRESSURE`; raw ioredis queues every command in its unbounded offline queue.",
  server: "killed",
  rounds: 1,
  configs: [
    { id: "kv", label: "`kv(pool)`, default settings (`maxInFlightCommands` 5,000)", role: "subject" },
    { id: "ioredis", label: "raw ioredis, default offline queue", role: "reference" },
  ],
  cells: [{ label: "Redis down", params: {} }],
};

interface Outcomes {
  ok: number;
  byCode: Map<string, number>;
}

/** Issues `count` commands BATCH per turn, counting how each settles; returns the measurement after SETTLE_MS (or when all settled). */
async function issueWhileDown(env: BenchEnv, send: (index: number) => Promise<unknown>, codeOf: (error: unknown) => string): Promise<Measurement> {
  const count = env.timing.memoryCommands;
  const outcomes: Outcomes = { ok: 0, byCode: new Map() };
  let settled = 0;
  const rssBeforeMb = process.memoryUsage.rss() / 1024 / 1024;
  const rss = new RssSampler();
  rss.start();
  const startedAt = performance.now();
  for (let index = 0; index < count; index++) {
    send(index).then(
      () => {
        outcomes.ok++;
        settled++;
      },
      (error: unknown) => {
        const code = codeOf(error);
        outcomes.byCode.set(code, (outcomes.byCode.get(code) ?? 0) + 1);
        settled++;
      },
    );
    if (index % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  const issuedMs = performance.now() - startedAt;
  while (settled < count && performance.now() - startedAt < SETTLE_MS) await sleep(20);
  const peakRssMb = rss.stop();
  const extra: Record<string, number> = { issued: count, issuedMs, settledMs: performance.now() - startedAt, pending: count - settled, ok: outcomes.ok, rssBeforeMb };
  for (const [code, n] of outcomes.byCode) extra[`error:${code}`] = n;
  return { ops: peakRssMb, peakRssMb, extra };
}

export const memoryFactories: ScenarioFactories = {
  kv: async (env): Promise<ConfigRunner> => {
    const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
    pool.on("error", () => undefined);
    const store = kv(pool);
    return {
      run: () => issueWhileDown(env, (index) => store.setKey(`bench:down:${index}`, VALUE_100B), (error) => (isRedisError(error) ? error.code : "other")),
      close: () => pool.close(),
    };
  },
  ioredis: async (env): Promise<ConfigRunner> => {
    const client = new Redis({ host: env.host, port: env.port, lazyConnect: true });
    client.on("error", () => undefined);
    await client.connect();
    return {
      run: () => issueWhileDown(env, (index) => client.set(`bench:down:${index}`, VALUE_100B, "EX", 300), (error) => (error instanceof Error ? error.name : "other")),
      close: async () => {
        client.disconnect();
      },
    };
  },
};
