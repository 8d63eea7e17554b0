// One reader process of the cache staleness checker (faults/test/cache-staleness.test.ts): its own
// pool and cache, reading the hot keys in a loop and keeping what each read returned and when it
// started and ended, on the clock every process of the machine shares. Run with node (built
// packages); the parent talks to it over the IPC channel of child_process.fork.
import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { createCache } from "@redis-interface/cache";

/** @type {{ pool: Record<string, unknown>, keys: string[], maxStalenessMs: number, invalidation: "tracking" | "broadcast" }} */
const config = JSON.parse(process.argv[2] ?? "null");
const MAX_MISSING_READS = 100_000;
const PROGRESS_EVERY_MS = 50;
const BYPASS_SAMPLE_MS = 5;

/** Milliseconds since the epoch with sub-millisecond precision: the checker's clock in every process. */
const clock = () => performance.timeOrigin + performance.now();
const pace = () => new Promise((resolve) => setTimeout(resolve, 1));
const send = (message) => new Promise((resolve) => process.send(message, undefined, {}, () => resolve()));

const pool = await RedisConnectionPool.connect(config.pool);
pool.on("error", () => undefined);
const cache = createCache(pool, { maxStalenessMs: config.maxStalenessMs, invalidation: config.invalidation });

/** `key\u0000seq` → [reads, latest start, its end]: a value exists once per key, so its latest read is the one to judge. */
const byValue = new Map();
/** Reads that found no value, each kept: which flush they may follow depends on each one's time. */
const missing = [];
let missingDropped = 0;
let reads = 0;
const errors = {};
let untyped = 0;
let malformed = 0;
let bypassMs = 0;
let bypassEpisodes = 0;
let wasBypassing = cache.stats().bypassing;
let sampledAt = clock();
let running = true;

function sampleBypass() {
  const now = clock();
  const bypassing = cache.stats().bypassing;
  if (bypassing && wasBypassing) bypassMs += now - sampledAt;
  if (bypassing && !wasBypassing) bypassEpisodes++;
  wasBypassing = bypassing;
  sampledAt = now;
}

function record(key, value, start, end) {
  reads++;
  if (value === undefined) {
    if (missing.length < MAX_MISSING_READS) missing.push([key, start, end]);
    else missingDropped++;
    return;
  }
  if (typeof value !== "object" || value === null || !Number.isInteger(value.seq)) {
    malformed++;
    return;
  }
  const id = `${key}\u0000${value.seq}`;
  const seen = byValue.get(id);
  if (seen === undefined) byValue.set(id, [1, start, end]);
  else {
    seen[0]++;
    seen[1] = start;
    seen[2] = end;
  }
}

function progress() {
  const stats = cache.stats();
  return { type: "progress", pid: process.pid, reads, hits: stats.hits, bypassing: stats.bypassing, bypassEpisodes, errors: { ...errors }, untyped };
}

async function readLoop() {
  while (running) {
    for (const key of config.keys) {
      const start = clock();
      try {
        const value = await cache.get(key);
        record(key, value, start, clock());
      } catch (error) {
        if (isRedisError(error)) errors[error.code] = (errors[error.code] ?? 0) + 1;
        else untyped++;
      }
    }
    // Pacing, not waiting: a sweep of L1 hits takes microseconds, and three readers spinning
    // would starve Redis of the machine's two cores.
    await pace();
  }
}

// Wait until the cache uses L1 before the parent starts measuring (bounded by the parent's deadline).
while (cache.stats().bypassing) await pace();
wasBypassing = false;
sampledAt = clock();
const ticker = setInterval(() => void send(progress()), PROGRESS_EVERY_MS);
// on a timer of its own: a read stuck on a frozen server must not hide the bypass it waits through
const sampler = setInterval(sampleBypass, BYPASS_SAMPLE_MS);
const loop = readLoop();
process.on("message", async (message) => {
  if (message?.type !== "stop") return;
  running = false;
  await loop;
  clearInterval(ticker);
  clearInterval(sampler);
  sampleBypass();
  const values = [...byValue].map(([id, [count, start, end]]) => {
    const [key, seq] = id.split("\u0000");
    return { key, seq: Number(seq), count, lastStart: start, lastEnd: end };
  });
  await send({ ...progress(), type: "result", values, missing, missingDropped, malformed, bypassMs, stats: cache.stats() });
  await cache.close();
  await pool.close();
  process.disconnect();
});
await send({ type: "ready", pid: process.pid });
