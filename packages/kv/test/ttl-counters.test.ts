import { isRedisError } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("TTL", (target) => {
  it("setExpiry, setExpireAt, getTtl and persist", async () => {
    const { store } = target();
    const key = randomKey("ttl");
    expect(await store.getTtl(key)).toBe(-2);
    expect(await store.setExpiry(key, 100)).toBe(false);
    await store.setKeyWithoutModifyingTtl(key, "v");
    expect(await store.getTtl(key)).toBe(-1);
    expect(await store.setExpiry(key, 100)).toBe(true);
    expect(await store.getTtl(key)).toBeGreaterThan(90);
    const at = Math.floor(Date.now() / 1000) + 5000;
    expect(await store.setExpireAt(key, at)).toBe(true);
    expect(await store.getTtl(key)).toBeGreaterThan(4000);
    expect(await store.persist(key)).toBe(true);
    expect(await store.getTtl(key)).toBe(-1);
    expect(await store.persist(key)).toBe(false);
  });

  it("rejects negative, zero and fractional TTLs and timestamps", async () => {
    const { store } = target();
    const key = randomKey("ttl");
    for (const bad of [-1, 0, 2.5]) {
      const error = await rejection(store.setExpiry(key, bad));
      expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
      expect(error.operation).toBe("setExpiry");
      expect(isRedisError(await rejection(store.setExpireAt(key, bad)), "INVALID_ARGUMENT")).toBe(true);
    }
  });
});

describeEachTarget("counters", (target) => {
  it("incrementKey and decrementKey are atomic under concurrency", async () => {
    const { store } = target();
    const key = randomKey("count");
    const results = await Promise.all(Array.from({ length: 100 }, () => store.incrementKey(key)));
    expect(new Set(results).size).toBe(100);
    expect(Math.max(...results)).toBe(100);
    expect(await store.decrementKey(key, 30)).toBe(70);
    expect(await store.incrementKey(key, -70)).toBe(0);
  });

  it("a TTL starts the window at the first increment and is not extended by later ones", async () => {
    const { store } = target();
    const key = randomKey("attempts");
    expect(await store.incrementKey(key, 1, 600)).toBe(1);
    await store.setExpiry(key, 50);
    expect(await store.incrementKey(key, 1, 600)).toBe(2);
    expect(await store.getTtl(key)).toBeLessThanOrEqual(50);
    expect(await store.decrementKey(key, 1, 600)).toBe(1);
    expect(await store.getTtl(key)).toBeLessThanOrEqual(50);
    const untimed = randomKey("plain");
    await store.incrementKey(untimed);
    expect(await store.getTtl(untimed)).toBe(-1);
    expect(await store.incrementKey(untimed, 1, 30)).toBe(2);
    expect(await store.getTtl(untimed)).toBeGreaterThan(20);
  });

  it("rejects non-integer steps and a non-numeric value", async () => {
    const { store } = target();
    const key = randomKey("count");
    expect(isRedisError(await rejection(store.incrementKey(key, 1.5)), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.decrementKey(key, Number.NaN)), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.incrementKey(key, 1, -3)), "INVALID_ARGUMENT")).toBe(true);
    await store.setKey(key, "not a number");
    const error = await rejection(store.incrementKey(key, 1, 60));
    expect(isRedisError(error, "COMMAND_FAILED")).toBe(true);
    expect(error.message).toContain("not an integer");
    expect(error.operation).toBe("incrementKey");
  });
});
