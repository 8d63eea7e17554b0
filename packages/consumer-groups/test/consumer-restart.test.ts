import { RedisConnectionPool } from "@redis-interface/core";
import { startRedis, type RedisServerHandle } from "@redis-interface/testing";
import { producerAndWorkerSurvive } from "./support/restart-scenario.js";

describe("restart test: redis-server (AOF) killed and restarted under a producer and a worker", () => {
  let server: RedisServerHandle;
  let pool: RedisConnectionPool;

  beforeAll(async () => {
    server = await startRedis({ args: ["--save", "", "--appendonly", "yes", "--appendfsync", "always"] });
    pool = await RedisConnectionPool.connect({ port: server.port, poolSize: 2, reconnectMaxAttempts: 0, reconnectDelayMs: 20, reconnectMaxDelayMs: 200, defaultCommandTimeoutMs: 2_000, unresponsiveTimeoutMs: 1_000 });
  });

  afterAll(async () => {
    await pool?.close();
    await server?.stop();
  });

  it("processes every append that was acknowledged to the producer", async () => {
    const errors = await producerAndWorkerSurvive(pool, "payments:events", async (waitForFailures) => {
      await server.kill();
      await waitForFailures();
      await server.restart();
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => (error as { name?: string }).name === "RedisError")).toBe(true);
  });
});
