import { isRedisError } from "@redis-interface/core";
import { randomId, randomKey } from "@redis-interface/testing";
import { describeEachTarget, rejection } from "./support/targets.js";

interface Payment {
  id: string;
  amount: bigint;
  currency: string;
  createdAt: Date;
  metadata: Map<string, string>;
}

const payment = (): Payment => ({
  id: `pay_${randomId(8)}`,
  amount: 123456789012345678n,
  currency: "USD",
  createdAt: new Date("2026-11-25T10:00:00Z"),
  metadata: new Map([["order", "ord_1"]]),
});

describeEachTarget("typed values", (target) => {
  it("serializeAndSetKey / getAndDeserializeKey round-trip BigInt, Date and Map with the default TTL", async () => {
    const { store } = target();
    const key = randomKey("pay");
    const value = payment();
    await store.serializeAndSetKey(key, value);
    const back = await store.getAndDeserializeKey<Payment>(key, "Payment");
    expect(back).toEqual(value);
    expect(typeof back.amount).toBe("bigint");
    expect(back.createdAt).toBeInstanceOf(Date);
    expect(await store.getTtl(key)).toBeGreaterThan(290);
  });

  it("serializeAndSetKeyWithExpiry and WithoutModifyingTtl handle TTLs", async () => {
    const { store } = target();
    const key = randomKey("pay");
    await store.serializeAndSetKeyWithExpiry(key, payment(), 1000);
    await store.serializeAndSetKeyWithoutModifyingTtl(key, { ...payment(), currency: "EUR" });
    expect((await store.getAndDeserializeKey<Payment>(key, "Payment")).currency).toBe("EUR");
    expect(await store.getTtl(key)).toBeGreaterThan(900);
  });

  it("serializeAndSetKeyIfNotExist sets once", async () => {
    const { store } = target();
    const key = randomKey("pay");
    expect(await store.serializeAndSetKeyIfNotExist(key, payment(), 60)).toBe("KeySet");
    expect(await store.serializeAndSetKeyIfNotExist(key, payment())).toBe("KeyNotSet");
    expect(await store.getTtl(key)).toBeLessThanOrEqual(60);
  });

  it("a missing key is NOT_FOUND for typed reads and null for plain reads", async () => {
    const { store } = target();
    const key = randomKey("none");
    const error = await rejection(store.getAndDeserializeKey(key, "Payment"));
    expect(isRedisError(error, "NOT_FOUND")).toBe(true);
    expect(error.key).toBe(key);
    expect(error.message).toContain("Payment");
    expect(await store.getKey(key)).toBeNull();
  });

  it("a stored empty string exists: typed reads fail DESERIALIZATION_FAILED for it, never NOT_FOUND (issue #17 item 8)", async () => {
    const { store, raw, rawKey } = target();
    const [key, hash, missing] = [randomKey("empty"), randomKey("emptyhash"), randomKey("none")];
    await store.setKey(key, "");
    await raw.hset(rawKey(hash), "payment", "");
    expect(await store.exists(key)).toBe(true);
    const single = await rejection(store.getAndDeserializeKey(key, "Payment"));
    expect(single).toMatchObject({ name: "RedisError", code: "DESERIALIZATION_FAILED", operation: "getAndDeserializeKey", key });
    expect(single.message).toContain("Payment");
    const field = await rejection(store.getHashFieldAndDeserialize(hash, "payment", "Payment"));
    expect(field).toMatchObject({ code: "DESERIALIZATION_FAILED", operation: "getHashFieldAndDeserialize", key: hash });
    const multiple = await rejection(store.getAndDeserializeMultipleKeys([missing, key], "Payment"));
    expect(multiple).toMatchObject({ code: "DESERIALIZATION_FAILED", operation: "getAndDeserializeMultipleKeys", key });
    expect(await store.getAndDeserializeMultipleKeys([missing], "Payment")).toEqual([null]);
  });

  it("a corrupt value is DESERIALIZATION_FAILED naming key and type", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("corrupt");
    await raw.set(rawKey(key), "{not json");
    const error = await rejection(store.getAndDeserializeKey(key, "Payment"));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect(error.key).toBe(key);
    expect(error.message).toContain("Payment");
  });

  it("non-serializable values fail with SERIALIZATION_FAILED before any write", async () => {
    const { store } = target();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [cyclic, { run: () => 1 }, { s: Symbol("x") }]) {
      const key = randomKey("bad");
      const error = await rejection(store.serializeAndSetKey(key, value));
      expect(isRedisError(error, "SERIALIZATION_FAILED")).toBe(true);
      expect(error.key).toBe(key);
      expect(await store.exists(key)).toBe(false);
    }
  });

  it("getAndDeserializeMultipleKeys keeps order, gives null for missing, and names a corrupt key", async () => {
    const { store, raw, rawKey } = target();
    const [a, b, missing] = [randomKey("m"), randomKey("m"), randomKey("m")];
    const [pa, pb] = [payment(), payment()];
    await store.serializeAndSetKey(a, pa);
    await store.serializeAndSetKey(b, pb);
    expect(await store.getAndDeserializeMultipleKeys<Payment>([a, missing, b], "Payment")).toEqual([pa, null, pb]);
    expect(await store.getAndDeserializeMultipleKeys([], "Payment")).toEqual([]);
    const bad = randomKey("m");
    await raw.set(rawKey(bad), "garbage{");
    const error = await rejection(store.getAndDeserializeMultipleKeys([a, bad], "Payment"));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect(error.key).toBe(bad);
    expect(error.operation).toBe("getAndDeserializeMultipleKeys");
  });
});
