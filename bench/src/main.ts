// `pnpm bench`: starts its own redis-server (and a local cluster), runs every scenario in worker
// processes, and writes docs/benchmarks.md + docs/benchmarks.svg (quick or partial runs write
// to bench/dist/ instead, so the committed report always comes from a full run).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from "@redis-interface/testing";
import { Redis } from "ioredis";
import { runScenario } from "./harness/run-scenario.js";
import { timingFromEnv } from "./harness/timing.js";
import type { BenchEnv, ScenarioDefinition, Timing } from "./harness/types.js";
import { loadAverage, machineInfo } from "./report/machine.js";
import { renderReport, targetLines, type ReportedScenario } from "./report/markdown.js";
import { summarize } from "./report/summary.js";
import { chartBars, renderRatioChart } from "./report/svg.js";
import { SCENARIOS } from "./scenarios/index.js";

const BENCH_ROOT = fileURLToPath(new URL("../", import.meta.url));
const REPO_ROOT = join(BENCH_ROOT, "..");

function log(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
}

function selectedScenarios(): ScenarioDefinition[] {
  const only = process.env.BENCH_ONLY?.split(",").map((id) => id.trim()).filter(Boolean);
  const all = SCENARIOS.map((scenario) => scenario.definition);
  if (!only || only.length === 0) return all;
  const unknown = only.filter((id) => !all.some((definition) => definition.id === id));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown scenario(s) ${unknown.join(", ")}; known: ${all.map((definition) => definition.id).join(", ")}`);
  return all.filter((definition) => only.includes(definition.id));
}

function describeTiming(timing: Timing): string {
  return (
    `${timing.quick ? "QUICK (BENCH_QUICK=1) — smoke run, not for comparison; " : ""}${timing.rounds} rounds; closed-loop cells: ${timing.warmMs} ms warm-up + ${timing.durMs} ms measured; ` +
    `consumer drains ${timing.drainEntries.toLocaleString("en-US")} entries; codec cells ${timing.microMs} ms; redis-benchmark -n ${timing.rbRequests.toLocaleString("en-US")}; ` +
    `memory: ${timing.memoryCommands.toLocaleString("en-US")} commands`
  );
}

/** `rounds` of the definition, else `BENCH_ROUNDS`, else the timing's rounds raised to the definition's `minRounds` (not in a quick run). */
function roundsOf(definition: ScenarioDefinition, timing: Timing): number {
  if (definition.rounds !== undefined) return definition.rounds;
  if (timing.quick || process.env.BENCH_ROUNDS !== undefined) return timing.rounds;
  return Math.max(timing.rounds, definition.minRounds ?? 0);
}

async function serverVersion(server: RedisServerHandle): Promise<string> {
  const client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await client.connect();
  const info = await client.info("server");
  await client.quit();
  return /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const timing = timingFromEnv();
  const scenarios = selectedScenarios();
  const partial = timing.quick || scenarios.length !== SCENARIOS.length || process.env.BENCH_ROUNDS !== undefined;
  const profileDir = process.env.BENCH_CPU_PROF;
  const execArgv = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const loadAtStart = loadAverage();
  log(`bench: ${scenarios.map((definition) => definition.id).join(", ")}; ${describeTiming(timing)}; load average ${loadAtStart}`);

  const server = await startRedis();
  let cluster: RedisClusterHandle | undefined;
  const reported: ReportedScenario[] = [];
  try {
    const redisVersion = await serverVersion(server);
    const machine = machineInfo(redisVersion);
    const shared: BenchEnv = { host: server.host, port: server.port, clusterUrls: [], redisPids: [server.pid], timing };
    for (const definition of scenarios) {
      log(`${definition.id}: ${definition.title}`);
      let env: BenchEnv = { ...shared, redisPids: definition.server === "none" ? [] : shared.redisPids };
      let doomed: RedisServerHandle | undefined;
      if (definition.server === "cluster") {
        cluster ??= await startRedisCluster({ masters: 3, replicas: 0 });
        const masters = cluster.nodes.filter((node) => node.role === "master");
        env = { ...shared, clusterUrls: masters.map((node) => `${node.host}:${node.port}`), redisPids: masters.map((node) => node.pid) };
      } else if (definition.server === "killed") {
        doomed = await startRedis();
        env = { ...shared, port: doomed.port, redisPids: [] };
      }
      try {
        const result = await runScenario(definition, {
          env,
          rounds: roundsOf(definition, timing),
          execArgv,
          log,
          beforeCells: doomed ? () => (doomed as RedisServerHandle).kill() : undefined,
        });
        reported.push({ definition, rows: summarize(result), rounds: result.rounds, elapsedMs: result.elapsedMs });
      } finally {
        await doomed?.stop();
      }
      if (definition.server === "cluster") {
        await cluster?.stop();
        cluster = undefined;
      }
    }
    const outDir = partial ? join(BENCH_ROOT, "dist") : join(REPO_ROOT, "docs");
    mkdirSync(outDir, { recursive: true });
    const chartFile = "benchmarks.svg";
    const bars = chartBars(reported.filter((scenario) => scenario.definition.kind !== "memory").map((scenario) => ({ title: scenario.definition.title, rows: scenario.rows })));
    writeFileSync(join(outDir, chartFile), renderRatioChart(bars, `redis-interface vs alternatives — ${machine.date.slice(0, 10)}, ${machine.cores} cores`));
    const peakLoad = Math.max(Number(loadAtStart.split(",")[0]), os.loadavg()[0] ?? 0);
    const run = {
      warning:
        peakLoad > machine.cores
          ? `the 1-minute load average reached ${peakLoad.toFixed(1)} on ${machine.cores} cores during this run (other jobs shared the machine), so throughput, latency and ` +
            "especially the c=1 rows moved a lot between rounds (see the ranges). Client CPU per operation is the steadier comparison; a quiet machine gives higher, tighter figures."
          : undefined,
      machine,
      timing: describeTiming(timing),
      loadAtStart,
      loadAtEnd: loadAverage(),
      elapsedMs: performance.now() - startedAt,
      command: partial ? "pnpm bench (partial or quick run)" : "pnpm bench",
      chartFile,
    };
    writeFileSync(join(outDir, "benchmarks.md"), renderReport(run, reported));
    writeFileSync(join(BENCH_ROOT, "dist", "results.json"), JSON.stringify({ run, scenarios: reported }, null, 1));
    for (const line of targetLines(reported)) log(line);
    log(`wrote ${join(outDir, "benchmarks.md")} and ${chartFile} in ${((performance.now() - startedAt) / 1000).toFixed(0)} s; load average ${run.loadAtEnd}`);
  } finally {
    await cluster?.stop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
