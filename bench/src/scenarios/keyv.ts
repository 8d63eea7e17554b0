import { performance } from "node:perf_hooks";
import KeyvRedis from "@keyv/redis";
import { RedisConnectionPool } from "@redis-interface/core";
import { KeyvRedisInterface } from "@redis-interface/keyv";
import type { Redis } from "ioredis";
import { Keyv } from "keyv";
import { RedisCpuMeter } from "../harness/redis-cpu.js";
import { RssSampler } from "../harness/rss.js";
import { latencyPercentiles } from "../harness/stats.js";
import type { BenchEnv, CellParams, ConfigRunner, Measurement, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { rawIoredis } from "./clients.js";
import { loopRunner } from "./get-set.js";
import { VALUE_100B, forEachKey, isRead, keyOf, makeKeys } from "./workload.js";

const KEYS = makeKeys("bench:keyv");
/** Keyv TTL of every get/set write, in milliseconds. */
const TTL_MS = 300_000;
/** Keys written before each timed clear. */
export const CLEAR_KEYS = 3_000;
/** What Keyv stores for `VALUE_100B` without an expiry (its default serialization). */
const STORED_VALUE = JSON.stringify({ value: VALUE_100B });
/** Timed clears per cell: at least this many, then as many as fit in the cell's window. */
const MIN_CLEARS = 3;

export const keyvScenario: ScenarioDefinition = {
  id: "keyv",
  title: "Keyv store: get/set at 50 callers, and clear of a 3,000-key namespace",
  unit: "ops/s (clear: clears/s)",
  method:
    "Both rows are `new Keyv({ store, namespace })` with Keyv 5's default JSON serialization, each store on its own connection(s) to the shared server. " +
    `get/set: closed loop of 50 callers over 10,000 prefilled keys, even operations \`keyv.get\`, odd ones \`keyv.set(key, <100 B>, ${TTL_MS})\` (SET … PX). ` +
    `clear: ${CLEAR_KEYS.toLocaleString("en")} keys of a namespace of their own are written in the store's layout by one Lua script on the server (not timed; the same for both rows, and no client garbage left to collect during the clear), then \`keyv.clear()\` is timed, repeated for the cell's window (at least ${MIN_CLEARS}); ` +
    "the keyspace also holds both rows' 10,000 get/set keys, which every clear's SCAN walks past. Each clear is checked to have emptied its namespace. " +
    "Baseline: @keyv/redis 5 (node-redis 5 client; SCAN COUNT 1000 + UNLINK per page). Ours: `KeyvRedisInterface` on `RedisConnectionPool.connect` defaults (kv's SCAN COUNT 1000 + UNLINK per page).",
  server: "shared",
  configs: [
    { id: "keyv-redis-interface", label: "`KeyvRedisInterface(pool)`", role: "subject", target: 1.0 },
    { id: "keyv-redis", label: "`@keyv/redis` 5 (`new KeyvRedis(url)`)", role: "baseline" },
  ],
  cells: [
    { label: "get/set c=50", params: { concurrency: 50 } },
    { label: `clear ${CLEAR_KEYS.toLocaleString("en")} keys`, params: { variant: "clear" } },
  ],
  // both clears do the same Redis work (23 SCAN pages + UNLINKs): their difference is a few round trips
  minRounds: 5,
};

/** Writes `ARGV[1]..i` = `ARGV[2]` PX `ARGV[3]` for i in 0..`ARGV[4]`-1, on the server. */
const FILL_SCRIPT = "for i = 0, tonumber(ARGV[4]) - 1 do redis.call('SET', ARGV[1] .. i, ARGV[2], 'PX', ARGV[3]) end";

/**
 * Writes the `CLEAR_KEYS` keys `<prefix>0…` of a namespace, in the store's layout, with one script
 * on the server, the same for both rows: filling through the client (each store's own `setMany`, or
 * a raw pipeline) left garbage that was collected during the timed clear, which then measured the
 * fill as much as the clear.
 */
async function fill(raw: Redis, prefix: string): Promise<void> {
  await raw.eval(FILL_SCRIPT, 0, prefix, STORED_VALUE, TTL_MS, CLEAR_KEYS);
}

/** Fills and clears a namespace of `CLEAR_KEYS` keys until the window is spent; times the clears only. */
async function runClears(env: BenchEnv, keyv: Keyv<string>, raw: Redis, prefix: string): Promise<Measurement> {
  const latencies = new Float64Array(1_000);
  const rss = new RssSampler();
  rss.start();
  const redisCpu = new RedisCpuMeter(env.redisPids);
  let clears = 0;
  let timedMs = 0;
  let cpuUs = 0;
  const windowMs = env.timing.warmMs + env.timing.durMs;
  const startedAt = performance.now();
  redisCpu.start();
  while (clears < MIN_CLEARS || (performance.now() - startedAt < windowMs && clears < latencies.length)) {
    await fill(raw, prefix);
    if ((await keyv.get("k0")) === undefined) throw new Error("the namespace was not filled as the store lays it out");
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    await keyv.clear();
    const tookMs = performance.now() - began;
    const cpu = process.cpuUsage(cpuBefore);
    cpuUs += cpu.user + cpu.system;
    timedMs += tookMs;
    latencies[clears++] = tookMs;
    const left = await keyv.get(["k0", `k${CLEAR_KEYS - 1}`]);
    if (left.some((value) => value !== undefined)) throw new Error("clear left keys of its namespace");
  }
  return {
    ops: (clears / timedMs) * 1000,
    ...latencyPercentiles(latencies, clears),
    cpuUsPerOp: cpuUs / clears,
    redisCpuPct: redisCpu.stop(),
    peakRssMb: rss.stop(),
  };
}

/**
 * The get/set loop or the clears, per cell, on one store's two Keyv instances.
 * @param rawName the name the store gives Keyv's `namespace:key` in Redis.
 */
async function keyvRunner(env: BenchEnv, keyv: Keyv<string>, clearing: Keyv<string>, rawName: (keyvKey: string) => string, close: () => Promise<unknown>): Promise<ConfigRunner> {
  await forEachKey(KEYS, (key) => keyv.set(key, VALUE_100B, TTL_MS));
  const raw = await rawIoredis(env, false);
  const prefix = rawName(`${clearing.namespace as string}:k`);
  const loop = loopRunner(env, (i) => (isRead(i) ? keyv.get(keyOf(KEYS, i)) : keyv.set(keyOf(KEYS, i), VALUE_100B, TTL_MS)), async () => {
    await close();
    await raw.quit();
  });
  return {
    run: (cell: CellParams) => (cell.variant === "clear" ? runClears(env, clearing, raw, prefix) : loop.run(cell)),
    close: () => loop.close(),
  };
}

export const keyvFactories: ScenarioFactories = {
  "keyv-redis-interface": async (env) => {
    const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
    const keyv = new Keyv<string>({ store: new KeyvRedisInterface(pool), namespace: `bench-ri-${process.pid}` });
    const clearing = new Keyv<string>({ store: new KeyvRedisInterface(pool), namespace: `bench-ri-clear-${process.pid}` });
    // Keyv's own `namespace:key`, as it is
    return keyvRunner(env, keyv, clearing, (keyvKey) => keyvKey, async () => {
      await clearing.clear();
      await keyv.clear();
      await pool.close();
    });
  },
  "keyv-redis": async (env) => {
    const url = `redis://${env.host}:${env.port}`;
    const store = new KeyvRedis(url);
    const keyv = new Keyv<string>({ store, namespace: `bench-kr-${process.pid}` });
    const clearing = new Keyv<string>({ store: new KeyvRedis(url), namespace: `bench-kr-clear-${process.pid}` });
    // @keyv/redis adds its own `namespace::` before Keyv's `namespace:key`
    return keyvRunner(env, keyv, clearing, (keyvKey) => `${clearing.namespace as string}::${keyvKey}`, async () => {
      await clearing.clear();
      await keyv.clear();
      await Promise.all([keyv.disconnect(), clearing.disconnect()]);
    });
  },
};
