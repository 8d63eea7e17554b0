import type { ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { getSetFactories, getSetScenario } from "./get-set.js";

/**
 * The GET/SET table again with every client in ONE process, as in a user's service (one Node
 * process holds the pool next to everything else), instead of a process per client. This is the
 * table issue #16's targets are measured on.
 */
export const getSetOneProcessScenario: ScenarioDefinition = {
  id: "get-set-one-process",
  title: "GET/SET, 100-byte values, every client in one process",
  unit: "ops/s",
  method:
    "The GET/SET workload above, but the clients share one worker process (each connected and prefilled first, then measured one after " +
    "another, cell by cell, in an order rotated each round), as a service holds its Redis client next to everything else. Baseline: the " +
    "better raw ioredis configuration (one connection, auto-pipelining on or off) at that concurrency. redis-benchmark `-P 16` shows how " +
    "close a client gets to what the server can do on this machine.",
  server: "shared",
  oneProcess: true,
  minRounds: 5,
  configs: [
    { id: "kv", label: "`kv(pool)`, default settings", role: "subject", targets: { "c=1": 1.0, "c=50": 1.3, "c=1000": 2.0 } },
    { id: "ioredis-ap-off", label: "raw ioredis, 1 connection, auto-pipelining off", role: "baseline" },
    { id: "ioredis-ap-on", label: "raw ioredis, 1 connection, auto-pipelining on", role: "baseline" },
    { id: "node-redis", label: "node-redis 6 (`createClient`), 1 connection", role: "reference" },
    ...getSetScenario.configs.filter((config) => config.external !== undefined),
  ],
  cells: getSetScenario.cells,
};

export const getSetOneProcessFactories: ScenarioFactories = getSetFactories;
