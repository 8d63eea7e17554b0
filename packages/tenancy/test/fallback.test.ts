import type { Cluster, Redis } from "ioredis";
import type { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { randomId, rejection } from "@redis-interface/testing";
import { forTenant, type TenantOptions } from "../src/index.js";
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

  /**
   * A tenant view that falls back for the legacy names `legacy_<marker>_…`, a bare store (the
   * untenanted data of before), and the tenant's prefix.
   */
  function setUp(options: TenantOptions = { fallbackToUnprefixed: { prefixes: [`legacy_${marker}_`] } }) {
    const tenant = forTenant(pool, `t${marker}`, { hashTag, ...options });
    return { tenant: kv(tenant), bare: kv(pool), prefix: tenant.keys.prefix, key: (name: string) => `legacy_${marker}_${name}` };
  }

  it("reads that miss under the prefix find a declared legacy bare key: strings, bytes, exists, typed values", async () => {
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

  it("names outside the declared prefixes never fall back", async () => {
    const { tenant, bare } = setUp();
    const undeclared = `other_${marker}`;
    await bare.setKey(undeclared, "not legacy");
    await bare.setHashFields(undeclared + "h", { f: "not legacy" });
    expect(await tenant.getKey(undeclared)).toBeNull();
    expect(await tenant.getKeyBuffer(undeclared)).toBeNull();
    expect(await tenant.exists(undeclared)).toBe(false);
    expect(await tenant.getMultipleKeys([undeclared])).toEqual([null]);
    expect(await tenant.getHashField(undeclared + "h", "f")).toBeNull();
    expect(await tenant.getHashFields(undeclared + "h")).toEqual({});
  });

  it("multi-key reads fill only the missing declared positions from the bare keys, in the caller's order", async () => {
    const { tenant, bare, key } = setUp();
    const undeclared = `other_${marker}`;
    await bare.setKey(key("a"), "bare a");
    await bare.setKey(key("b"), "bare b");
    await bare.setKey(undeclared, "not legacy");
    await tenant.setKey(key("b"), "tenant b");
    await tenant.serializeAndSetKey(key("tb"), { v: 1 });
    await bare.serializeAndSetKey(key("ta"), { v: 0 });
    expect(await tenant.getMultipleKeys([key("a"), undeclared, key("b"), key("c")])).toEqual(["bare a", null, "tenant b", null]);
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
    expect(await tenant.scan(`legacy_${marker}_*`)).toEqual(expect.arrayContaining([key("counter"), key("fresh")]));
    expect(await tenant.scan(`legacy_${marker}_*`)).not.toContain(key("old"));
  });

  it("an error under the prefix is not retried on the bare key", async () => {
    const { tenant, bare, key } = setUp();
    await tenant.sadd(key("typed-wrong"), ["member"]);
    await bare.setKey(key("typed-wrong"), "a string");
    expect(await rejection(tenant.getKey(key("typed-wrong")))).toMatchObject({ code: "WRONG_TYPE", key: key("typed-wrong") });
  });

  it("without the option (or with false) a miss stays a miss", async () => {
    for (const options of [{}, { fallbackToUnprefixed: false as const }]) {
      const { tenant, bare, key } = setUp(options);
      await bare.setKey(key("old"), "legacy");
      expect(await tenant.getKey(key("old"))).toBeNull();
      expect(await tenant.getMultipleKeys([key("old")])).toEqual([null]);
      expect(await tenant.exists(key("old"))).toBe(false);
    }
  });

  it("issue #17 attack: no read through acme's falling-back view returns what globex's view wrote, plain or hash-tagged", async () => {
    const acmeId = `acme${marker}`;
    const globexId = `globex${marker}`;
    // the exact call (true), and the broadest declaration: a legacy prefix that is a tenant id's start
    // (a prefix ending in ":" is refused)
    for (const fallbackToUnprefixed of [true, { prefixes: ["g", globexId] }]) {
      const acme = kv(forTenant(pool, acmeId, { hashTag, fallbackToUnprefixed }));
      for (const globexHashTag of [false, true]) {
        const globex = kv(forTenant(pool, globexId, { hashTag: globexHashTag }));
        await globex.setKey("secret", "globex's secret");
        await globex.serializeAndSetKey("typed", { card: "4111" });
        await globex.setHashFields("hash", { f: "globex's field" });
        await globex.serializeAndSetHashFieldIfNotExist("hash", "typed", { card: "4111" });
        const name = (suffix: string) => (globexHashTag ? `{${globexId}}:${suffix}` : `${globexId}:${suffix}`);
        expect(await kv(pool).getKey(name("secret"))).toBe("globex's secret");
        expect(await acme.getKey(name("secret"))).toBeNull();
        expect(await acme.getKeyBuffer(name("secret"))).toBeNull();
        expect(await acme.exists(name("secret"))).toBe(false);
        expect(await acme.getMultipleKeys([name("secret"), name("typed")])).toEqual([null, null]);
        expect(await rejection(acme.getAndDeserializeKey(name("typed"), "Card"))).toMatchObject({ code: "NOT_FOUND" });
        expect(await acme.getAndDeserializeMultipleKeys([name("typed")], "Card")).toEqual([null]);
        expect(await acme.getHashField(name("hash"), "f")).toBeNull();
        expect(await acme.getHashFields(name("hash"))).toEqual({});
        expect(await rejection(acme.getHashFieldAndDeserialize(name("hash"), "typed", "Card"))).toMatchObject({ code: "NOT_FOUND" });
      }
      // and the legacy names outside every tenant's namespace still fall back
      await kv(pool).setKey(`${globexId}_legacy`, "legacy");
      expect(await acme.getKey(`${globexId}_legacy`)).toBe("legacy");
    }
  });

  it("a prefixed view of a falling-back tenant view falls back only where the bare name is declared and no tenant's", async () => {
    const tenant = forTenant(pool, `t${marker}`, { hashTag, fallbackToUnprefixed: { prefixes: [`legacy_${marker}`, "shared cache:"] } });
    // `cache:<name>` is where a tenant named "cache" keeps <name>: never read bare
    await kv(pool.withKeyPrefix("cache")).setKey(`legacy_${marker}_k`, "tenant cache's entry");
    expect(await kv(tenant.withKeyPrefix("cache")).getKey(`legacy_${marker}_k`)).toBeNull();
    // a segment no tenant id can be (it holds a space) is outside every tenant's namespace
    await kv(pool.withKeyPrefix("shared cache")).setKey(`${marker}:k`, "shared cache entry");
    const cache = tenant.withKeyPrefix("shared cache");
    expect(await kv(cache).getKey(`${marker}:k`)).toBe("shared cache entry");
    expect(cache.keys.fallback?.prefix).toBe("shared cache:");
  });
});
