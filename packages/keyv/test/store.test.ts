import { kv } from "@redis-interface/kv";
import { waitFor } from "@redis-interface/testing";
import { Keyv } from "keyv";
import { KeyvRedisInterface } from "../src/index.js";
import { describeEachTarget, randomNamespace } from "./support/targets.js";

/** Keys of `namespace` that Redis holds through the target (SCAN through a kv view: every master of a cluster). */
async function countKeys(connection: Parameters<typeof kv>[0], namespace: string): Promise<number> {
  return (await kv(connection.withKeyPrefix(namespace)).scan("*", { count: 1000 })).length;
}

describeEachTarget("KeyvRedisInterface on Redis", (target) => {
  it("set(k, v, 1500) leaves a server-side TTL of at most 1500 ms (not rounded up to 2 s)", async () => {
    const { keyv, raw, rawName } = target();
    const store = keyv();
    await store.set("ttl", "v", 1500);
    const left = await raw.pttl(rawName(store.namespace as string, "ttl"));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(1500);
    expect(await store.get("ttl")).toBe("v");
  });

  it("a 300 ms key is gone 450 ms after set resolved (EXISTS 0, PTTL -2 on the server)", async () => {
    const { keyv, raw, rawName } = target();
    const store = keyv();
    const name = rawName(store.namespace as string, "short");
    await store.set("short", "v", 300);
    const setAt = Date.now(); // the server applied the TTL before this moment
    const left = await raw.pttl(name);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(300);
    await waitFor(() => Date.now() - setAt >= 450, { timeoutMs: 10_000, description: "450 ms to pass" });
    expect(await raw.exists(name)).toBe(0);
    expect(await raw.pttl(name)).toBe(-2);
    expect(await store.get("short")).toBeUndefined();
  });

  it("set without a TTL removes an existing TTL in the same command", async () => {
    const { keyv, raw, rawName } = target();
    const store = keyv();
    await store.set("k", "old", 60_000);
    expect(await raw.pttl(rawName(store.namespace as string, "k"))).toBeGreaterThan(0);
    await store.set("k", "new");
    expect(await raw.pttl(rawName(store.namespace as string, "k"))).toBe(-1);
    expect(await store.get("k")).toBe("new");
  });

  it("concurrent set(k, v) and set(k, v2, 1000) from two pools never leave a TTL-less v2 (200 rounds)", async () => {
    const { connection, connect, raw, rawName } = target();
    const namespace = randomNamespace("race");
    const mine = new Keyv<string>({ store: new KeyvRedisInterface(connection), namespace });
    const other = new Keyv<string>({ store: new KeyvRedisInterface(await connect()), namespace });
    for (let round = 0; round < 200; round++) {
      const key = `k${round}`;
      const [first, second] = round % 2 === 0 ? [mine, other] : [other, mine];
      await Promise.all([first.set(key, "v"), second.set(key, "v2", 1000)]);
      const [value, left] = await Promise.all([mine.get(key), raw.pttl(rawName(namespace, key))]);
      if (value === "v2") expect(left).toBeGreaterThan(0);
      else expect([value, left]).toEqual(["v", -1]);
    }
  });

  it("clear() of a namespace of 3,000 keys removes them all and nothing of a neighbouring namespace", async () => {
    const { keyv, connection } = target();
    const base = randomNamespace("clear");
    const cleared = keyv(base);
    const neighbour = keyv(`${base}X`);
    const entries = Array.from({ length: 3000 }, (_, index) => ({ key: `k${index}`, value: `v${index}`, ttl: 600_000 }));
    await cleared.setMany(entries);
    await neighbour.setMany(entries.slice(0, 50));
    expect(await countKeys(connection, base)).toBe(3000);
    await cleared.clear();
    expect(await countKeys(connection, base)).toBe(0);
    expect(await countKeys(connection, `${base}X`)).toBe(50);
    expect(await neighbour.get("k7")).toBe("v7");
    await neighbour.clear();
  });

  it("a namespace with glob characters (n*, n?, n[X]) clears only itself, never nX", async () => {
    const { keyv, connection } = target();
    const stem = randomNamespace("glob");
    const victim = keyv(`${stem}X`);
    await victim.set("k", "kept");
    for (const namespace of [`${stem}*`, `${stem}?`, `${stem}[X]`, `${stem}\\`]) {
      const store = keyv(namespace);
      await store.set("k", "gone");
      await store.clear();
      expect(await store.get("k")).toBeUndefined();
      expect(await countKeys(connection, namespace)).toBe(0);
    }
    expect(await victim.get("k")).toBe("kept");
    expect(await countKeys(connection, `${stem}X`)).toBe(1);
    await victim.clear();
  });

  it("iterator() yields the namespace's entries only, with Keyv's key names", async () => {
    const { keyv } = target();
    const stem = randomNamespace("iter");
    const store = keyv(stem);
    const other = keyv(`${stem}X`);
    await store.setMany(Array.from({ length: 25 }, (_, index) => ({ key: `k:${index}`, value: `v${index}` })));
    await other.set("k:0", "other");
    const seen = new Map<string, string>();
    for await (const [key, value] of (store.iterator as () => AsyncGenerator<[string, string]>)()) seen.set(key, value);
    expect(seen.size).toBe(25);
    expect(seen.get("k:24")).toBe("v24");
    await Promise.all([store.clear(), other.clear()]);
  });

  it("setMany writes entries with different TTLs and without one, a repeated key keeping its last entry", async () => {
    const { keyv, raw, rawName } = target();
    const store = keyv();
    const namespace = store.namespace as string;
    await store.set("plain", "old", 60_000);
    await store.setMany([
      { key: "a", value: "1", ttl: 1500 },
      { key: "b", value: "2", ttl: 60_000 },
      { key: "plain", value: "3" },
      { key: "a", value: "4", ttl: 60_000 },
    ]);
    expect(await store.get(["a", "b", "plain"])).toEqual(["4", "2", "3"]);
    expect(await raw.pttl(rawName(namespace, "a"))).toBeGreaterThan(1500);
    expect(await raw.pttl(rawName(namespace, "plain"))).toBe(-1);
    expect(await store.has(["a", "missing"])).toEqual([true, false]);
    await store.clear();
  });

  it("stores values as the strings Keyv serialized, under <view prefix><namespace>:<key>", async () => {
    const { keyv, raw, rawName } = target();
    const store = keyv();
    await store.set("payment", JSON.stringify({ id: "pay_1" }));
    const stored = await raw.get(rawName(store.namespace as string, "payment"));
    expect(JSON.parse(stored as string)).toEqual({ value: JSON.stringify({ id: "pay_1" }) });
    await store.clear();
  });
});
