import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { blockedClients, connectSharedRaw, randomKey, sharedRedisFromEnv, waitFor } from "@redis-interface/testing";
import { createConsumer } from "../src/index.js";
import { streamName } from "./support/servers.js";

describe.each([
  ["the pool", (pool: RedisConnectionPool): RedisConnection => pool],
  ["a withKeyPrefix view", (pool: RedisConnectionPool): RedisConnection => pool.withKeyPrefix(randomKey("view"))],
])("closing the pool behind a worker on %s", (_title, through) => {
  it("ends a worker blocked in XREADGROUP BLOCK 30000 at once: close() resolves well under the BLOCK time and the worker stops running", async () => {
    const raw = await connectSharedRaw(false);
    const pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
    try {
      const { stream } = streamName("poolClose");
      const consumer = createConsumer(through(pool), { stream, group: "g", consumer: "w1", blockMs: 30_000, handler: () => undefined });
      const before = await blockedClients(raw, "xreadgroup");
      await consumer.start();
      await waitFor(async () => [...(await blockedClients(raw, "xreadgroup"))].some((id) => !before.has(id)), { timeoutMs: 10_000, description: "the worker's XREADGROUP blocked on the server" });
      const started = performance.now();
      await pool.close();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(consumer.stats().running).toBe(false);
      await consumer.stop({ timeoutMs: 1_000 });
      await waitFor(async () => [...(await blockedClients(raw, "xreadgroup"))].every((id) => before.has(id)), { timeoutMs: 10_000, description: "the worker's connection gone" });
    } finally {
      await pool.close();
      raw.disconnect();
    }
  });
});
