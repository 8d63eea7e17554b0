import type { Cluster, Redis } from "ioredis";
import type { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { randomId, rejection } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";
import { rawDelete, rawScan, sharedPool, sharedRaw } from "./support/servers.js";

describe.each([
  { title: "standalone", cluster: false, hashTag: false },
  { title: "cluster with hashTag", cluster: true, hashTag: true },
])("fallbackToUnprefixed — $title", ({ cluster, hashTag }) => {
  let pool: RedisConnectionPool;
  let raw: Redis | Cluster;
  let marker: string;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
    raw = await sharedRaw(cluster);
  });
  beforeEach(() => {
    marker = `fb${randomId()}`;
  });
  afterEach(async () => {
    await rawDelete(raw, await rawScan(raw, `*${marker}*`));
  });
  afterAll(async () => {
    await pool.close();
    raw.disconnect();
  });

  /** A tenant view that falls back, a bare store (the untenanted data of before), and the tenant's prefix. */
  function setUp(options: { fallbackToUnprefixed?: boolean } = { fallbackToUnprefixed: true }) {
    const tenant = forTenant(pool, `t${marker}`, { hashTag, ...options });
    return { tenant: kv(tenant), bare: kv(pool), prefix: tenant.keys.prefix, key: (name: string) => `${marker}:${name}` };
  }

  it("reads that miss under the prefix find the bare key: strings, bytes, exists, typed values", async () => {
    const { tenant, bare, key } = setUp();
    await bare.setKey(key("old"), "legacy");
    await bare.serializeAndSetKey(key("typed"), { amount: 5n, at: new Date(0) });
    expect(await tenant.getKey(key("old"))).toBe("legacy");
    expect((await tenant.getKeyBuffer(key("old")))?.toString()).toBe("legacy");
    expect(await tenant.exists(key("old"))).toBe(true);
    expect(await tenant.getAndDeserializeKey(key("typed"), "Payment")).toEqual({ amount: 5n, at: new Date(0) });
    expect(await tenant.getKey(key("nowhere"))).toBeNull();
    expect(await tenant.exists(key("nowhere"))).toBe(false);
    expect(await rejection(tenant.getAndDeserializeKey(key("nowhere"), "Payment"))).toMatchObject({ code: "NOT_FOUND", key: key("nowhere") });
  });

  it("multi-key reads fill only the missing positions from the bare keys, in the caller's order", async () => {
    const { tenant, bare, key } = setUp();
    await bare.setKey(key("a"), "bare a");
    await bare.setKey(key("b"), "bare b");
    await tenant.setKey(key("b"), "tenant b");
    await tenant.serializeAndSetKey(key("tb"), { v: 1 });
    await bare.serializeAndSetKey(key("ta"), { v: 0 });
    expect(await tenant.getMultipleKeys([key("a"), key("b"), key("c")])).toEqual(["bare a", "tenant b", null]);
    expect(await tenant.getAndDeserializeMultipleKeys([key("tb"), key("ta"), key("tc")], "V")).toEqual([{ v: 1 }, { v: 0 }, null]);
  });

  it("hash reads fall back too, and the tenant's own value wins over the bare one", async () => {
    const { tenant, bare, key } = setUp();
    await bare.setHashFields(key("h"), { f: "bare", g: "bare g" });
    await bare.serializeAndSetHashFieldIfNotExist(key("h"), "typed", [1, 2]);
    expect(await tenant.getHashField(key("h"), "f")).toBe("bare");
    expect(await tenant.getHashFields(key("h"))).toEqual({ f: "bare", g: "bare g", typed: expect.any(String) });
    expect(await tenant.getHashFieldAndDeserialize(key("h"), "typed", "Pair")).toEqual([1, 2]);
    await tenant.setHashFields(key("h"), { f: "own" });
    expect(await tenant.getHashField(key("h"), "f")).toBe("own");
    expect(await tenant.getHashFields(key("h"))).toEqual({ f: "own" });
    await tenant.setKey(key("s"), "own");
    await bare.setKey(key("s"), "bare");
    expect(await tenant.getKey(key("s"))).toBe("own");
  });

  it("writes and deletes never fall back: they act under the prefix only", async () => {
    const { tenant, bare, key, prefix } = setUp();
    await bare.setKey(key("old"), "legacy");
    await bare.setKey(key("counter"), "10");
    expect(await tenant.deleteKey(key("old"))).toBe("KeyNotDeleted");
    expect(await bare.getKey(key("old"))).toBe("legacy");
    expect(await tenant.incrementKey(key("counter"), 1)).toBe(1);
    expect(await bare.getKey(key("counter"))).toBe("10");
    await tenant.setKey(key("fresh"), "new");
    expect(await bare.getKey(key("fresh"))).toBeNull();
    expect(await raw.get(`${prefix}${key("fresh")}`)).toBe("new");
    expect(await tenant.scan(`${marker}:*`)).toEqual(expect.arrayContaining([key("counter"), key("fresh")]));
    expect(await tenant.scan(`${marker}:*`)).not.toContain(key("old"));
  });

  it("an error under the prefix is not retried on the bare key", async () => {
    const { tenant, bare, key } = setUp();
    await tenant.sadd(key("typed-wrong"), ["member"]);
    await bare.setKey(key("typed-wrong"), "a string");
    expect(await rejection(tenant.getKey(key("typed-wrong")))).toMatchObject({ code: "WRONG_TYPE", key: key("typed-wrong") });
  });

  it("without the option a miss stays a miss", async () => {
    const { tenant, bare, key } = setUp({});
    await bare.setKey(key("old"), "legacy");
    expect(await tenant.getKey(key("old"))).toBeNull();
    expect(await tenant.getMultipleKeys([key("old")])).toEqual([null]);
    expect(await tenant.exists(key("old"))).toBe(false);
  });

  it("a prefixed view of a falling-back tenant view falls back to the same name without the tenant", async () => {
    const tenant = forTenant(pool, `t${marker}`, { hashTag, fallbackToUnprefixed: true });
    const cache = kv(tenant.withKeyPrefix("cache"));
    await kv(pool.withKeyPrefix("cache")).setKey(`${marker}:k`, "shared cache entry");
    expect(await cache.getKey(`${marker}:k`)).toBe("shared cache entry");
    expect(tenant.withKeyPrefix("cache").keys.fallback?.prefix).toBe("cache:");
  });
});
