import type { Cluster, Redis } from "ioredis";
import type { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { pubsub } from "@redis-interface/pubsub";
import { randomId, rejection, waitFor } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";
import { rawDelete, rawScan, sharedPool, sharedRaw } from "./support/servers.js";

// A per-instance codec (kv(view, { codec }), pubsub(view, { codec })) is a view of the tenant view:
// the tenant's names, its read fallback and its isolation are unchanged.
describe.each([
  { title: "standalone", cluster: false },
  { title: "cluster", cluster: true },
])("per-instance codec on tenant views — $title", ({ cluster }) => {
  let pool: RedisConnectionPool;
  let raw: Redis | Cluster;
  let marker: string;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
    raw = await sharedRaw(cluster);
  });
  beforeEach(() => {
    marker = `cd${randomId()}`;
  });
  afterEach(async () => {
    await rawDelete(raw, await rawScan(raw, `*${marker}*`));
  });
  afterAll(async () => {
    await pool.close();
    raw.disconnect();
  });

  it("writes under the tenant's prefix only; another tenant's store with the same codec finds nothing", async () => {
    const acme = kv(forTenant(pool, `acme${marker}`, { hashTag: cluster }), { codec: "serde" });
    const globex = kv(forTenant(pool, `globex${marker}`, { hashTag: cluster }), { codec: "serde" });
    await acme.serializeAndSetKey("payment", { amount: 9223372036854775807n });
    expect(await rawScan(raw, `*${marker}*`)).toStrictEqual([cluster ? `{acme${marker}}:payment` : `acme${marker}:payment`]);
    expect(await raw.get(cluster ? `{acme${marker}}:payment` : `acme${marker}:payment`)).toBe('{"amount":9223372036854775807}');
    expect(await acme.getAndDeserializeKey("payment", "Payment")).toStrictEqual({ amount: 9223372036854775807n });
    expect(await rejection(globex.getAndDeserializeKey("payment", "Payment"))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps the tenant's read fallback for declared legacy names", async () => {
    const legacy = `legacy_${marker}_payment`;
    await raw.set(legacy, '{"amount":18446744073709551615}');
    const tenant = kv(forTenant(pool, `t${marker}`, { hashTag: cluster, fallbackToUnprefixed: { prefixes: [`legacy_${marker}_`] } }), { codec: "serde" });
    expect(await tenant.getAndDeserializeKey(legacy, "Payment")).toStrictEqual({ amount: 18446744073709551615n });
  });

  it("pub/sub: a tenant's serde bus publishes on a global channel; another tenant's local channel hears nothing", async () => {
    const global = `hyperswitch_invalidate_${marker}`;
    const acme = pubsub(forTenant(pool, `acme${marker}`), { codec: "serde", globalChannels: [global] });
    const globex = pubsub(forTenant(pool, `globex${marker}`), { codec: "serde" });
    const listener = pubsub(pool, { codec: "serde" });
    try {
      const heard: unknown[] = [];
      const leaked: unknown[] = [];
      await listener.subscribe(global, (message) => void heard.push(message));
      await globex.subscribe(global, (message) => void leaked.push(message));
      await acme.publish(global, { tenant: `acme${marker}`, key: "cfg", version: 2n ** 63n - 1n });
      await acme.publish("local", "tenant only");
      await waitFor(() => heard.length === 1, { description: "the global message" });
      expect(heard).toStrictEqual([{ tenant: `acme${marker}`, key: "cfg", version: 2n ** 63n - 1n }]);
      // globex's `global` is globex…:hyperswitch_invalidate_…: nothing arrives there. A round trip on
      // globex's own channel proves its subscriber is live before checking.
      const own: unknown[] = [];
      await globex.subscribe("ping", (message) => void own.push(message));
      await globex.publish("ping", 1);
      await waitFor(() => own.length === 1, { description: "globex's own message" });
      expect(leaked).toStrictEqual([]);
    } finally {
      await Promise.all([acme.close(), globex.close(), listener.close()]);
    }
  });
});
