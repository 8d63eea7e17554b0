import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { createConsumer } from "@redis-interface/consumer-groups";
import { pubsub } from "@redis-interface/pubsub";
import { streams } from "@redis-interface/streams";
import { blockedClients, connectSharedRaw, randomId, randomKey, rejection, sharedRedisFromEnv, waitFor } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";

/** How `promise` ended, or "pending" when it has not within `ms` (a hang fails the expectation instead of the test's timeout). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "pending"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<"pending">((resolve) => (timer = setTimeout(() => resolve("pending"), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe("closing the pool behind a tenant view", () => {
  it("ends at once the tenant's message iterator (done), its worker and its blocking read (CLOSED)", async () => {
    const raw = await connectSharedRaw(false);
    const pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
    try {
      const tenant = forTenant(pool, `t${randomId()}`);
      const stream = pubsub(tenant).messages<string>(randomKey("channel"));
      await stream.ready;
      const iterating = (async () => {
        for await (const message of stream) void message;
        return "ended";
      })();
      const before = await blockedClients(raw, "xreadgroup");
      const beforeReads = await blockedClients(raw, "xread");
      const worker = createConsumer(tenant, { stream: randomKey("events"), group: "g", consumer: "w1", blockMs: 30_000, handler: () => undefined });
      await worker.start();
      const reading = rejection(streams(tenant).streamReadWithOptions(randomKey("read"), "$", { blockMs: 30_000 }));
      await waitFor(async () => [...(await blockedClients(raw, "xreadgroup"))].some((id) => !before.has(id)), { timeoutMs: 10_000, description: "the worker's XREADGROUP blocked" });
      await waitFor(async () => [...(await blockedClients(raw, "xread"))].some((id) => !beforeReads.has(id)), { timeoutMs: 10_000, description: "the XREAD blocked" });

      const started = performance.now();
      await pool.close();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(await within(iterating, 5_000)).toBe("ended");
      expect(worker.stats().running).toBe(false);
      expect(isRedisError(await within(reading, 5_000), "CLOSED")).toBe(true);
    } finally {
      await pool.close();
      raw.disconnect();
    }
  });
});
