import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** What the run was measured on. */
export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  kernel: string;
  node: string;
  redisServer: string;
  packages: Record<string, string>;
}

/** The bench package's folder (this file is `bench/dist/report/machine.js` once built). */
const BENCH_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The version of a dependency installed for the bench package; `unknown` when it is not there. */
export function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(BENCH_ROOT, "node_modules", name, "package.json"), "utf8")) as { version?: string };
    return manifest.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** `load average: 1.05, 1.20, 1.31` as `uptime` prints it. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");
}

/** CPU, cores, memory, kernel, Node, redis-server and client library versions. */
export function machineInfo(redisServerVersion: string): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    redisServer: redisServerVersion,
    packages: Object.fromEntries(["ioredis", "redis", "bullmq", "superjson", "bentocache", "cache-manager"].map((name) => [name, packageVersion(name)])),
  };
}
