/** How long and how often to measure; `BENCH_QUICK=1` shrinks everything for a smoke run. */
export interface Timing {
  quick: boolean;
  /** Interleaved rounds; every table shows the median over them. */
  rounds: number;
  /** Unmeasured ramp before each closed-loop window. */
  warmMs: number;
  /** Measured window of a closed-loop cell. */
  durMs: number;
  /** Entries (or jobs) drained by one consumer cell. */
  drainEntries: number;
  /** Window of one in-process codec cell. */
  microMs: number;
  /** `-n` of each redis-benchmark test (SET and GET). */
  rbRequests: number;
  /** Commands issued while Redis is down (memory scenario). */
  memoryCommands: number;
}

/** What a worker process gets: where Redis is and how long to measure. */
export interface BenchEnv {
  host: string;
  port: number;
  /** `"host:port"` of the cluster's masters (empty when the scenario needs none). */
  clusterUrls: string[];
  /** redis-server pids whose CPU is charged to each cell. */
  redisPids: number[];
  timing: Timing;
}

/** Parameters of one cell (one row of a table), sent to the worker that runs it. */
export interface CellParams {
  concurrency?: number;
  /** Which measurement a scenario with several kinds of cell runs (`cache`: `"hit"`, `"miss"`…; `keyv`: `"clear"`). */
  variant?: string;
}

/** What one cell measured in one round. */
export interface Measurement {
  /** Throughput in the scenario's unit (ops/s, entries/s, ...). */
  ops: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Client CPU (user + system of the worker process) per operation, µs. */
  cpuUsPerOp?: number;
  /** CPU of the redis-server process(es) during the window, % of one core. */
  redisCpuPct?: number;
  /** Highest RSS of the worker process sampled during the cell, MB. */
  peakRssMb?: number;
  /** Scenario-specific counts (errors by code, queue sizes, ...). */
  extra?: Record<string, number>;
}

/** A configuration's live state inside its worker process. */
export interface ConfigRunner {
  run(cell: CellParams): Promise<Measurement>;
  close(): Promise<void>;
}

/** Builds a configuration in a worker process (connects, prefills). */
export type ConfigFactory = (env: BenchEnv) => Promise<ConfigRunner>;

/** `subject`: ours (has targets); `baseline`: what ratios divide by (the best one per cell); `reference`: shown for comparison. */
export type ConfigRole = "subject" | "baseline" | "reference";

export interface ConfigDefinition {
  id: string;
  label: string;
  role: ConfigRole;
  /** Minimum ratio to the baseline this configuration must reach (in every cell without its own entry in `targets`). */
  target?: number;
  /** Minimum ratio per cell label (`"c=50": 1.3`), where a cell's target differs. */
  targets?: Readonly<Record<string, number>>;
  /** Highest p99 latency per cell label, ms (`"L1 hit": 0.005`), reported with the targets. */
  p99Targets?: Readonly<Record<string, number>>;
  /** The cell labels this configuration runs in (default: every cell of the scenario). */
  cells?: readonly string[];
  /** Most p99 latency (ms) this configuration may add to the baseline's, per cell label (`{ "c=1": 1 }`). */
  maxAddedP99Ms?: Readonly<Record<string, number>>;
  /** Configurations this one must beat (median throughput), reported with the targets. */
  aheadOf?: string[];
  /** Runs in the orchestrator (a spawned tool such as redis-benchmark), not in a worker. */
  external?: (env: BenchEnv, cell: CellParams) => Promise<Measurement>;
}

export interface CellDefinition {
  label: string;
  params: CellParams;
}

/** Which Redis a scenario needs: the shared server, the local cluster, none, or its own server killed before the cells run. */
export type ServerNeed = "shared" | "cluster" | "none" | "killed";

/** One scenario: one table of docs/benchmarks.md. */
export interface ScenarioDefinition {
  id: string;
  title: string;
  unit: string;
  /** `memory`: a table of RSS and error counts instead of throughput ratios. Default `throughput`. */
  kind?: "throughput" | "memory";
  /** How the cell is measured (Markdown, one paragraph). */
  method: string;
  server: ServerNeed;
  configs: ConfigDefinition[];
  cells: CellDefinition[];
  /** A scenario-specific figure from `Measurement.extra` shown as one more column (median over rounds). */
  extraColumn?: { key: string; label: string; digits: number };
  /** Shows the p50 and p99 latency each row adds to the cell's baseline (two more columns). */
  addedLatency?: boolean;
  /** Overrides `timing.rounds` (e.g. 1 for the memory run). */
  rounds?: number;
  /** At least this many rounds in a full run (small differences between rows need more pairs). */
  minRounds?: number;
  /**
   * Every configuration in one worker process, one after another, instead of one process each:
   * for configurations that differ only in something switched at run time (a tracing
   * subscriber), so per-process JIT and heap differences do not masquerade as their difference.
   * Peak RSS is then the process's, not the configuration's.
   */
  oneProcess?: boolean;
}

/** Worker-side half of a scenario: how to build each non-external configuration. */
export type ScenarioFactories = Record<string, ConfigFactory>;

/** The target of `config` in the cell labelled `cell`, if it has one. */
export function targetOf(config: ConfigDefinition, cell: string): number | undefined {
  return config.targets?.[cell] ?? config.target;
}
