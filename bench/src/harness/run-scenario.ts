import os from "node:os";
import type { BenchEnv, Measurement, ScenarioDefinition } from "./types.js";
import { WorkerHandle } from "./worker-host.js";

/** One cell of one configuration in one round. */
export interface CellRecord {
  round: number;
  measurement: Measurement;
  /** 1-minute load average when the cell started (the machine is shared). */
  load1: number;
}

/** Everything a scenario measured: `records[configId][cellLabel]` in round order. */
export interface ScenarioResult {
  definition: ScenarioDefinition;
  records: Record<string, Record<string, CellRecord[]>>;
  rounds: number;
  elapsedMs: number;
}

export interface RunScenarioOptions {
  env: BenchEnv;
  rounds: number;
  /** Node flags for the worker processes (e.g. `--cpu-prof`). */
  execArgv?: string[];
  /** Called once every worker is ready, before the first cell (the memory scenario kills Redis here). */
  beforeCells?: () => Promise<void>;
  log?: (line: string) => void;
}

function fmt(value: number | undefined, digits = 0): string {
  return value === undefined || Number.isNaN(value) ? "–" : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * Runs a scenario: one worker process per configuration (started one after another), then
 * `rounds` rounds of every configuration × cell, in an order rotated each round so that drift
 * of the shared machine hits every configuration alike; then closes the workers.
 * @throws Error when a worker or a cell fails (every worker is closed first).
 */
export async function runScenario(definition: ScenarioDefinition, options: RunScenarioOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const startedAt = performance.now();
  const workers = new Map<string, WorkerHandle>();
  const records: ScenarioResult["records"] = {};
  try {
    if (definition.oneProcess) {
      const shared = await WorkerHandle.start(options.env, definition.id, "*", options.execArgv);
      for (const config of definition.configs) if (!config.external) workers.set(config.id, shared);
    } else {
      for (const config of definition.configs) {
        if (config.external) continue;
        workers.set(config.id, await WorkerHandle.start(options.env, definition.id, config.id, options.execArgv));
      }
    }
    await options.beforeCells?.();
    // cell-major: the rows of one cell run back to back, so their paired ratios see the same machine
    const jobs = definition.cells.flatMap((cell) => definition.configs.filter((config) => config.cells === undefined || config.cells.includes(cell.label)).map((config) => ({ config, cell })));
    for (let round = 0; round < options.rounds; round++) {
      const offset = Math.floor((round * jobs.length) / options.rounds);
      for (const { config, cell } of [...jobs.slice(offset), ...jobs.slice(0, offset)]) {
        const load1 = os.loadavg()[0] ?? 0;
        const worker = workers.get(config.id);
        const measurement = config.external ? await config.external(options.env, cell.params) : await (worker as WorkerHandle).run(cell.params, definition.oneProcess ? config.id : undefined);
        ((records[config.id] ??= {})[cell.label] ??= []).push({ round, measurement, load1 });
        const latency = measurement.p50Ms === undefined ? "" : ` p50 ${fmt(measurement.p50Ms, 3)} p99 ${fmt(measurement.p99Ms, 3)} ms`;
        log(`  [${round + 1}/${options.rounds}] ${definition.id} ${config.id} ${cell.label}: ${fmt(measurement.ops)} ${definition.unit}${latency} rss ${fmt(measurement.peakRssMb)} MB load ${load1.toFixed(2)}`);
      }
    }
  } finally {
    await Promise.all([...new Set(workers.values())].map((worker) => worker.close()));
  }
  return { definition, records, rounds: options.rounds, elapsedMs: performance.now() - startedAt };
}
