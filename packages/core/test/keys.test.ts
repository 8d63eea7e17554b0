import { KeyResolver, groupBySlot, isRedisError, keySlot } from "../src/index.js";
import { assertKey, reconnectDelay } from "../src/internal.js";

describe("KeyResolver", () => {
  it("leaves names alone without a prefix", () => {
    expect(KeyResolver.none.key("a")).toBe("a");
    expect(KeyResolver.none.pattern("a*")).toBe("a*");
    expect(KeyResolver.none.strip("a")).toBe("a");
    expect(KeyResolver.none.extend("")).toBe(KeyResolver.none);
  });

  it("prefixes with a colon and nests (Hyperswitch's `prefix:key`)", () => {
    const tenant = KeyResolver.none.extend("app").extend("t1");
    expect(tenant.prefix).toBe("app:t1:");
    expect(tenant.key("payment:1")).toBe("app:t1:payment:1");
    expect(tenant.keysOf(["a", "b"])).toEqual(["app:t1:a", "app:t1:b"]);
    expect(tenant.strip("app:t1:payment:1")).toBe("payment:1");
    expect(tenant.strip("other:payment:1")).toBe("other:payment:1");
  });

  it("hash-tags a segment so every key of it shares a cluster slot", () => {
    const tenant = KeyResolver.none.extend("merchant", { hashTag: true });
    expect(tenant.key("a")).toBe("{merchant}:a");
    expect(keySlot(tenant.key("a"))).toBe(keySlot(tenant.key("zzz")));
  });

  it("escapes glob characters of the prefix in patterns", () => {
    expect(KeyResolver.none.extend("we*ird?[x]").pattern("k*")).toBe("we\\*ird\\?\\[x\\]:k*");
    expect(KeyResolver.none.extend("t", { hashTag: true }).pattern("*")).toBe("{t}:*");
  });

  it("rejects a prefix that is not a string", () => {
    expect(() => KeyResolver.none.extend(5 as unknown as string)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

describe("assertKey", () => {
  it.each([[""], [undefined], [42], [null]])("rejects %p", (key) => {
    try {
      assertKey(key, "getKey");
      throw new Error("no throw");
    } catch (error) {
      expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
      expect((error as Error).message).toContain("getKey");
    }
  });

  it("accepts a non-empty string", () => {
    expect(() => assertKey("k", "getKey")).not.toThrow();
  });
});

describe("cluster slots", () => {
  it("computes Redis's CRC16 slots, honouring hash tags", () => {
    // reference values from CLUSTER KEYSLOT on Redis 7 (toolchain.md §6)
    expect(keySlot("user:1")).toBe(10778);
    expect(keySlot("user:2")).toBe(6777);
    expect(keySlot("order:9")).toBe(14638);
    expect(keySlot("foo")).toBe(12182);
    expect(keySlot("bar")).toBe(5061);
    expect(keySlot("{t}:a")).toBe(15891);
    expect(keySlot("{t}:b")).toBe(15891);
  });

  it("groups keys by slot and remembers their positions", () => {
    const groups = groupBySlot(["foo", "{t}:a", "bar", "{t}:b"]);
    expect(groups).toEqual([
      { slot: 12182, keys: ["foo"], positions: [0] },
      { slot: 15891, keys: ["{t}:a", "{t}:b"], positions: [1, 3] },
      { slot: 5061, keys: ["bar"], positions: [2] },
    ]);
    expect(groupBySlot([])).toEqual([]);
  });
});

describe("reconnectDelay", () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  it("doubles per attempt with jitter in the upper half, capped", () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4, 5].map((n) => reconnectDelay(n, policy, low))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => reconnectDelay(n, policy, high))).toEqual([100, 200, 400, 800, 1000]);
  });

  it("spreads clients apart (jitter)", () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(3, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it("stops after maxAttempts, and never with 0", () => {
    expect(reconnectDelay(6, policy)).toBeNull();
    expect(reconnectDelay(1000, { ...policy, maxAttempts: 0 }, () => 1)).toBe(1000);
  });
});
