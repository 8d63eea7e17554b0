import { spawn } from "node:child_process";
import { RedisCpuMeter } from "../harness/redis-cpu.js";
import type { BenchEnv, CellParams, Measurement } from "../harness/types.js";
import { KEY_COUNT } from "./workload.js";

/** One row of `redis-benchmark --csv`. */
export interface RedisBenchmarkRow {
  test: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Parses `redis-benchmark --csv` output (Redis 7: a header line, then one quoted line per test:
 * test, rps, avg, min, p50, p95, p99, max latency in ms).
 * @throws Error when the header or a row is malformed.
 */
export function parseRedisBenchmarkCsv(text: string): RedisBenchmarkRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const cells = (line: string) => line.split(",").map((cell) => cell.trim().replace(/^"|"$/g, ""));
  const header = cells(lines[0] ?? "");
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`redis-benchmark CSV has no "${name}" column: ${lines[0] ?? "(empty output)"}`);
    return index;
  };
  const [test, rps, p50, p99] = [column("test"), column("rps"), column("p50_latency_ms"), column("p99_latency_ms")];
  return lines.slice(1).map((line) => {
    const row = cells(line);
    const parsed = { test: row[test] ?? "", rps: Number(row[rps]), p50Ms: Number(row[p50]), p99Ms: Number(row[p99]) };
    if (parsed.test === "" || !(parsed.rps > 0) || Number.isNaN(parsed.p50Ms) || Number.isNaN(parsed.p99Ms)) throw new Error(`malformed redis-benchmark CSV line: ${line}`);
    return parsed;
  });
}

/**
 * SET then GET, `-n` requests each, combined into one rate (total requests / total time, the
 * harmonic mean of the two rates); latency percentiles are the mean of the two tests'.
 */
export function combineSetGet(rows: readonly RedisBenchmarkRow[]): Pick<Measurement, "ops" | "p50Ms" | "p99Ms"> {
  const set = rows.find((row) => row.test === "SET");
  const get = rows.find((row) => row.test === "GET");
  if (!set || !get) throw new Error(`redis-benchmark output lacks SET or GET: ${rows.map((row) => row.test).join(",")}`);
  return { ops: 2 / (1 / set.rps + 1 / get.rps), p50Ms: (set.p50Ms + get.p50Ms) / 2, p99Ms: (set.p99Ms + get.p99Ms) / 2 };
}

function run(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-benchmark", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`redis-benchmark ${args.join(" ")} ended with ${signal ?? `code ${code}`}: ${err || out}`));
    });
  });
}

/**
 * `redis-benchmark -c N -P 16 -d 100 -r 10000 -t set,get --csv` against the shared server: the
 * server's own limit with the same number of connections, 16 commands in flight on each.
 */
export async function runRedisBenchmark(env: BenchEnv, cell: CellParams): Promise<Measurement> {
  const concurrency = cell.concurrency ?? 50;
  const args = ["-h", env.host, "-p", String(env.port), "-c", String(concurrency), "-P", "16", "-d", "100", "-r", String(KEY_COUNT)];
  args.push("-n", String(env.timing.rbRequests), "-t", "set,get", "--csv");
  const redisCpu = new RedisCpuMeter(env.redisPids);
  redisCpu.start();
  const output = await run(args, 120_000);
  return { ...combineSetGet(parseRedisBenchmarkCsv(output)), redisCpuPct: redisCpu.stop() };
}
