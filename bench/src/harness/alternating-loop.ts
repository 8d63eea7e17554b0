import { performance } from "node:perf_hooks";
import { startCallers, type Operation } from "./callers.js";
import { sleep } from "./sleep.js";
import { latencyPercentiles } from "./stats.js";
import type { BenchEnv, CellParams, Measurement } from "./types.js";

/** A state the process can switch into and out of between slices (a tracing subscriber on or off). */
export interface LoopMode {
  enter(): void;
  leave(): void;
}

export interface AlternatingLoopOptions {
  concurrency: number;
  warmMs: number;
  /** Measured time per mode (the window is `modes × measuredMsPerMode`). */
  measuredMsPerMode: number;
  /** One slice: the modes take turns every `sliceMs` (measured time; `settleMs` comes on top). */
  sliceMs: number;
  /** Unmeasured time after each switch, so what a switch itself costs (deoptimized code, a JIT catching up) is not charged. */
  settleMs: number;
}

const SAMPLES_PER_MODE = 250_000;

/**
 * One closed loop (`concurrency` callers, as `runClosedLoop`) whose process switches between
 * `modes` every `settleMs + sliceMs`, in turn (forward, then backward), for the whole window. Each completion, and the
 * CPU of each slice, is charged to the mode active at that moment (nothing during `settleMs`). Drift of a shared machine (another job, a
 * CPU frequency step) then hits every mode alike, which separate windows of a second each do not:
 * differences of a few per cent become measurable.
 * @returns one Measurement per mode, in `modes` order (no Redis CPU, no RSS).
 */
export async function runAlternatingLoop(op: Operation, modes: readonly LoopMode[], options: AlternatingLoopOptions): Promise<Measurement[]> {
  const ops = modes.map(() => 0);
  const cpuUs = modes.map(() => 0);
  const elapsedMs = modes.map(() => 0);
  const latencies = modes.map(() => new Float64Array(SAMPLES_PER_MODE));
  const recorded = modes.map(() => 0);
  let active = -1; // warm-up and settling: nothing is charged
  const callers = startCallers(op, options.concurrency, (latencyMs) => {
    const mode = active;
    if (mode < 0) return;
    ops[mode] = (ops[mode] as number) + 1;
    const at = recorded[mode] as number;
    if (at < SAMPLES_PER_MODE) {
      (latencies[mode] as Float64Array)[at] = latencyMs;
      recorded[mode] = at + 1;
    }
  });
  await sleep(options.warmMs);
  const slices = Math.max(1, Math.round(options.measuredMsPerMode / options.sliceMs)) * modes.length;
  try {
    for (let slice = 0; slice < slices; slice++) {
      // forward, then backward (a b c c b a …): what one mode leaves behind (garbage to collect, a
      // colder cache) falls on a different neighbour each way, and linear drift cancels out
      const position = slice % modes.length;
      const index = Math.floor(slice / modes.length) % 2 === 0 ? position : modes.length - 1 - position;
      const mode = modes[index] as LoopMode;
      mode.enter();
      await sleep(options.settleMs);
      const cpuBefore = process.cpuUsage();
      const startedAt = performance.now();
      active = index;
      await sleep(options.sliceMs);
      active = -1;
      elapsedMs[index] = (elapsedMs[index] as number) + performance.now() - startedAt;
      const cpu = process.cpuUsage(cpuBefore);
      cpuUs[index] = (cpuUs[index] as number) + cpu.user + cpu.system;
      mode.leave();
    }
  } finally {
    await callers.stop();
  }
  return modes.map((_, index) => {
    const completed = ops[index] as number;
    return {
      ops: (completed / (elapsedMs[index] as number)) * 1000,
      ...latencyPercentiles(latencies[index] as Float64Array, recorded[index] as number),
      cpuUsPerOp: completed > 0 ? (cpuUs[index] as number) / completed : undefined,
    };
  });
}

/**
 * The options of a table's window in a run: the cell's concurrency (else `defaultConcurrency`), the
 * run's warm-up and measured time per mode, and the table's turns.
 */
export function windowOptions(env: BenchEnv, cell: CellParams, defaultConcurrency: number, turns: { sliceMs: number; settleMs: number }): AlternatingLoopOptions {
  return { concurrency: cell.concurrency ?? defaultConcurrency, warmMs: env.timing.warmMs, measuredMsPerMode: env.timing.durMs, sliceMs: turns.sliceMs, settleMs: turns.settleMs };
}

/**
 * `runAlternatingLoop` where each row is its own operation: the callers run the active row's
 * operation, and the turns switch which row is active.
 * @returns one Measurement per row, in `rows` order.
 */
export function runAlternatingRows(rows: readonly Operation[], options: AlternatingLoopOptions): Promise<Measurement[]> {
  let active = 0;
  const modes: LoopMode[] = rows.map((_, index) => ({ enter: () => void (active = index), leave: () => undefined }));
  return runAlternatingLoop((i) => (rows[active] as Operation)(i), modes, options);
}
