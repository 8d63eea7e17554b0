import { RedisConnectionPool } from "@redis-interface/core";
import { startRedis, waitFor, type RedisServerHandle } from "@redis-interface/testing";
import { streams } from "@redis-interface/streams";
import { consumerGroups, createConsumer } from "../src/index.js";

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
    const stream = "payments:events";
    const acknowledged = new Set<string>();
    const processed = new Set<string>();
    const consumer = createConsumer(pool, {
      stream,
      group: "g",
      consumer: "w1",
      concurrency: 10,
      blockMs: 200,
      claimIdleMs: 1_000,
      claimIntervalMs: 200,
      retryDelayMs: 100,
      handler: (entry) => void processed.add(entry.id),
    });
    const errors: Error[] = [];
    consumer.on("error", (error) => errors.push(error));
    await consumer.start();

    let producing = true;
    let attempts = 0;
    const producer = (async () => {
      const s = streams(pool);
      while (producing) {
        attempts++;
        try {
          acknowledged.add(await s.streamAppendEntry(stream, "*", { n: String(attempts) }));
        } catch {
          // not acknowledged: the producer may retry; nothing is owed for it
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    })();

    await waitFor(() => processed.size >= 300, { description: "traffic before the crash" });
    await server.kill();
    await waitFor(() => attempts > acknowledged.size + 5, { description: "producer sees failures while Redis is down" });
    await server.restart();
    const target = acknowledged.size + 300;
    await waitFor(() => acknowledged.size >= target, { timeoutMs: 60_000, description: "traffic after the restart" });
    producing = false;
    await producer;

    await waitFor(() => [...acknowledged].every((id) => processed.has(id)), { timeoutMs: 60_000, intervalMs: 100, description: "every acknowledged append processed" });
    await waitFor(async () => (await consumerGroups(pool).consumerGroupPending(stream, "g")).count === 0, { description: "nothing pending" });
    await consumer.stop();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => (error as { name?: string }).name === "RedisError")).toBe(true);
  });
});
