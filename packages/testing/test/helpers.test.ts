import { createServer } from "node:net";
import { findFreePort, randomKey, resolveRedisServerBinary } from "../src/index.js";

describe("findFreePort", () => {
  test("returns a port that can be bound on 127.0.0.1, different on each call", async () => {
    const ports = await Promise.all(Array.from({ length: 5 }, () => findFreePort()));
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) {
      await new Promise<void>((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
      });
    }
  });

  test("withClusterBus keeps port + 10000 valid and free", async () => {
    const port = await findFreePort({ withClusterBus: true });
    expect(port).toBeLessThan(55_535);
    expect(port + 10_000).toBeLessThanOrEqual(65_535);
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(port + 10_000, "127.0.0.1", () => server.close(() => resolve()));
    });
  });
});

describe("randomKey", () => {
  test("is prefixed and unique per call", () => {
    const keys = Array.from({ length: 1_000 }, () => randomKey());
    expect(new Set(keys).size).toBe(1_000);
    for (const key of keys) expect(key).toMatch(/^test:[0-9a-f]+$/);
    expect(randomKey("orders")).toMatch(/^orders:[0-9a-f]+$/);
  });
});

describe("resolveRedisServerBinary", () => {
  const saved = { binary: process.env["REDISMS_SYSTEM_BINARY"], path: process.env["PATH"] };
  afterEach(() => {
    if (saved.binary === undefined) delete process.env["REDISMS_SYSTEM_BINARY"];
    else process.env["REDISMS_SYSTEM_BINARY"] = saved.binary;
    process.env["PATH"] = saved.path;
  });

  test("prefers REDISMS_SYSTEM_BINARY, then PATH, else undefined", () => {
    process.env["REDISMS_SYSTEM_BINARY"] = "/opt/custom/redis-server";
    expect(resolveRedisServerBinary()).toBe("/opt/custom/redis-server");
    delete process.env["REDISMS_SYSTEM_BINARY"];
    process.env["PATH"] = "/nonexistent:/usr/bin";
    expect(resolveRedisServerBinary()).toBe("/usr/bin/redis-server");
    process.env["PATH"] = "/nonexistent";
    expect(resolveRedisServerBinary()).toBeUndefined();
  });
});
