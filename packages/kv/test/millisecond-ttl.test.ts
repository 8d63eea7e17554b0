import { kv } from "../src/index.js";
import { randomKey, waitFor } from "@redis-interface/testing";
import { describeEachTarget, expectInvalid, rejection } from "./support/targets.js";

describeEachTarget("millisecond TTLs and plain SET", (target) => {
  it("setKeyWithExpiryMs keeps a 1500 ms TTL as 1500 ms (PTTL ≤ 1500, not rounded up to seconds)", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("ms");
    await store.setKeyWithExpiryMs(key, "v", 1500);
    const left = await store.getTtlMs(key);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(1500);
    expect(await raw.pttl(rawKey(key))).toBeLessThanOrEqual(1500);
    expect(await store.getKey(key)).toBe("v");
  });

  it("a 300 ms key has at most 300 ms left and disappears", async () => {
    const { store } = target();
    const key = randomKey("ms");
    await store.setKeyWithExpiryMs(key, "v", 300);
    const left = await store.getTtlMs(key);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(300);
    await waitFor(async () => (await store.getTtlMs(key)) === -2, { timeoutMs: 20_000, description: "the 300 ms key to expire" });
    expect(await store.getKey(key)).toBeNull();
  });

  it("setKeyWithoutExpiry writes the value and removes an existing TTL in the same command", async () => {
    const { store } = target();
    const key = randomKey("plain");
    await store.setKeyWithExpiry(key, "old", 100);
    expect(await store.getTtl(key)).toBeGreaterThan(0);
    await store.setKeyWithoutExpiry(key, "new");
    expect(await store.getKey(key)).toBe("new");
    expect(await store.getTtlMs(key)).toBe(-1);
    const fresh = randomKey("plain");
    await store.setKeyWithoutExpiry(fresh, 42);
    expect(await store.getKey(fresh)).toBe("42");
    expect(await store.getTtlMs(fresh)).toBe(-1);
  });

  it("concurrent setKeyWithoutExpiry(k, v) and setKeyWithExpiryMs(k, v2, 1000) never leave a TTL-less v2", async () => {
    const { store, connect } = target();
    // a second pool, so the two writes also race on separate connections
    const other = kv(await connect());
    for (let round = 0; round < 100; round++) {
      const key = randomKey("race");
      const [first, second] = round % 2 === 0 ? [store, other] : [other, store];
      await Promise.all([first.setKeyWithoutExpiry(key, "v"), second.setKeyWithExpiryMs(key, "v2", 1000)]);
      const [value, left] = await Promise.all([store.getKey(key), store.getTtlMs(key)]);
      if (value === "v2") expect(left).toBeGreaterThan(0);
      else expect([value, left]).toEqual(["v", -1]);
    }
  });

  it("setExpiryMs, setExpireAtMs and getTtlMs: false on a missing key, millisecond precision otherwise", async () => {
    const { store } = target();
    const key = randomKey("pexpire");
    expect(await store.getTtlMs(key)).toBe(-2);
    expect(await store.setExpiryMs(key, 1000)).toBe(false);
    expect(await store.setExpireAtMs(key, Date.now() + 1000)).toBe(false);
    await store.setKeyWithoutExpiry(key, "v");
    expect(await store.getTtlMs(key)).toBe(-1);
    expect(await store.setExpiryMs(key, 2500)).toBe(true);
    let left = await store.getTtlMs(key);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(2500);
    expect(await store.setExpireAtMs(key, Date.now() + 60_000)).toBe(true);
    left = await store.getTtlMs(key);
    expect(left).toBeGreaterThan(2500);
    expect(left).toBeLessThanOrEqual(60_000);
    // a time in the past deletes the key, as in Redis
    expect(await store.setExpireAtMs(key, 1)).toBe(true);
    expect(await store.exists(key)).toBe(false);
  });

  it("serializeAndSetKeyWithExpiryMs and serializeAndSetKeyWithoutExpiry round-trip through the codec", async () => {
    const { store } = target();
    const key = randomKey("typed");
    const value = { id: "pay_1", amount: 10n, at: new Date(0) };
    await store.serializeAndSetKeyWithExpiryMs(key, value, 1500);
    expect(await store.getAndDeserializeKey(key, "Payment")).toEqual(value);
    const left = await store.getTtlMs(key);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(1500);
    await store.serializeAndSetKeyWithoutExpiry(key, { ...value, amount: 11n });
    expect(await store.getAndDeserializeKey(key, "Payment")).toEqual({ ...value, amount: 11n });
    expect(await store.getTtlMs(key)).toBe(-1);
  });

  it("rejects bad keys, values and millisecond TTLs with INVALID_ARGUMENT before any I/O", async () => {
    const t = target();
    const { store } = t;
    const key = randomKey("bad");
    for (const bad of [0, -1, 2.5, Number.NaN, Infinity, 2 ** 53, "100" as unknown as number, undefined as unknown as number]) {
      await expectInvalid(t, () => store.setKeyWithExpiryMs(key, "v", bad), "setKeyWithExpiryMs", key);
      await expectInvalid(t, () => store.serializeAndSetKeyWithExpiryMs(key, "v", bad), "serializeAndSetKeyWithExpiryMs", key);
      await expectInvalid(t, () => store.setExpiryMs(key, bad), "setExpiryMs", key);
      await expectInvalid(t, () => store.setExpireAtMs(key, bad), "setExpireAtMs", key);
    }
    await expectInvalid(t, () => store.setKeyWithExpiryMs("", "v", 100), "setKeyWithExpiryMs");
    await expectInvalid(t, () => store.setKeyWithExpiryMs(key, { a: 1 } as never, 100), "setKeyWithExpiryMs", key);
    await expectInvalid(t, () => store.setKeyWithoutExpiry("", "v"), "setKeyWithoutExpiry");
    await expectInvalid(t, () => store.setKeyWithoutExpiry(key, null as never), "setKeyWithoutExpiry", key);
    await expectInvalid(t, () => store.serializeAndSetKeyWithoutExpiry("", "v"), "serializeAndSetKeyWithoutExpiry");
    await expectInvalid(t, () => store.getTtlMs(""), "getTtlMs");
    await expectInvalid(t, () => store.setExpiryMs("", 100), "setExpiryMs");
  });

  it("names the millisecond TTL in the error, never the value", async () => {
    const { store } = target();
    const error = await rejection(store.setKeyWithExpiryMs(randomKey("bad"), "secret-value", 0));
    expect(error.message).toContain("TTL in milliseconds must be a positive integer, got 0");
    expect(error.message).not.toContain("secret-value");
  });
});
