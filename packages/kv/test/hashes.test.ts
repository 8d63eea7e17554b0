import { masterNodes, randomKey } from "@redis-interface/testing";
import { describeEachTarget, redisCalls, expectInvalid, rejection, type KvTarget } from "./support/targets.js";

const DEFAULT_HASH_TTL = 900;

/** SCRIPT FLUSH on every server, so the next script call meets NOSCRIPT. */
async function flushScripts(target: KvTarget): Promise<void> {
  await Promise.all(masterNodes(target.raw).map((node) => node.script("FLUSH")));
}

describeEachTarget("hashes", (target) => {
  describe("setHashFields", () => {
    it("writes a record under the prefixed key with the default hash TTL in one atomic step", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      let added = 0;
      const calls = await redisCalls(target(), async () => {
        added = await store.setHashFields(key, { a: "1", b: 2, c: Buffer.from("three") });
      });
      expect(added).toBe(3);
      expect(calls).toBe(1);
      expect(await raw.hgetall(rawKey(key))).toEqual({ a: "1", b: "2", c: "three" });
      const ttl = await raw.ttl(rawKey(key));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(DEFAULT_HASH_TTL);
    });

    it("accepts [field, value] pairs and an explicit TTL, counts only new fields and resets the TTL", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      expect(await store.setHashFields(key, [["a", "1"], ["b", "2"]], 60)).toBe(2);
      expect(await raw.ttl(rawKey(key))).toBeLessThanOrEqual(60);
      expect(await store.setHashFields(key, [["b", "20"], ["c", "30"]], 5_000)).toBe(1);
      expect(await raw.ttl(rawKey(key))).toBeGreaterThan(60);
      expect(await store.getHashFields(key)).toEqual({ a: "1", b: "20", c: "30" });
    });

    it("keeps binary values byte for byte", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
      await store.setHashFields(key, { bin: bytes });
      expect(await raw.hgetBuffer(rawKey(key), "bin")).toEqual(bytes);
    });

    it("rejects bad input before any I/O", async () => {
      const t = target();
      const key = randomKey("hash");
      const op = "setHashFields";
      await expectInvalid(t, () => t.store.setHashFields(key, {}), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, []), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, { a: "1" }, 0), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, { a: "1" }, -5), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, { a: "1" }, 1.5), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, { a: null as unknown as string }), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, { a: { nested: 1 } as unknown as string }), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, { a: Number.NaN }), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, [["", "1"]]), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, [["a"]] as unknown as Array<[string, string]>), op, key);
      await expectInvalid(t, () => t.store.setHashFields(key, null as unknown as Record<string, string>), op, key);
      await expectInvalid(t, () => t.store.setHashFields("", { a: "1" }), op);
      expect(await t.raw.exists(t.rawKey(key))).toBe(0);
    });

    it("fails with WRONG_TYPE on a string key", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      await raw.set(rawKey(key), "text");
      const error = await rejection(store.setHashFields(key, { a: "1" }));
      expect(error).toMatchObject({ code: "WRONG_TYPE", operation: "setHashFields", key });
      expect(await raw.get(rawKey(key))).toBe("text");
      // the script stops at the failing HSET: the string does not get the hash's TTL
      expect(await raw.ttl(rawKey(key))).toBe(-1);
    });

    it("writes thousands of fields in one call (chunked inside the script)", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("wide");
      const record = Object.fromEntries(Array.from({ length: 6_000 }, (_, i) => [`f${i}`, `v${i}`]));
      expect(await store.setHashFields(key, record, 120)).toBe(6_000);
      expect(await raw.hlen(rawKey(key))).toBe(6_000);
      expect(await raw.hget(rawKey(key), "f5999")).toBe("v5999");
      expect(await raw.ttl(rawKey(key))).toBeGreaterThan(100);
    });
  });

  describe("setHashFieldIfNotExist", () => {
    it("sets a new field with the default hash TTL, and leaves an existing field alone", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      expect(await store.setHashFieldIfNotExist(key, "f", "first")).toBe("KeySet");
      const ttl = await raw.ttl(rawKey(key));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(DEFAULT_HASH_TTL);
      expect(await store.setHashFieldIfNotExist(key, "f", "second")).toBe("KeyNotSet");
      expect(await store.getHashField(key, "f")).toBe("first");
    });

    it("does not refresh the TTL when the field was not set", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      expect(await store.setHashFieldIfNotExist(key, "f", "v", 100)).toBe("KeySet");
      expect(await raw.ttl(rawKey(key))).toBeLessThanOrEqual(100);
      expect(await store.setHashFieldIfNotExist(key, "f", "other", 5_000)).toBe("KeyNotSet");
      expect(await raw.ttl(rawKey(key))).toBeLessThanOrEqual(100);
      // a field that is set applies its TTL to the whole hash
      expect(await store.setHashFieldIfNotExist(key, "g", "v", 5_000)).toBe("KeySet");
      expect(await raw.ttl(rawKey(key))).toBeGreaterThan(100);
    });

    it("does not add a TTL to a hash without one when the field exists", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      await raw.hset(rawKey(key), "f", "v");
      expect(await store.setHashFieldIfNotExist(key, "f", "w", 30)).toBe("KeyNotSet");
      expect(await raw.ttl(rawKey(key))).toBe(-1);
    });

    it("reloads its script after SCRIPT FLUSH", async () => {
      const t = target();
      const key = randomKey("hash");
      await flushScripts(t);
      expect(await t.store.setHashFieldIfNotExist(key, "f", 7, 50)).toBe("KeySet");
      expect(await t.raw.hget(t.rawKey(key), "f")).toBe("7");
    });

    it("rejects bad input before any I/O", async () => {
      const t = target();
      const key = randomKey("hash");
      const op = "setHashFieldIfNotExist";
      await expectInvalid(t, () => t.store.setHashFieldIfNotExist("", "f", "v"), op);
      await expectInvalid(t, () => t.store.setHashFieldIfNotExist(key, "", "v"), op, key);
      await expectInvalid(t, () => t.store.setHashFieldIfNotExist(key, "f", undefined as unknown as string), op, key);
      await expectInvalid(t, () => t.store.setHashFieldIfNotExist(key, "f", "v", 0), op, key);
      await expectInvalid(t, () => t.store.setHashFieldIfNotExist(key, "f", "v", 2.5), op, key);
      expect(await t.raw.exists(t.rawKey(key))).toBe(0);
    });

    it("fails with WRONG_TYPE on a string key and leaves its TTL alone", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      await raw.set(rawKey(key), "text");
      const error = await rejection(store.setHashFieldIfNotExist(key, "f", "v", 10));
      expect(error).toMatchObject({ code: "WRONG_TYPE", operation: "setHashFieldIfNotExist", key });
      expect(await raw.ttl(rawKey(key))).toBe(-1);
    });
  });

  describe("serializeAndSetHashFieldIfNotExist", () => {
    it("encodes rich values and reads them back typed", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      const payment = { id: "pay_1", amount: 12_345_678_901_234_567_890n, createdAt: new Date("2024-05-01T10:00:00Z"), tags: new Set(["a"]) };
      expect(await store.serializeAndSetHashFieldIfNotExist(key, "payment", payment, 120)).toBe("KeySet");
      expect(await raw.ttl(rawKey(key))).toBeLessThanOrEqual(120);
      expect(await store.getHashFieldAndDeserialize<typeof payment>(key, "payment", "PaymentIntent")).toEqual(payment);
      expect(await store.serializeAndSetHashFieldIfNotExist(key, "payment", { id: "other" }, 9_000)).toBe("KeyNotSet");
      expect(await raw.ttl(rawKey(key))).toBeLessThanOrEqual(120);
    });

    it("fails with SERIALIZATION_FAILED before any I/O for functions and cycles", async () => {
      const t = target();
      const key = randomKey("hash");
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = cyclic;
      for (const value of [{ fn: () => 1 }, cyclic]) {
        let error: unknown;
        expect(await redisCalls(t, async () => (error = await rejection(t.store.serializeAndSetHashFieldIfNotExist(key, "f", value))))).toBe(0);
        expect(error).toMatchObject({ code: "SERIALIZATION_FAILED", operation: "serializeAndSetHashFieldIfNotExist", key });
      }
      expect(await t.raw.exists(t.rawKey(key))).toBe(0);
    });

    it("rejects bad input before any I/O", async () => {
      const t = target();
      const key = randomKey("hash");
      const op = "serializeAndSetHashFieldIfNotExist";
      await expectInvalid(t, () => t.store.serializeAndSetHashFieldIfNotExist("", "f", 1), op);
      await expectInvalid(t, () => t.store.serializeAndSetHashFieldIfNotExist(key, "", 1), op, key);
      await expectInvalid(t, () => t.store.serializeAndSetHashFieldIfNotExist(key, "f", 1, -1), op, key);
    });
  });

  describe("serializeAndSetMultipleHashFieldIfNotExist", () => {
    it("sets the same field on each key and returns a reply per key in order", async () => {
      const { store, raw, rawKey } = target();
      const keys = [randomKey("m"), randomKey("m"), randomKey("m")];
      await store.serializeAndSetHashFieldIfNotExist(keys[1] as string, "state", { step: 0 }, 50);
      const replies = await store.serializeAndSetMultipleHashFieldIfNotExist(
        keys.map((key, index) => [key, { step: index + 1 }] as const),
        "state",
        300,
      );
      expect(replies).toEqual(["KeySet", "KeyNotSet", "KeySet"]);
      const states = await Promise.all(keys.map((key) => store.getHashFieldAndDeserialize<{ step: number }>(key, "state", "State")));
      expect(states).toEqual([{ step: 1 }, { step: 0 }, { step: 3 }]);
      expect(await raw.ttl(rawKey(keys[0] as string))).toBeGreaterThan(50);
      expect(await raw.ttl(rawKey(keys[1] as string))).toBeLessThanOrEqual(50);
    });

    it("returns [] for no pairs without any I/O", async () => {
      const t = target();
      let replies: unknown;
      expect(await redisCalls(t, async () => (replies = await t.store.serializeAndSetMultipleHashFieldIfNotExist([], "f")))).toBe(0);
      expect(replies).toEqual([]);
    });

    it("encodes every value before writing any", async () => {
      const t = target();
      const good = randomKey("m");
      const bad = randomKey("m");
      const error = await rejection(t.store.serializeAndSetMultipleHashFieldIfNotExist([[good, { ok: true }], [bad, { fn: () => 1 }]], "f"));
      expect(error).toMatchObject({ code: "SERIALIZATION_FAILED", operation: "serializeAndSetMultipleHashFieldIfNotExist", key: bad });
      expect(await t.raw.exists(t.rawKey(good))).toBe(0);
    });

    it("rejects bad input before any I/O", async () => {
      const t = target();
      const key = randomKey("m");
      const op = "serializeAndSetMultipleHashFieldIfNotExist";
      await expectInvalid(t, () => t.store.serializeAndSetMultipleHashFieldIfNotExist([[key, 1], ["", 2]], "f"), op);
      await expectInvalid(t, () => t.store.serializeAndSetMultipleHashFieldIfNotExist([[key, 1]], ""), op);
      await expectInvalid(t, () => t.store.serializeAndSetMultipleHashFieldIfNotExist([[key, 1]], "f", 0), op);
      await expectInvalid(t, () => t.store.serializeAndSetMultipleHashFieldIfNotExist(null as unknown as [], "f"), op);
      expect(await t.raw.exists(t.rawKey(key))).toBe(0);
    });

    it("fails with WRONG_TYPE naming the string key", async () => {
      const { store, raw, rawKey } = target();
      const hash = randomKey("m");
      const text = randomKey("m");
      await raw.set(rawKey(text), "text");
      const error = await rejection(store.serializeAndSetMultipleHashFieldIfNotExist([[hash, 1], [text, 2]], "f"));
      expect(error).toMatchObject({ code: "WRONG_TYPE", operation: "serializeAndSetMultipleHashFieldIfNotExist", key: text });
    });
  });

  describe("getHashField / getHashFields", () => {
    it("reads one field or all of them; null and {} when missing", async () => {
      const { store } = target();
      const key = randomKey("hash");
      expect(await store.getHashField(key, "a")).toBeNull();
      expect(await store.getHashFields(key)).toEqual({});
      await store.setHashFields(key, { a: "1", b: "two" });
      expect(await store.getHashField(key, "b")).toBe("two");
      expect(await store.getHashField(key, "zzz")).toBeNull();
      expect(await store.getHashFields(key)).toEqual({ a: "1", b: "two" });
    });

    it("keeps a __proto__ field as data", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      await raw.hset(rawKey(key), "__proto__", "p", "x", "1");
      const all = await store.getHashFields(key);
      expect(Object.keys(all).sort()).toEqual(["__proto__", "x"]);
      expect(Object.getPrototypeOf(all)).toBe(Object.prototype);
    });

    it("rejects bad input and wrong types", async () => {
      const t = target();
      const key = randomKey("hash");
      await expectInvalid(t, () => t.store.getHashField(key, ""), "getHashField", key);
      await expectInvalid(t, () => t.store.getHashField("", "f"), "getHashField");
      await expectInvalid(t, () => t.store.getHashFields(""), "getHashFields");
      await t.raw.set(t.rawKey(key), "text");
      expect(await rejection(t.store.getHashField(key, "f"))).toMatchObject({ code: "WRONG_TYPE", operation: "getHashField", key });
      expect(await rejection(t.store.getHashFields(key))).toMatchObject({ code: "WRONG_TYPE", operation: "getHashFields", key });
    });
  });

  describe("getHashFieldAndDeserialize", () => {
    it("fails with NOT_FOUND naming key, field and type when the key or field is missing", async () => {
      const { store } = target();
      const key = randomKey("hash");
      for (const setUp of [undefined, { other: "1" }] as Array<Record<string, string> | undefined>) {
        if (setUp) await store.setHashFields(key, setUp);
        const error = await rejection(store.getHashFieldAndDeserialize(key, "payment", "PaymentIntent"));
        expect(error).toMatchObject({ name: "RedisError", code: "NOT_FOUND", operation: "getHashFieldAndDeserialize", key });
        expect(error.message).toContain(key);
        expect(error.message).toContain("payment");
        expect(error.message).toContain("PaymentIntent");
      }
    });

    it("fails with DESERIALIZATION_FAILED naming key and type for a corrupt value", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("hash");
      await raw.hset(rawKey(key), "payment", "{not json");
      const error = await rejection(store.getHashFieldAndDeserialize(key, "payment", "PaymentIntent"));
      expect(error).toMatchObject({ code: "DESERIALIZATION_FAILED", operation: "getHashFieldAndDeserialize", key });
      expect(error.message).toContain(key);
      expect(error.message).toContain("PaymentIntent");
      expect(error.message).not.toContain("{not json");
    });

    it("rejects bad input and wrong types", async () => {
      const t = target();
      const key = randomKey("hash");
      const op = "getHashFieldAndDeserialize";
      await expectInvalid(t, () => t.store.getHashFieldAndDeserialize("", "f", "T"), op);
      await expectInvalid(t, () => t.store.getHashFieldAndDeserialize(key, "", "T"), op, key);
      await expectInvalid(t, () => t.store.getHashFieldAndDeserialize(key, "f", ""), op, key);
      await t.raw.set(t.rawKey(key), "text");
      expect(await rejection(t.store.getHashFieldAndDeserialize(key, "f", "T"))).toMatchObject({ code: "WRONG_TYPE", operation: op, key });
    });
  });

  describe("incrementFieldsInHash", () => {
    it("increments each field in one atomic step and returns the new values, negative ones included", async () => {
      const t = target();
      const key = randomKey("counter");
      let values: number[] = [];
      const calls = await redisCalls(t, async () => {
        values = await t.store.incrementFieldsInHash(key, [["ok", 5], ["failed", -3]]);
      });
      expect(calls).toBe(1);
      expect(values).toEqual([5, -3]);
      expect(await t.store.incrementFieldsInHash(key, [["ok", -10], ["failed", 0], ["ok", 2]])).toEqual([-5, -3, -3]);
      expect(await t.store.getHashFields(key)).toEqual({ ok: "-3", failed: "-3" });
      expect(await t.raw.ttl(t.rawKey(key))).toBe(-1);
    });

    it("returns [] for no increments without any I/O", async () => {
      const t = target();
      let values: unknown;
      expect(await redisCalls(t, async () => (values = await t.store.incrementFieldsInHash(randomKey("counter"), [])))).toBe(0);
      expect(values).toEqual([]);
    });

    it("rejects non-integer increments and bad fields before any I/O", async () => {
      const t = target();
      const key = randomKey("counter");
      const op = "incrementFieldsInHash";
      await expectInvalid(t, () => t.store.incrementFieldsInHash(key, [["a", 1.5]]), op, key);
      await expectInvalid(t, () => t.store.incrementFieldsInHash(key, [["a", 1], ["b", Number.NaN]]), op, key);
      await expectInvalid(t, () => t.store.incrementFieldsInHash(key, [["a", Number.MAX_SAFE_INTEGER + 2]]), op, key);
      await expectInvalid(t, () => t.store.incrementFieldsInHash(key, [["", 1]]), op, key);
      await expectInvalid(t, () => t.store.incrementFieldsInHash(key, [["a", "1" as unknown as number]]), op, key);
      await expectInvalid(t, () => t.store.incrementFieldsInHash("", [["a", 1]]), op);
      expect(await t.raw.exists(t.rawKey(key))).toBe(0);
    });

    it("fails with COMMAND_FAILED when a field is not an integer, and WRONG_TYPE on a string key", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("counter");
      await raw.hset(rawKey(key), "text", "abc", "n", "5");
      const error = await rejection(store.incrementFieldsInHash(key, [["n", 1], ["text", 1], ["fresh", 2]]));
      expect(error).toMatchObject({ name: "RedisError", code: "COMMAND_FAILED", operation: "incrementFieldsInHash", key });
      expect(error.message).toContain("not an integer");
      expect(error.message).toContain("text");
      // all or nothing: the valid fields were not incremented either
      expect(await raw.hgetall(rawKey(key))).toEqual({ text: "abc", n: "5" });
      const text = randomKey("counter");
      await raw.set(rawKey(text), "1");
      expect(await rejection(store.incrementFieldsInHash(text, [["a", 1]]))).toMatchObject({ code: "WRONG_TYPE", key: text });
    });
  });

  describe("hdel", () => {
    it("removes fields and counts those that existed", async () => {
      const { store } = target();
      const key = randomKey("hash");
      await store.setHashFields(key, { a: "1", b: "2", c: "3" });
      expect(await store.hdel(key, ["a", "b", "missing"])).toBe(2);
      expect(await store.getHashFields(key)).toEqual({ c: "3" });
      expect(await store.hdel(randomKey("hash"), ["a"])).toBe(0);
    });

    it("rejects bad input and wrong types", async () => {
      const t = target();
      const key = randomKey("hash");
      await expectInvalid(t, () => t.store.hdel(key, []), "hdel", key);
      await expectInvalid(t, () => t.store.hdel(key, ["a", ""]), "hdel", key);
      await expectInvalid(t, () => t.store.hdel("", ["a"]), "hdel");
      await t.raw.set(t.rawKey(key), "text");
      expect(await rejection(t.store.hdel(key, ["a"]))).toMatchObject({ code: "WRONG_TYPE", operation: "hdel", key });
    });
  });
});
