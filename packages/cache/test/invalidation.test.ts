import { type RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { randomKey, waitFor } from "@redis-interface/testing";
import { createCache, type CacheInvalidation, type RedisCache } from "../src/index.js";
import { connectPool, healthy, warm } from "./support/pools.js";

const MODES: Array<[string, CacheInvalidation, boolean]> = [
  ["tracking, standalone", "tracking", false],
  ["tracking, cluster", "tracking", true],
  ["broadcast, standalone", "broadcast", false],
  ["broadcast, cluster", "broadcast", true],
  ["pubsub, standalone", { pubsub: `cache-test-${randomKey("ch")}` }, false],
];

describe.each(MODES)("invalidation (%s)", (_name, invalidation, cluster) => {
  let pool: RedisConnectionPool;
  let other: RedisConnectionPool;
  let cache: RedisCache;
  const view = () => pool.withKeyPrefix("{cachetest}");

  beforeAll(async () => {
    [pool, other] = await Promise.all([connectPool(cluster), connectPool(cluster)]);
  });
  afterAll(() => Promise.all([pool.close(), other.close()]));
  beforeEach(async () => {
    cache = createCache(view(), { invalidation });
    await healthy(cache);
  });
  afterEach(() => cache.close());

  it("reads what kv wrote, and kv reads what the cache wrote (the connection's codec)", async () => {
    const key = randomKey("interop");
    const store = kv(other.withKeyPrefix("{cachetest}"));
    await store.serializeAndSetKey(key, { amount: 1000n, at: new Date(0) });
    expect(await cache.get(key)).toEqual({ amount: 1000n, at: new Date(0) });
    await cache.set(`${key}:2`, { id: "pay_1" });
    expect(await store.getAndDeserializeKey(`${key}:2`, "Payment")).toEqual({ id: "pay_1" });
    expect(await cache.get(randomKey("missing"))).toBeUndefined();
  });

  it("a write by another client drops the L1 copy", async () => {
    const key = randomKey("write");
    const writer = kv(other.withKeyPrefix("{cachetest}"));
    await writer.serializeAndSetKey(key, "v1");
    expect(await warm(cache, key)).toBe("v1");
    if (typeof invalidation === "object") {
      // pub/sub mode: only writes through a cache (or a publisher of the channel) invalidate.
      const peer = createCache(other.withKeyPrefix("{cachetest}"), { invalidation });
      await healthy(peer);
      await peer.set(key, "v2");
      await peer.close();
    } else {
      await writer.serializeAndSetKey(key, "v2");
    }
    await waitFor(async () => (await cache.get(key)) === "v2", { timeoutMs: 30_000, description: "the new value" });
    expect(cache.stats().invalidations).toBeGreaterThanOrEqual(1);
  });

  it("invalidate and clear drop the L1 copies of every instance, Redis untouched", async () => {
    const key = randomKey("inv");
    const peer = createCache(other.withKeyPrefix("{cachetest}"), { invalidation });
    await healthy(peer);
    await kv(other.withKeyPrefix("{cachetest}")).serializeAndSetKey(key, "v1");
    await warm(cache, key);
    await warm(peer, key);
    await cache.invalidate(key);
    await waitFor(() => peer.stats().entries === 0, { timeoutMs: 30_000, description: "the peer's copy to be dropped" });
    expect(await peer.get(key)).toBe("v1");
    await warm(cache, key);
    await peer.clear();
    await waitFor(() => cache.stats().entries === 0, { timeoutMs: 30_000, description: "clear to reach the other instance" });
    await peer.close();
  });
});

describe("tenant views", () => {
  it("two views' caches share no entry and no invalidation", async () => {
    const pool = await connectPool(false);
    const a = createCache(pool.withKeyPrefix("tenant_a"));
    const b = createCache(pool.withKeyPrefix("tenant_b"));
    try {
      await Promise.all([healthy(a), healthy(b)]);
      const key = randomKey("t");
      await a.set(key, "A");
      await b.set(key, "B");
      expect(await warm(a, key)).toBe("A");
      expect(await warm(b, key)).toBe("B");
      await kv(pool.withKeyPrefix("tenant_a")).serializeAndSetKey(key, "A2");
      await waitFor(() => a.stats().entries === 0, { timeoutMs: 30_000, description: "tenant a's copy to be dropped" });
      expect(b.stats().entries).toBe(1);
      expect(await b.get(key)).toBe("B");
      await a.clear();
      expect(b.stats().entries).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await pool.close();
    }
  });
});

describe("options and closing", () => {
  it("rejects unknown or bad options with INVALID_ARGUMENT before any I/O", () => {
    const connection = {} as never;
    for (const options of [{ maxEntrys: 1 }, { ttlMs: 0 }, { invalidation: "bcast" }, { invalidation: { pubsub: "" } }, { invalidation: { pubsub: "c", extra: 1 } }, { crossInstanceSingleFlight: "yes" }, { maxStalenessMs: 1.5 }]) {
      expect(() => createCache(connection, options as never)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    }
  });

  it("rejects bad arguments with INVALID_ARGUMENT, and everything with CLOSED after close() or the pool's close", async () => {
    const pool = await connectPool(false);
    const cache = createCache(pool);
    const other = createCache(pool);
    await Promise.all([healthy(cache), healthy(other)]);
    await expect(cache.get("")).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(cache.getOrLoad("k", "x" as never)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(cache.set("k", 1, { ttl: 5 } as never)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(cache.set("k", undefined)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await cache.close();
    await expect(cache.get("k")).rejects.toMatchObject({ code: "CLOSED", name: "RedisError" });
    await pool.close();
    expect(other.stats().bypassing).toBe(true);
    await expect(other.get("k")).rejects.toMatchObject({ code: "CLOSED", name: "RedisError" });
    await expect(other.getOrLoad("k", () => 1)).rejects.toMatchObject({ code: "CLOSED", name: "RedisError" });
  });
});
