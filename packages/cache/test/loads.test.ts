import type { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { randomKey, waitFor } from "@redis-interface/testing";
import { createCache, type RedisCache } from "../src/index.js";
import { connectPool, healthy, warm } from "./support/pools.js";

describe("getOrLoad", () => {
  let pool: RedisConnectionPool;
  const caches: RedisCache[] = [];
  const open = async (options: Parameters<typeof createCache>[1] = {}, on: RedisConnectionPool = pool): Promise<RedisCache> => {
    const cache = createCache(on, options);
    caches.push(cache);
    await healthy(cache);
    return cache;
  };

  beforeAll(async () => {
    pool = await connectPool(false);
  });
  afterEach(() => Promise.all(caches.splice(0).map((cache) => cache.close())));
  afterAll(() => pool.close());

  it("loads a cold key once for concurrent misses in a process, writes it to Redis, then serves L1", async () => {
    const cache = await open();
    const key = randomKey("sf");
    let calls = 0;
    const loader = async () => {
      calls++;
      await Promise.resolve();
      return { id: key };
    };
    const results = await Promise.all(Array.from({ length: 200 }, () => cache.getOrLoad(key, loader)));
    expect(results.every((result) => result?.id === key)).toBe(true);
    expect(calls).toBe(1);
    expect(await kv(pool).getAndDeserializeKey(key, "T")).toEqual({ id: key });
    expect(await warm(cache, key)).toEqual({ id: key });
    expect(await cache.getOrLoad(key, loader)).toEqual({ id: key });
    expect(calls).toBe(1);
    expect(cache.stats().loads).toBe(1);
  });

  it("crossInstanceSingleFlight: 10 instances × 1,000 concurrent getOrLoad of one cold key call the loader once", async () => {
    const pools = await Promise.all(Array.from({ length: 10 }, () => connectPool(false)));
    try {
      const instances = await Promise.all(pools.map((each) => open({ crossInstanceSingleFlight: true }, each)));
      const key = randomKey("xsf");
      let calls = 0;
      const loader = async () => {
        calls++;
        // The load takes a while, so the other instances find the lease held.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return "loaded";
      };
      const results = await Promise.all(instances.flatMap((cache) => Array.from({ length: 1_000 }, () => cache.getOrLoad(key, loader))));
      expect(results.length).toBe(10_000);
      expect(results.every((result) => result === "loaded")).toBe(true);
      expect(calls).toBe(1);
    } finally {
      await Promise.all(caches.splice(0).map((cache) => cache.close()));
      await Promise.all(pools.map((each) => each.close()));
    }
  });

  it("graceMs: after its key was deleted, a failing loader is answered with the last value (counted); without grace it rejects", async () => {
    const withGrace = await open({ graceMs: 60_000 });
    const without = await open();
    const key = randomKey("grace");
    await kv(pool).serializeAndSetKey(key, "last");
    await warm(withGrace, key);
    await warm(without, key);
    await kv(pool).deleteKey(key);
    await waitFor(() => withGrace.stats().entries === 0 && without.stats().entries === 0, { timeoutMs: 30_000, description: "the copies to be dropped" });
    const failing = () => Promise.reject(new Error("database down"));
    expect(await withGrace.getOrLoad(key, failing)).toBe("last");
    expect(withGrace.stats().staleServed).toBe(1);
    await expect(without.getOrLoad(key, failing)).rejects.toThrow("database down");
    expect(without.stats().staleServed).toBe(0);
  });

  it("negativeTtlMs: a loader's undefined is remembered (no second load) until another client writes the key", async () => {
    const cache = await open({ negativeTtlMs: 60_000 });
    const key = randomKey("neg");
    let calls = 0;
    const loader = () => {
      calls++;
      return undefined;
    };
    expect(await cache.getOrLoad(key, loader)).toBeUndefined();
    expect(await cache.getOrLoad(key, loader)).toBeUndefined();
    expect(calls).toBe(1);
    await kv(pool).serializeAndSetKey(key, "now here");
    await waitFor(async () => (await cache.getOrLoad(key, loader)) === "now here", { timeoutMs: 30_000, description: "the written value" });
    expect(calls).toBe(1);
  });

  it("the race: a write that lands while a miss is being loaded is not hidden by what the load found", async () => {
    const cache = await open({ negativeTtlMs: 60_000 });
    const key = randomKey("race");
    // Between the cache's read (a miss, now pending) and the end of the load, another client writes
    // the key; the invalidation arrives while the read is pending, so the miss must not be stored.
    const loader = async () => {
      const invalidations = cache.stats().invalidations;
      await kv(pool).serializeAndSetKey(key, "written meanwhile");
      await waitFor(() => cache.stats().invalidations > invalidations, { timeoutMs: 30_000, description: "the invalidation of the pending read" });
      return undefined;
    };
    expect(await cache.getOrLoad(key, loader)).toBeUndefined();
    await waitFor(async () => (await cache.get(key)) === "written meanwhile", { timeoutMs: 5_000, description: "the write made during the load" });
  });
});
