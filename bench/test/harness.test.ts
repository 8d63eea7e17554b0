import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL } from "@redis-interface/core";
import { startRedis, type RedisServerHandle } from "@redis-interface/testing";
import { Redis } from "ioredis";
import type { CellRecord, ScenarioResult } from "../src/harness/run-scenario.js";
import { runAlternatingLoop } from "../src/harness/alternating-loop.js";
import { latencyPercentiles, median, pairedRatios, quantile, spread } from "../src/harness/stats.js";
import { QUICK_TIMING } from "../src/harness/timing.js";
import type { BenchEnv, ConfigFactory, Measurement } from "../src/harness/types.js";
import { checkTargets, renderReport } from "../src/report/markdown.js";
import { summarize } from "../src/report/summary.js";
import { chartBars, renderRatioChart } from "../src/report/svg.js";
import { getSetFactories, getSetScenario } from "../src/scenarios/get-set.js";
import { getSetOneProcessScenario } from "../src/scenarios/get-set-one-process.js";
import { combineSetGet, parseRedisBenchmarkCsv, runRedisBenchmark } from "../src/scenarios/redis-benchmark.js";
import { tracingOverheadFactories, tracingOverheadScenario } from "../src/scenarios/tracing-overhead.js";
import { VALUE_100B, keyOf, makeKeys } from "../src/scenarios/workload.js";

describe("stats", () => {
  it("takes medians, nearest-rank quantiles and paired ratios", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    const ascending = Float64Array.from({ length: 1000 }, (_, index) => index + 1);
    expect(quantile(ascending, 0.5)).toBe(500);
    expect(quantile(ascending, 0.99)).toBe(990);
    expect(quantile(ascending, 1)).toBe(1000);
    const shuffled = Float64Array.from({ length: 1000 }, (_, index) => ((index * 7919) % 1000) + 1);
    expect(latencyPercentiles(shuffled, 1000)).toEqual({ p50Ms: 500, p99Ms: 990 });
    expect(latencyPercentiles(shuffled, 0).p50Ms).toBeNaN();
    expect(spread([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(pairedRatios([10, 20, 30], [5, 0, 10])).toEqual([2, 3]);
  });
});

describe("per-cell targets", () => {
  it("checks each cell against its own target, falling back to the configuration's", () => {
    const definition = {
      ...getSetOneProcessScenario,
      configs: [
        { id: "ours", label: "ours", role: "subject" as const, target: 0.5, targets: { "c=50": 1.3 } },
        { id: "raw", label: "raw", role: "baseline" as const },
      ],
    };
    const at = (ops: number): CellRecord[] => [{ round: 0, measurement: { ops }, load1: 0 }];
    const records: ScenarioResult["records"] = {
      ours: { "c=1": at(60), "c=50": at(120), "c=1000": at(300) },
      raw: { "c=1": at(100), "c=50": at(100), "c=1000": at(100) },
    };
    const rows = summarize({ definition, records, rounds: 1, elapsedMs: 1 }).filter((row) => row.config.id === "ours");
    expect(rows.map((row) => [row.cell, row.target, row.met])).toEqual([
      ["c=1", 0.5, true],
      ["c=50", 1.3, false],
      ["c=1000", 0.5, true],
    ]);
    const checks = checkTargets([{ definition, rows, rounds: 1, elapsedMs: 1 }]);
    expect(checks.map((check) => check.met)).toEqual([true, false, true]);
    expect(checks[1]?.target).toContain("c=50: ours ≥ 1.3× raw");
    expect(getSetOneProcessScenario.oneProcess).toBe(true);
  });
});

describe("added latency", () => {
  it("subtracts the baseline's p50 and p99 in the same cell and checks maxAddedP99Ms where a cell has one", () => {
    const definition = {
      ...getSetOneProcessScenario,
      addedLatency: true,
      configs: [
        { id: "ours", label: "ours", role: "subject" as const, maxAddedP99Ms: { "c=1": 1 } },
        { id: "bare", label: "bare", role: "baseline" as const },
      ],
      cells: [
        { label: "c=1", params: { concurrency: 1 } },
        { label: "c=50", params: { concurrency: 50 } },
      ],
    };
    const at = (p50Ms: number, p99Ms: number): CellRecord[] => [{ round: 0, measurement: { ops: 100, p50Ms, p99Ms }, load1: 0 }];
    const check = (oursP99: number) => {
      const records: ScenarioResult["records"] = { ours: { "c=1": at(0.5, oursP99), "c=50": at(9, 30) }, bare: { "c=1": at(0.25, 2), "c=50": at(4, 20) } };
      const rows = summarize({ definition, records, rounds: 1, elapsedMs: 1 });
      return { rows, checks: checkTargets([{ definition, rows, rounds: 1, elapsedMs: 1 }]) };
    };
    const within = check(2.75);
    const ours = within.rows.filter((row) => row.config.id === "ours");
    expect(ours.map((row) => [row.cell, row.addedP50Ms, row.addedP99Ms, row.latencyMet])).toEqual([
      ["c=1", 0.25, 0.75, true],
      ["c=50", 5, 10, undefined],
    ]);
    expect(within.checks.map((entry) => [entry.target, entry.met])).toEqual([[expect.stringContaining("c=1: ours adds ≤ 1 ms p99 to bare"), true]]);
    expect(check(3.5).checks.map((entry) => [entry.measured, entry.met])).toEqual([["+1.50 ms p99 (+0.250 ms p50)", false]]);
    const markdown = renderReport({ machine: { date: "d", cpuModel: "c", cores: 2, memoryGb: 1, kernel: "k", node: "n", redisServer: "r", packages: {} }, timing: "t", loadAtStart: "0", loadAtEnd: "0", elapsedMs: 1, command: "c", chartFile: "x.svg" }, [{ definition, rows: within.rows, rounds: 1, elapsedMs: 1 }]);
    expect(markdown).toContain("| added p50 ms | added p99 ms |");
    expect(markdown).toContain("| +0.250 | +0.75 ✅ |");
  });
});

describe("redis-benchmark CSV", () => {
  it("combines SET and GET as total requests over total time", () => {
    const rows = parseRedisBenchmarkCsv('"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"\n"SET","100000.00","0.5","0.1","0.400","0.9","1.000","2"\n"GET","300000.00","0.2","0.1","0.200","0.5","0.600","1"\n');
    const combined = combineSetGet(rows);
    expect(combined.ops).toBeCloseTo(150_000, 6);
    expect(combined.p50Ms).toBeCloseTo(0.3, 10);
    expect(combined.p99Ms).toBeCloseTo(0.8, 10);
    expect(() => parseRedisBenchmarkCsv('"test","rps"\n"SET","1"')).toThrow(/p50_latency_ms/);
    expect(() => parseRedisBenchmarkCsv('"test","rps","p50_latency_ms","p99_latency_ms"\n"SET","oops","1","2"')).toThrow(/malformed/);
  });
});

describe("a quick run against a real redis-server", () => {
  let server: RedisServerHandle;
  let env: BenchEnv;

  beforeAll(async () => {
    server = await startRedis();
    env = { host: server.host, port: server.port, clusterUrls: [], redisPids: [server.pid], timing: { ...QUICK_TIMING, warmMs: 50, durMs: 150, rbRequests: 2_000 } };
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("measures kv and raw ioredis GET/SET, parses redis-benchmark, and renders the table and the chart", async () => {
    const records: ScenarioResult["records"] = {};
    const record = (config: string, measurement: Measurement, round: number) => (((records[config] ??= {})["c=50"] ??= []) as CellRecord[]).push({ round, measurement, load1: 0 });
    for (const config of ["kv", "ioredis-ap-on"]) {
      const runner = await (getSetFactories[config] as NonNullable<(typeof getSetFactories)[string]>)(env);
      for (let round = 0; round < 2; round++) {
        const measured = await runner.run({ concurrency: 50 });
        expect(measured.ops).toBeGreaterThan(0);
        expect(measured.p50Ms as number).toBeLessThanOrEqual(measured.p99Ms as number);
        expect(measured.cpuUsPerOp).toBeGreaterThan(0);
        expect(measured.redisCpuPct).toBeGreaterThanOrEqual(0);
        expect(measured.peakRssMb).toBeGreaterThan(10);
        record(config, measured, round);
      }
      await runner.close();
    }
    const benchmark = await runRedisBenchmark(env, { concurrency: 5 });
    expect(benchmark.ops).toBeGreaterThan(0);
    record("redis-benchmark", benchmark, 0);

    // the workload really wrote the 100-byte values
    const client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
    await client.connect();
    expect(await client.get(keyOf(makeKeys("bench:kv"), 1))).toBe(VALUE_100B);
    await client.quit();

    const scenario = { ...getSetScenario, cells: [{ label: "c=50", params: { concurrency: 50 } }] };
    const rows = summarize({ definition: scenario, records, rounds: 2, elapsedMs: 1_000 });
    const kvRow = rows.find((row) => row.config.id === "kv");
    const rawRow = rows.find((row) => row.config.id === "ioredis-ap-on");
    expect(rawRow?.baselineId).toBe("ioredis-ap-on");
    expect(kvRow?.ratio).toBeCloseTo((kvRow?.ops.median ?? 0) / (rawRow?.ops.median ?? 1), 10);
    expect(kvRow?.met).toBe((kvRow?.ratio ?? 0) >= 0.95);
    expect(rows.find((row) => row.config.id === "node-redis")).toBeUndefined();

    const reported = [{ definition: scenario, rows, rounds: 2, elapsedMs: 1_000 }];
    expect(checkTargets(reported)).toHaveLength(1);
    const markdown = renderReport(
      {
        machine: { date: "2026-11-25T00:00:00Z", cpuModel: "test CPU", cores: 2, memoryGb: 1, kernel: "Linux", node: process.version, redisServer: "7", packages: { ioredis: "6.0.0" } },
        timing: "test",
        loadAtStart: "0.00, 0.00, 0.00",
        loadAtEnd: "0.00, 0.00, 0.00",
        elapsedMs: 1_000,
        command: "jest",
        chartFile: "chart.svg",
      },
      reported,
    );
    expect(markdown).toContain("| `kv(pool)`, default settings | c=50 |");
    expect(markdown).toContain("**1.00× (baseline)**");
    expect(markdown).toContain(`**${(kvRow?.ratio ?? 0).toFixed(2)}×**`);
    expect(markdown).toContain("![Throughput ratios](chart.svg)");

    const bars = chartBars([{ title: scenario.title, rows }]);
    expect(bars.map((bar) => bar.label)).toEqual(["kv(pool), default settings · c=50", "redis-benchmark -P 16 · c=50"]);
    const svg = renderRatioChart(bars, "test <chart>");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg.match(/<rect x="470"/g)).toHaveLength(2);
    expect(svg).toContain("test &lt;chart&gt;");
    expect(svg.match(/class="target"/g)).toHaveLength(1);
  }, 120_000);
});

describe("the tracing table against a real redis-server", () => {
  it("measures its four rows in one shared window per cell, each row taking its own share", async () => {
    const server = await startRedis();
    const env: BenchEnv = { host: server.host, port: server.port, clusterUrls: [], redisPids: [], timing: { ...QUICK_TIMING, warmMs: 50, durMs: 100 } };
    const runners = await Promise.all(tracingOverheadScenario.configs.map((config) => (tracingOverheadFactories[config.id] as ConfigFactory)(env)));
    try {
      const measured = [];
      for (const runner of runners) measured.push(await runner.run({ concurrency: 4 }));
      expect(new Set(measured).size).toBe(4);
      for (const measurement of measured) expect(measurement.ops).toBeGreaterThan(0);
      expect(tracingChannel(COMMAND_TRACE_CHANNEL).hasSubscribers).toBe(false);
    } finally {
      for (const runner of runners) await runner.close();
      await server.stop();
    }
  }, 60_000);
});

describe("an alternating loop", () => {
  it("charges each completion and slice to the mode active then, entering and leaving each mode in turn, forward then backward", async () => {
    const events: string[] = [];
    let active = "";
    const seenBy = new Map<string, number>();
    const modes = ["a", "b", "c"].map((name) => ({
      enter: () => {
        events.push(`+${name}`);
        active = name;
      },
      leave: () => {
        events.push(`-${name}`);
        active = "";
      },
    }));
    const op = async (): Promise<void> => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (active !== "") seenBy.set(active, (seenBy.get(active) ?? 0) + 1);
    };
    const measured = await runAlternatingLoop(op, modes, { concurrency: 4, warmMs: 20, measuredMsPerMode: 60, sliceMs: 30, settleMs: 10 });
    expect(events).toEqual(["+a", "-a", "+b", "-b", "+c", "-c", "+c", "-c", "+b", "-b", "+a", "-a"]);
    expect(measured).toHaveLength(3);
    for (const measurement of measured) {
      expect(measurement.ops).toBeGreaterThan(0);
      expect(measurement.cpuUsPerOp).toBeGreaterThan(0);
      expect(measurement.p50Ms).toBeGreaterThanOrEqual(0);
    }
    // completions while a mode was active were counted for it (the settle time is not counted: fewer or equal)
    for (const [index, name] of ["a", "b", "c"].entries()) {
      const counted = ((measured[index] as Measurement).ops * 60) / 1000;
      expect(counted).toBeLessThanOrEqual((seenBy.get(name) ?? 0) * 1.2 + 5);
    }
  });

  it("stops every caller and rejects with the operation's error", async () => {
    let calls = 0;
    const failing = async (): Promise<void> => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (++calls === 50) throw new Error("op failed");
    };
    const mode = { enter: () => undefined, leave: () => undefined };
    await expect(runAlternatingLoop(failing, [mode, mode], { concurrency: 3, warmMs: 5, measuredMsPerMode: 200, sliceMs: 20, settleMs: 5 })).rejects.toThrow("op failed");
  });
});
