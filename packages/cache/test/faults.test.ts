import { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { randomKey, startRedis, waitFor, type RedisServerHandle } from "@redis-interface/testing";
import { Redis } from "ioredis";
import { createCache, type RedisCache } from "../src/index.js";
import { healthy, warm } from "./support/pools.js";

/** Faults that touch a whole server (FLUSHALL, CLIENT KILL, SIGSTOP) run on a server of their own. */
describe("faults (own redis-server)", () => {
  let server: RedisServerHandle;
  let pool: RedisConnectionPool;
  let admin: Redis;
  let cache: RedisCache;

  beforeAll(async () => {
    server = await startRedis();
    admin = new Redis({ port: server.port });
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });
  beforeEach(async () => {
    pool = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    cache = createCache(pool, { maxStalenessMs: 400 });
    await healthy(cache);
  });
  afterEach(async () => {
    await cache.close();
    await pool.close();
  });

  it("FLUSHALL (a null invalidation) empties L1", async () => {
    const key = randomKey("flush");
    await kv(pool).serializeAndSetKey(key, "v1");
    await warm(cache, key);
    await admin.flushall();
    await waitFor(() => cache.stats().entries === 0, { timeoutMs: 30_000, description: "L1 to be emptied" });
    expect(await cache.get(key)).toBeUndefined();
  });

  it("CLIENT KILL of the invalidation connection: L1 emptied and bypassed, then tracking re-established", async () => {
    const key = randomKey("kill");
    await kv(pool).serializeAndSetKey(key, "v1");
    await warm(cache, key);
    const list = String(await admin.client("LIST"));
    const ids = list.split("\n").filter((line) => line.includes(" resp=2") && line.includes(" sub=")).map((line) => /id=(\d+)/.exec(line)?.[1]);
    expect(ids.length).toBeGreaterThan(0);
    const before = cache.stats().invalidations;
    for (const id of ids) await admin.client("KILL", "ID", String(id));
    await waitFor(() => cache.stats().entries === 0, { timeoutMs: 30_000, description: "L1 to be emptied" });
    expect(cache.stats().invalidations).toBe(before + 1);
    // A write while the link is down must be seen: L1 holds nothing from before.
    await kv(pool).serializeAndSetKey(key, "v2");
    expect(await cache.get(key)).toBe("v2");
    await healthy(cache);
    expect(await warm(cache, key)).toBe("v2");
    // Tracking works again: another write drops the new copy.
    await kv(pool).serializeAndSetKey(key, "v3");
    await waitFor(async () => (await cache.get(key)) === "v3", { timeoutMs: 30_000, description: "the write after recovery" });
  });

  it("CLIENT KILL of the tracked reader: L1 emptied (its keys are no longer tracked), then tracking re-established", async () => {
    const key = randomKey("reader");
    await kv(pool).serializeAndSetKey(key, "v1");
    await warm(cache, key);
    const list = String(await admin.client("LIST"));
    const ids = list.split("\n").filter((line) => line.includes(" flags=t")).map((line) => /id=(\d+)/.exec(line)?.[1]);
    expect(ids.length).toBe(1);
    await admin.client("KILL", "ID", String(ids[0]));
    await waitFor(() => cache.stats().entries === 0, { timeoutMs: 30_000, description: "L1 to be emptied" });
    await healthy(cache);
    await warm(cache, key);
    await kv(pool).serializeAndSetKey(key, "v2");
    await waitFor(async () => (await cache.get(key)) === "v2", { timeoutMs: 30_000, description: "the write after recovery" });
  });

  it("a frozen Redis (SIGSTOP): the late heartbeat bypasses and empties L1 within maxStalenessMs, and L1 is used again after", async () => {
    const key = randomKey("frozen");
    await kv(pool).serializeAndSetKey(key, "v1");
    await warm(cache, key);
    server.freeze();
    try {
      const frozenAt = performance.now();
      await waitFor(() => cache.stats().bypassing, { timeoutMs: 30_000, intervalMs: 5, description: "bypassing" });
      // The bound plus one heartbeat interval of timer slack on a loaded machine.
      expect(performance.now() - frozenAt).toBeLessThan(400 + 2_000);
      expect(cache.stats().entries).toBe(0);
    } finally {
      server.thaw();
    }
    await healthy(cache);
    expect(await warm(cache, key)).toBe("v1");
  });
});
