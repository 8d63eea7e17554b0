import { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { forTenant } from "@redis-interface/tenancy";
import { randomId, sharedRedisFromEnv } from "@redis-interface/testing";
import { Keyv } from "keyv";
import { KeyvRedisInterface } from "../src/index.js";

// A tenant view is a connection: a store on it lives under the tenant's prefix, and its clear,
// iterator and reads never reach another tenant's keys, even in the same namespace.
describe.each([false, true])("KeyvRedisInterface through tenant views (cluster: %s)", (cluster) => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    const shared = sharedRedisFromEnv();
    pool = await (cluster ? RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: shared.clusterUrls }) : RedisConnectionPool.connect({ port: shared.port, poolSize: 2 }));
  });
  afterAll(async () => {
    await pool.close();
  });

  it("two tenants with the same namespace and keys stay apart: get, iterator and clear", async () => {
    const id = randomId(8);
    const namespace = `cache-${id}`;
    const acmeView = forTenant(pool, `acme_${id}`, { hashTag: cluster });
    const acme = new Keyv<string>({ store: new KeyvRedisInterface(acmeView), namespace });
    const globex = new Keyv<string>({ store: new KeyvRedisInterface(forTenant(pool, `globex_${id}`)), namespace });
    const bare = new Keyv<string>({ store: new KeyvRedisInterface(pool), namespace });
    await Promise.all([acme.set("card", "acme-secret"), globex.set("card", "globex-secret"), bare.set("card", "bare")]);
    expect(await acme.get("card")).toBe("acme-secret");
    expect(await globex.get("card")).toBe("globex-secret");
    const stored = acmeView.keys.key(`${namespace}:card`);
    expect(stored.startsWith(cluster ? `{acme_${id}}:` : `acme_${id}:`)).toBe(true);
    expect(JSON.parse((await kv(pool).getKey(stored)) as string)).toEqual({ value: "acme-secret" });
    expect(JSON.parse((await kv(pool).getKey(`${namespace}:card`)) as string)).toEqual({ value: "bare" });
    const listed: string[] = [];
    for await (const [key, value] of (acme.iterator as () => AsyncGenerator<[string, string]>)()) listed.push(`${key}=${value}`);
    expect(listed).toEqual(["card=acme-secret"]);
    await acme.clear();
    expect(await acme.get("card")).toBeUndefined();
    expect(await globex.get("card")).toBe("globex-secret");
    expect(await bare.get("card")).toBe("bare");
    await Promise.all([globex.clear(), bare.clear()]);
  });

  it("without a namespace, clear empties the tenant's view only", async () => {
    const id = randomId(8);
    const tenant = forTenant(pool, `solo_${id}`, { hashTag: true });
    const store = new KeyvRedisInterface(tenant);
    const neighbour = kv(forTenant(pool, `solo_${id}X`, { hashTag: true }));
    await Promise.all([store.set("a", "1"), store.set("b", "2", 60_000), neighbour.setKeyWithoutExpiry("a", "kept")]);
    store.namespace = undefined;
    await store.clear();
    expect(await kv(tenant).scan("*")).toEqual([]);
    expect(await neighbour.getKey("a")).toBe("kept");
    await neighbour.unlinkKey("a");
  });
});
