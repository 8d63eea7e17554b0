import type { CellParams, Measurement } from "./types.js";

/** Orchestrator → worker. */
/** `config` names the configuration when one worker hosts them all (`ScenarioDefinition.oneProcess`). */
export type HostMessage = { type: "run"; cell: CellParams; config?: string } | { type: "close" };

/** Worker → orchestrator. */
export type WorkerMessage =
  | { type: "ready" }
  | { type: "result"; measurement: Measurement }
  | { type: "error"; message: string }
  | { type: "closed" };

/** Environment variable carrying the JSON `BenchEnv` to a worker. */
export const WORKER_ENV_VARIABLE = "BENCH_WORKER_ENV";
