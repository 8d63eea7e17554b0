import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import { findFreePort, startRedis, startRedisCluster } from "../src/index.js";

/** redis-server processes that are children of this (Jest worker) process. */
function ownRedisChildren(): string[] {
  let out = "";
  try {
    out = execFileSync("ps", ["-o", "pid=,stat=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when there are no children
  }
  return out
    .split("\n")
    .filter((line) => line.includes("redis-server") && !/\sZ/.test(line));
}

describe("error paths", () => {
  const saved = { binary: process.env["REDISMS_SYSTEM_BINARY"], path: process.env["PATH"] };
  afterEach(() => {
    if (saved.binary === undefined) delete process.env["REDISMS_SYSTEM_BINARY"];
    else process.env["REDISMS_SYSTEM_BINARY"] = saved.binary;
    process.env["PATH"] = saved.path;
  });

  test("startRedisCluster without any redis-server binary explains how to get one", async () => {
    delete process.env["REDISMS_SYSTEM_BINARY"];
    process.env["PATH"] = "/nonexistent";
    await expect(startRedisCluster()).rejects.toThrow(/install.*redis-server.*REDISMS_SYSTEM_BINARY/s);
  });

  test("startRedisCluster with a bad REDISMS_SYSTEM_BINARY fails cleanly", async () => {
    process.env["REDISMS_SYSTEM_BINARY"] = "/nonexistent/redis-server";
    await expect(startRedisCluster({ masters: 1, replicas: 0 })).rejects.toThrow(/could not spawn/);
    expect(ownRedisChildren()).toEqual([]);
  });

  test("a cluster that cannot form ends every process it started", async () => {
    // nodes start fine but refuse CLUSTER commands, so formation fails after all 6 are up
    await expect(startRedisCluster({ args: ["--cluster-enabled", "no"] })).rejects.toThrow(/startRedisCluster failed/);
    expect(ownRedisChildren()).toEqual([]);
  });

  test("startRedis on a busy port rejects instead of silently using another port", async () => {
    const port = await findFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      await expect(startRedis({ port })).rejects.toThrow(new RegExp(`${port}.*in use`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    expect(ownRedisChildren()).toEqual([]);
  });
});
