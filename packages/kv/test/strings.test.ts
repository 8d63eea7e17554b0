import { isRedisError } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("strings", (target) => {
  it("setKey applies the default TTL and stores under the view's prefix", async () => {
    const { store, raw, rawKey, connection } = target();
    const key = randomKey("str");
    await store.setKey(key, "hello");
    expect(await raw.get(rawKey(key))).toBe("hello");
    const ttl = await raw.ttl(rawKey(key));
    expect(ttl).toBeGreaterThan(connection.settings.defaultTtl - 5);
    expect(ttl).toBeLessThanOrEqual(300);
    expect(await store.getKey(key)).toBe("hello");
    expect(store.addPrefix(key)).toBe(rawKey(key));
  });

  it("stores numbers as text and Buffers byte for byte, including invalid UTF-8", async () => {
    const { store } = target();
    const number = randomKey("num");
    await store.setKey(number, 42.5);
    expect(await store.getKey(number)).toBe("42.5");
    const binary = randomKey("bin");
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]);
    await store.setKey(binary, bytes);
    expect(await store.getKeyBuffer(binary)).toEqual(bytes);
  });

  it("round-trips a 10 MB value exactly", async () => {
    const { store } = target();
    const key = randomKey("big");
    const big = "x".repeat(10 * 1024 * 1024 - 3) + "end";
    await store.setKeyWithExpiry(key, big, 60);
    const back = await store.getKey(key);
    expect(back?.length).toBe(big.length);
    expect(back === big).toBe(true);
    await store.deleteKey(key);
  });

  it("setKeyWithoutModifyingTtl keeps an existing TTL and gives a new key none", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("keep");
    await store.setKeyWithExpiry(key, "a", 1000);
    await store.setKeyWithoutModifyingTtl(key, "b");
    expect(await store.getKey(key)).toBe("b");
    expect(await raw.ttl(rawKey(key))).toBeGreaterThan(900);
    const fresh = randomKey("keep");
    await store.setKeyWithoutModifyingTtl(fresh, "c");
    expect(await store.getTtl(fresh)).toBe(-1);
  });

  it("setKeyIfNotExistsWithExpiry is a lock: one winner, always with an expiry", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("lock");
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => store.setKeyIfNotExistsWithExpiry(key, `req_${i}`, 180)));
    expect(replies.filter((reply) => reply === "KeySet")).toHaveLength(1);
    expect(replies.filter((reply) => reply === "KeyNotSet")).toHaveLength(9);
    expect(await raw.ttl(rawKey(key))).toBeGreaterThan(170);
    const defaulted = randomKey("lock");
    expect(await store.setKeyIfNotExistsWithExpiry(defaulted, "x")).toBe("KeySet");
    expect(await raw.ttl(rawKey(defaulted))).toBeGreaterThan(290);
  });

  it("exists and deleteKey report without failing on missing keys", async () => {
    const { store } = target();
    const key = randomKey("del");
    expect(await store.exists(key)).toBe(false);
    expect(await store.getKey(key)).toBeNull();
    expect(await store.getKeyBuffer(key)).toBeNull();
    expect(await store.deleteKey(key)).toBe("KeyNotDeleted");
    await store.setKey(key, "v");
    expect(await store.exists(key)).toBe(true);
    expect(await store.deleteKey(key)).toBe("KeyDeleted");
    expect(await store.exists(key)).toBe(false);
  });

  it("reads a hash as a string as WRONG_TYPE naming operation and key", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("hash");
    await raw.hset(rawKey(key), "f", "v");
    const error = await rejection(store.getKey(key));
    expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
    expect(error.operation).toBe("getKey");
    expect(error.key).toBe(key);
  });

  it.each([
    ["a negative TTL", -5],
    ["a zero TTL", 0],
    ["a fractional TTL", 1.5],
    ["NaN", Number.NaN],
    ["a string TTL", "60" as unknown as number],
  ])("rejects %s before any I/O", async (_name, ttl) => {
    const { store } = target();
    const key = randomKey("ttl");
    const error = await rejection(store.setKeyWithExpiry(key, "v", ttl));
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect(error.operation).toBe("setKeyWithExpiry");
    expect(error.key).toBe(key);
    expect(isRedisError(await rejection(store.setKeyIfNotExistsWithExpiry(key, "v", ttl)), "INVALID_ARGUMENT")).toBe(true);
    expect(await store.exists(key)).toBe(false);
  });

  it.each([
    ["an object", { a: 1 }],
    ["null", null],
    ["undefined", undefined],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a function", () => 1],
  ])("rejects %s as a plain value", async (_name, value) => {
    const { store } = target();
    const error = await rejection(store.setKey(randomKey(), value as never));
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect(error.message).toContain("serialize");
  });

  it("rejects empty and non-string keys", async () => {
    const { store } = target();
    expect(isRedisError(await rejection(store.getKey("")), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.getKeyBuffer("")), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.setKey(7 as unknown as string, "v")), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.deleteKey(undefined as unknown as string)), "INVALID_ARGUMENT")).toBe(true);
  });
});

describeEachTarget("setKeyIfNotExistsAndGetValue", (target) => {
  it("sets a new key and returns the caller's value", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("sgv");
    expect(await store.setKeyIfNotExistsAndGetValue(key, "test_value", 30)).toEqual({ status: "ValueSet", value: "test_value" });
    expect(await raw.ttl(rawKey(key))).toBeGreaterThan(25);
  });

  it("returns the existing value without overwriting it", async () => {
    const { store } = target();
    const key = randomKey("sgv");
    await store.setKey(key, "initial_value");
    expect(await store.setKeyIfNotExistsAndGetValue(key, "other")).toEqual({ status: "ValueExists", value: "initial_value" });
    expect(await store.getKey(key)).toBe("initial_value");
  });

  it("applies the default TTL when none is given", async () => {
    const { store } = target();
    const key = randomKey("sgv");
    expect((await store.setKeyIfNotExistsAndGetValue(key, 5)).status).toBe("ValueSet");
    expect(await store.getTtl(key)).toBeGreaterThan(290);
  });

  it("has exactly one winner under concurrency", async () => {
    const { store } = target();
    const key = randomKey("race");
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setKeyIfNotExistsAndGetValue(key, `req_${i}`)));
    const winners = replies.filter((reply) => reply.status === "ValueSet");
    expect(winners).toHaveLength(1);
    for (const reply of replies) expect(reply.value).toBe(winners[0]?.value);
  });

  it("multi-key form: atomic per key, replies in order", async () => {
    const { store } = target();
    const [a, b, c] = [randomKey("m"), randomKey("m"), randomKey("m")];
    await store.setKey(b, "taken");
    expect(await store.setMultipleKeysIfNotExistsAndGetValues([[a, "req"], [b, "req"], [c, "req"]], 180)).toEqual([
      { status: "ValueSet", value: "req" },
      { status: "ValueExists", value: "taken" },
      { status: "ValueSet", value: "req" },
    ]);
    expect(await store.setMultipleKeysIfNotExistsAndGetValues([])).toEqual([]);
  });

  it("rejects bad input and wrong types", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("sgv");
    expect(isRedisError(await rejection(store.setKeyIfNotExistsAndGetValue(key, "v", -1)), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.setMultipleKeysIfNotExistsAndGetValues([[key, "v"], ["", "v"]])), "INVALID_ARGUMENT")).toBe(true);
    expect(await store.exists(key)).toBe(false);
    await raw.rpush(rawKey(key), "x");
    const error = await rejection(store.setKeyIfNotExistsAndGetValue(key, "v"));
    expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
    expect(error.operation).toBe("setKeyIfNotExistsAndGetValue");
  });
});
