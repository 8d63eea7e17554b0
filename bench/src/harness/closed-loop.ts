import { performance } from "node:perf_hooks";
import { startCallers, type Operation } from "./callers.js";
import { RedisCpuMeter } from "./redis-cpu.js";
import { RssSampler } from "./rss.js";
import { sleep } from "./sleep.js";
import { latencyPercentiles } from "./stats.js";
import type { Measurement } from "./types.js";

export type { Operation } from "./callers.js";

export interface ClosedLoopOptions {
  concurrency: number;
  warmMs: number;
  durMs: number;
  /** redis-server pids whose CPU is measured over the window. */
  redisPids?: readonly number[];
}

/** Latency samples of the measured window, allocated once per process (the same for every configuration). */
const LATENCIES = new Float64Array(1_000_000);

/**
 * A closed loop: `concurrency` async callers each await one operation, then issue the next.
 * After `warmMs` unmeasured, counts completions and times every operation for `durMs`; then
 * stops the callers and waits for the operations in flight. An operation that rejects fails the cell.
 * @returns completions per second in the window, p50/p99 latency, client CPU per op, Redis CPU and peak RSS.
 */
export async function runClosedLoop(op: Operation, options: ClosedLoopOptions): Promise<Measurement> {
  const rss = new RssSampler();
  rss.start();
  const redisCpu = new RedisCpuMeter(options.redisPids ?? []);
  let recording = false;
  let count = 0;
  let recorded = 0;
  const callers = startCallers(op, options.concurrency, (latencyMs) => {
    if (!recording) return;
    if (recorded < LATENCIES.length) LATENCIES[recorded++] = latencyMs;
    count++;
  });
  await sleep(options.warmMs);
  const cpuBefore = process.cpuUsage();
  redisCpu.start();
  const windowStart = performance.now();
  recording = true;
  await sleep(options.durMs);
  recording = false;
  const elapsedMs = performance.now() - windowStart;
  const cpu = process.cpuUsage(cpuBefore);
  const redisCpuPct = redisCpu.stop();
  const completed = count;
  let peakRssMb: number;
  try {
    await callers.stop();
  } finally {
    peakRssMb = rss.stop();
  }
  return {
    ops: (completed / elapsedMs) * 1000,
    ...latencyPercentiles(LATENCIES, recorded),
    cpuUsPerOp: completed > 0 ? (cpu.user + cpu.system) / completed : undefined,
    redisCpuPct,
    peakRssMb,
  };
}

/**
 * Times `drain` (work on `items` prepared beforehand) from start to finish.
 * @returns items per second, client CPU per item, Redis CPU and peak RSS.
 */
export async function timeDrain(items: number, drain: () => Promise<void>, redisPids: readonly number[] = []): Promise<Measurement> {
  const rss = new RssSampler();
  rss.start();
  const redisCpu = new RedisCpuMeter(redisPids);
  const cpuBefore = process.cpuUsage();
  redisCpu.start();
  const startedAt = performance.now();
  await drain();
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ops: (items / elapsedMs) * 1000,
    cpuUsPerOp: (cpu.user + cpu.system) / items,
    redisCpuPct: redisCpu.stop(),
    peakRssMb: rss.stop(),
    extra: { elapsedMs },
  };
}

/**
 * Calls synchronous `fn` in batches of 256 for `durMs` (no Redis).
 * @returns calls per second and CPU per call.
 */
export function runSyncLoop(fn: () => unknown, durMs: number): Measurement {
  const rss = new RssSampler();
  rss.start();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  let calls = 0;
  let sink = 0;
  for (;;) {
    for (let j = 0; j < 256; j++) if (fn() !== undefined) sink++;
    calls += 256;
    if (performance.now() - startedAt >= durMs) break;
  }
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return { ops: (calls / elapsedMs) * 1000, cpuUsPerOp: (cpu.user + cpu.system) / calls, peakRssMb: rss.stop(), extra: { returned: sink } };
}
