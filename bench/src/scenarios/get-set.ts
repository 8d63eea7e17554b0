import { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { createClient } from "redis";
import { runClosedLoop, type Operation } from "../harness/closed-loop.js";
import type { BenchEnv, CellParams, ConfigRunner, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { prefill, rawIoredis } from "./clients.js";
import { runRedisBenchmark } from "./redis-benchmark.js";
import { VALUE_100B, forEachKey, isRead, keyOf, makeKeys } from "./workload.js";

const KEYS = makeKeys("bench:kv");

export const getSetScenario: ScenarioDefinition = {
  id: "get-set",
  title: "GET/SET, 100-byte values",
  unit: "ops/s",
  method:
    "Closed loop: N callers each await one command, then send the next; even operations `GET`, odd ones `SET key <100 B> EX 300` " +
    "over 10,000 prefilled keys. Baseline: the better raw ioredis configuration (one connection, auto-pipelining on or off) at that concurrency. " +
    "redis-benchmark runs `-c N -P 16 -d 100 -r 10000 -t set,get` (16 commands in flight per connection: the server's own limit, not a client).",
  server: "shared",
  configs: [
    { id: "kv", label: "`kv(pool)`, default settings", role: "subject", target: 0.95 },
    { id: "ioredis-ap-off", label: "raw ioredis, 1 connection, auto-pipelining off", role: "baseline" },
    { id: "ioredis-ap-on", label: "raw ioredis, 1 connection, auto-pipelining on", role: "baseline" },
    { id: "node-redis", label: "node-redis 6 (`createClient`), 1 connection", role: "reference" },
    { id: "redis-benchmark", label: "redis-benchmark `-P 16`", role: "reference", external: runRedisBenchmark },
  ],
  cells: [
    { label: "c=1", params: { concurrency: 1 } },
    { label: "c=50", params: { concurrency: 50 } },
    { label: "c=1000", params: { concurrency: 1000 } },
  ],
};

/** A closed-loop runner over `op` with the env's timing. */
export function loopRunner(env: BenchEnv, op: Operation, close: () => Promise<unknown>): ConfigRunner {
  return {
    run: (cell: CellParams) =>
      runClosedLoop(op, { concurrency: cell.concurrency ?? 50, warmMs: env.timing.warmMs, durMs: env.timing.durMs, redisPids: env.redisPids }),
    close: async () => {
      await close();
    },
  };
}

export const getSetFactories: ScenarioFactories = {
  kv: async (env) => {
    const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
    const store = kv(pool);
    await forEachKey(KEYS, (key) => store.setKey(key, VALUE_100B));
    return loopRunner(env, (i) => (isRead(i) ? store.getKey(keyOf(KEYS, i)) : store.setKey(keyOf(KEYS, i), VALUE_100B)), () => pool.close());
  },
  "ioredis-ap-off": async (env) => {
    const client = await rawIoredis(env, false);
    await prefill(client, KEYS, VALUE_100B);
    return loopRunner(env, (i) => (isRead(i) ? client.get(keyOf(KEYS, i)) : client.set(keyOf(KEYS, i), VALUE_100B, "EX", 300)), () => client.quit());
  },
  "ioredis-ap-on": async (env) => {
    const client = await rawIoredis(env, true);
    await prefill(client, KEYS, VALUE_100B);
    return loopRunner(env, (i) => (isRead(i) ? client.get(keyOf(KEYS, i)) : client.set(keyOf(KEYS, i), VALUE_100B, "EX", 300)), () => client.quit());
  },
  "node-redis": async (env) => {
    const client = createClient({ socket: { host: env.host, port: env.port } });
    client.on("error", (error: unknown) => console.error("node-redis:", error));
    await client.connect();
    const expiration = { expiration: { type: "EX", value: 300 } } as const;
    await forEachKey(KEYS, (key) => client.set(key, VALUE_100B, expiration));
    return loopRunner(env, (i) => (isRead(i) ? client.get(keyOf(KEYS, i)) : client.set(keyOf(KEYS, i), VALUE_100B, expiration)), () => client.close());
  },
};
