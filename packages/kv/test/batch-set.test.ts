import { keySlot } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { kv } from "../src/index.js";
import { describeEachTarget, expectInvalid, redisCalls, rejection } from "./support/targets.js";

describeEachTarget("setMultipleKeysWithExpiry", (target) => {
  it("sets every key of a record with a TTL in seconds", async () => {
    const { store } = target();
    const keys = Array.from({ length: 30 }, () => randomKey("batch"));
    await store.setMultipleKeysWithExpiry(Object.fromEntries(keys.map((key, i) => [key, `v${i}`])), { seconds: 100 });
    expect(await store.getMultipleKeys(keys)).toEqual(keys.map((_, i) => `v${i}`));
    for (const ttl of await Promise.all(keys.map((key) => store.getTtl(key)))) {
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(100);
    }
  });

  it("sets [key, value] pairs with a TTL in milliseconds (PTTL ≤ 1500); a key given twice ends with its last value", async () => {
    const { store, raw, rawKey } = target();
    const [a, b] = [randomKey("batch"), randomKey("batch")];
    const bytes = Buffer.from([0xff, 0x00, 0x01]);
    await store.setMultipleKeysWithExpiry([[a, "first"], [b, bytes], [a, 7]], { ms: 1500 });
    expect(await store.getKey(a)).toBe("7");
    expect(await raw.getBuffer(rawKey(b))).toEqual(bytes);
    for (const key of [a, b]) {
      const left = await store.getTtlMs(key);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(1500);
    }
  });

  it("replaces an existing value and its TTL, whatever the key held", async () => {
    const { store, raw, rawKey } = target();
    const [plain, hash] = [randomKey("batch"), randomKey("batch")];
    await store.setKeyWithoutExpiry(plain, "old");
    await raw.hset(rawKey(hash), "f", "v");
    await store.setMultipleKeysWithExpiry({ [plain]: "new", [hash]: "now a string" }, { ms: 60_000 });
    expect(await store.getMultipleKeys([plain, hash])).toEqual(["new", "now a string"]);
    expect(await store.getTtlMs(plain)).toBeGreaterThan(0);
  });

  it("sends one script per slot group on a cluster, one in all on a standalone server", async () => {
    const { store, connection, cluster } = target();
    const keys = Array.from({ length: 40 }, () => randomKey("slots"));
    const slots = new Set(keys.map((key) => keySlot(connection.keys.key(key))));
    const calls = await redisCalls(target(), () => store.setMultipleKeysWithExpiry(keys.map((key) => [key, key] as const), { seconds: 60 }));
    expect(calls).toBe(cluster ? slots.size : 1);
    expect(await store.getMultipleKeys(keys)).toEqual(keys);
  });

  it("the keys of one slot change together: a concurrent reader never sees half a write", async () => {
    const { store, connect } = target();
    const reader = kv(await connect());
    const tag = randomKey("tag");
    // enough keys and bytes that separate SETs would span several socket reads of the server
    const keys = Array.from({ length: 2000 }, (_, i) => `{${tag}}:${i}`);
    const filler = "x".repeat(64);
    const write = (round: number): Promise<void> => store.setMultipleKeysWithExpiry(Object.fromEntries(keys.map((key) => [key, `${round}${filler}`])), { seconds: 60 });
    await write(0);
    const reads: Array<Promise<Array<string | null>>> = [];
    for (let round = 1; round <= 10; round++) {
      const written = write(round);
      for (let read = 0; read < 5; read++) {
        reads.push(reader.getMultipleKeys(keys));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await written;
    }
    for (const values of await Promise.all(reads)) expect(new Set(values).size).toBe(1);
  });

  it("nothing to set: resolves without I/O", async () => {
    const t = target();
    expect(await redisCalls(t, () => t.store.setMultipleKeysWithExpiry({}, { seconds: 1 }))).toBe(0);
    expect(await redisCalls(t, () => t.store.setMultipleKeysWithExpiry([], { ms: 1 }))).toBe(0);
  });

  it("rejects bad entries and expiries with INVALID_ARGUMENT before any I/O", async () => {
    const t = target();
    const { store } = t;
    const key = randomKey("bad");
    const op = "setMultipleKeysWithExpiry";
    const expiries: unknown[] = [
      undefined,
      {},
      { seconds: 1, ms: 1000 },
      { seconds: 0 },
      { ms: -1 },
      { ms: 2.5 },
      { ms: 2 ** 53 },
      { seconds: "10" },
      { ttl: 10 },
      { seconds: 10, px: 1 },
      "10",
      10,
    ];
    for (const expiry of expiries) await expectInvalid(t, () => store.setMultipleKeysWithExpiry({ [key]: "v" }, expiry as never), op);
    await expectInvalid(t, () => store.setMultipleKeysWithExpiry(null as never, { seconds: 1 }), op);
    await expectInvalid(t, () => store.setMultipleKeysWithExpiry("abc" as never, { seconds: 1 }), op);
    await expectInvalid(t, () => store.setMultipleKeysWithExpiry([[key]] as never, { seconds: 1 }), op);
    await expectInvalid(t, () => store.setMultipleKeysWithExpiry([["", "v"]], { seconds: 1 }), op);
    await expectInvalid(t, () => store.setMultipleKeysWithExpiry({ [key]: { nested: true } as never }, { seconds: 1 }), op, key);
    await expectInvalid(t, () => store.setMultipleKeysWithExpiry({ [key]: null as never }, { seconds: 1 }), op, key);
    const error = await rejection(store.setMultipleKeysWithExpiry({ [key]: "v" }, { seconds: 1, ms: 1000 } as never));
    expect(error.message).toContain("either seconds or ms");
  });
});

describeEachTarget("serializeAndSetMultipleKeysWithExpiry", (target) => {
  it("encodes every value with the codec; they read back with getAndDeserializeMultipleKeys", async () => {
    const { store } = target();
    const [a, b] = [randomKey("typed"), randomKey("typed")];
    const values = { [a]: { amount: 10n, at: new Date(0) }, [b]: ["x", 1] };
    await store.serializeAndSetMultipleKeysWithExpiry(values, { ms: 5000 });
    expect(await store.getAndDeserializeMultipleKeys([a, b], "Value")).toEqual([values[a], values[b]]);
    const left = await store.getTtlMs(a);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(5000);
    await store.serializeAndSetMultipleKeysWithExpiry([[a, "again"]], { seconds: 30 });
    expect(await store.getAndDeserializeKey(a, "Value")).toBe("again");
  });

  it("SERIALIZATION_FAILED naming the key, INVALID_ARGUMENT for a bad expiry, before any I/O", async () => {
    const t = target();
    const [a, b] = [randomKey("typed"), randomKey("typed")];
    let error: Awaited<ReturnType<typeof rejection>> | undefined;
    const calls = await redisCalls(t, async () => {
      error = await rejection(t.store.serializeAndSetMultipleKeysWithExpiry({ [a]: 1, [b]: () => 1 }, { seconds: 5 }));
    });
    expect(calls).toBe(0);
    expect(error).toMatchObject({ code: "SERIALIZATION_FAILED", operation: "serializeAndSetMultipleKeysWithExpiry", key: b });
    expect(await t.store.exists(a)).toBe(false);
    await expectInvalid(t, () => t.store.serializeAndSetMultipleKeysWithExpiry({ [a]: 1 }, { seconds: 5, ms: 5 } as never), "serializeAndSetMultipleKeysWithExpiry");
    await expectInvalid(t, () => t.store.serializeAndSetMultipleKeysWithExpiry({ [a]: 1 }, { minutes: 5 } as never), "serializeAndSetMultipleKeysWithExpiry");
  });
});
