import { createCache } from "@redis-interface/cache";
import KeyvRedis from "@keyv/redis";
import { BentoCache, bentostore } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisBusDriver, redisDriver } from "bentocache/drivers/redis";
import { createCache as createCacheManager } from "cache-manager";
import { Keyv } from "keyv";
import { runClosedLoop } from "../harness/closed-loop.js";
import { RssSampler } from "../harness/rss.js";
import { latencyPercentiles } from "../harness/stats.js";
import type { BenchEnv, CellParams, ConfigRunner, Measurement, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { TTL_MS, configOf, healthy, indexOf, prefilledPool } from "./cache-values.js";
import { forEachKey, keyOf, makeKeys } from "./workload.js";

const HIT = "L1 hit";
const WORKLOAD = "95% reads / 5% writes, c=50";

export const cacheScenario: ScenarioDefinition = {
  id: "cache",
  title: "In-process cache over Redis: L1 hits, a 95/5 workload",
  unit: "ops/s",
  method:
    "10,000 hot keys, each a ~200-byte JSON object (a merchant's routing configuration), prefilled in Redis and read once so that L1 holds them. " +
    `*${HIT}*: one caller reads the keys in a tight loop (\`await get(key)\`, every read an L1 hit, checked), each read timed with \`process.hrtime.bigint()\`, ` +
    "yielding to the event loop (\`setImmediate\`) after every 256 reads as a service does between requests; " +
    "hits/s and the p99 of one hit (µs column). " +
    `*${WORKLOAD}*: closed loop of 50 callers, 1 operation in 20 a \`set\` of the key (which every instance's L1 drops), the others \`get\`. ` +
    "bentocache: memory L1 (`serialize: false`, its fastest) + Redis L2 + its Redis bus; cache-manager 7: a Keyv memory store (Map) + Keyv with `@keyv/redis`.",
  server: "shared",
  configs: [
    { id: "ours", label: "`createCache(pool)` (tracking)", role: "subject", cells: [HIT, WORKLOAD], targets: { [HIT]: 2 }, p99Targets: { [HIT]: 0.005 } },
    { id: "bentocache", label: "bentocache 1.6 (memory + Redis + bus)", role: "baseline", cells: [HIT, WORKLOAD] },
    { id: "cache-manager", label: "cache-manager 7 (Keyv memory + @keyv/redis)", role: "reference", cells: [HIT, WORKLOAD] },
  ],
  cells: [
    { label: HIT, params: { variant: "hit" } },
    { label: WORKLOAD, params: { variant: "workload", concurrency: 50 } },
  ],
  extraColumn: { key: "p99Us", label: "p99 µs", digits: 2 },
};

/** What one library offers for the workload. */
interface CacheUnderTest {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
  /** The number of L1 hits so far, where the library tells. */
  hits?(): number;
}

/** Sample buffer of the hit loop, allocated once per process. */
const HIT_SAMPLES = new Float64Array(4_000_000);

/**
 * One caller reading `keys` in a tight loop for `durMs`, every read timed with `process.hrtime.bigint()`.
 * @throws Error when a read returned nothing, or (where the library counts them) a read was not an L1 hit.
 */
async function hitLoop(cache: CacheUnderTest, keys: readonly string[], durMs: number): Promise<Measurement> {
  const rss = new RssSampler();
  rss.start();
  const hitsBefore = cache.hits?.();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  let count = 0;
  let missing = 0;
  while (performance.now() - startedAt < durMs && count + 256 <= HIT_SAMPLES.length) {
    for (let batch = 0; batch < 256; batch++) {
      const key = keyOf(keys, count);
      const before = process.hrtime.bigint();
      const value = await cache.get(key);
      HIT_SAMPLES[count++] = Number(process.hrtime.bigint() - before) / 1e6;
      if (value === undefined) missing++;
    }
    // A service yields to I/O between requests; without it no library could process a
    // message, and ours would (rightly) stop trusting L1 once its heartbeat went unanswered.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssMb = rss.stop();
  if (missing > 0) throw new Error(`${missing} of ${count} reads returned nothing`);
  if (hitsBefore !== undefined && cache.hits !== undefined && cache.hits() - hitsBefore !== count) throw new Error(`${count - (cache.hits() - hitsBefore)} of ${count} reads were not L1 hits`);
  const latency = latencyPercentiles(HIT_SAMPLES, count);
  return { ops: (count / elapsedMs) * 1000, ...latency, cpuUsPerOp: (cpu.user + cpu.system) / count, peakRssMb, extra: { p99Us: latency.p99Ms * 1000 } };
}

/** `get` of every key (L1 warm), then a short unmeasured hit loop (JIT). */
async function warm(cache: CacheUnderTest, keys: readonly string[]): Promise<void> {
  for (const key of keys) if ((await cache.get(key)) === undefined) throw new Error(`${key} is missing`);
  await hitLoop(cache, keys, 200);
}

/** The closed-loop workload: 1 operation in 20 a write of the key (its version bumped), the others reads. */
function workload(cache: CacheUnderTest, keys: readonly string[]): (i: number) => Promise<unknown> {
  return (i) => {
    const key = keyOf(keys, i);
    return i % 20 === 0 ? cache.set(key, configOf(i, i)) : cache.get(key);
  };
}

/** A runner over `cache` for the hit and workload cells. */
function cacheRunner(env: BenchEnv, cache: CacheUnderTest, keys: readonly string[], close: () => Promise<unknown>): ConfigRunner {
  return {
    run: async (cell: CellParams) => {
      if (cell.variant === "hit") {
        await warm(cache, keys);
        return hitLoop(cache, keys, env.timing.durMs);
      }
      const measured = await runClosedLoop(workload(cache, keys), { concurrency: cell.concurrency ?? 50, warmMs: env.timing.warmMs, durMs: env.timing.durMs, redisPids: env.redisPids });
      return { ...measured, extra: { p99Us: (measured.p99Ms ?? Number.NaN) * 1000 } };
    },
    close: async () => {
      await close();
    },
  };
}

export const cacheFactories: ScenarioFactories = {
  ours: async (env) => {
    const keys = makeKeys("bench:cache:ours");
    const pool = await prefilledPool(env, keys);
    const cache = createCache(pool, { maxEntries: keys.length, ttlMs: TTL_MS });
    await healthy(() => cache.stats().bypassing);
    const tested: CacheUnderTest = { get: (key) => cache.get(key), set: (key, value) => cache.set(key, value), hits: () => cache.stats().hits };
    return cacheRunner(env, tested, keys, () => pool.close());
  },
  bentocache: async (env) => {
    const keys = makeKeys("bench:cache:bento");
    const connection = { host: env.host, port: env.port };
    const bento = new BentoCache({
      default: "cache",
      stores: {
        cache: bentostore()
          .useL1Layer(memoryDriver({ maxItems: keys.length * 2, serialize: false }))
          .useL2Layer(redisDriver({ connection }))
          .useBus(redisBusDriver({ connection })),
      },
    });
    await forEachKey(keys, (key) => bento.set({ key, value: configOf(indexOf(key)), ttl: TTL_MS }));
    const tested: CacheUnderTest = { get: (key) => bento.get({ key }), set: (key, value) => bento.set({ key, value, ttl: TTL_MS }) };
    return cacheRunner(env, tested, keys, () => bento.disconnectAll());
  },
  "cache-manager": async (env) => {
    const keys = makeKeys("bench:cache:manager");
    const redis = new KeyvRedis(`redis://${env.host}:${env.port}`);
    const cache = createCacheManager({ stores: [new Keyv(), new Keyv({ store: redis })] });
    await forEachKey(keys, (key) => cache.set(key, configOf(indexOf(key)), TTL_MS));
    const tested: CacheUnderTest = { get: (key) => cache.get(key), set: (key, value) => cache.set(key, value, TTL_MS) };
    return cacheRunner(env, tested, keys, () => cache.disconnect());
  },
};
