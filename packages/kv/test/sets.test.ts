import { randomKey } from "@redis-interface/testing";
import { describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("sets", (target) => {
  async function expectError(promise: Promise<unknown>, code: string, operation: string, key: string | undefined): Promise<void> {
    const error = await rejection(promise);
    expect(error).toMatchObject({ name: "RedisError", code, operation, key });
  }

  describe("sadd", () => {
    it("returns how many members were new, for several new members at once", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("set");
      await expect(store.sadd(key, ["a", "b", "c"])).resolves.toBe(3);
      await expect(store.sadd(key, ["c", "d", "a"])).resolves.toBe(1);
      await expect(store.sadd(key, ["a"])).resolves.toBe(0);
      expect((await raw.smembers(rawKey(key))).sort()).toEqual(["a", "b", "c", "d"]);
      expect(await raw.ttl(rawKey(key))).toBe(-1);
    });

    it("stores numbers as text and Buffers byte for byte", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("set");
      const bytes = Buffer.from([0xff, 0x00, 0xfe]);
      await expect(store.sadd(key, [42, bytes])).resolves.toBe(2);
      expect(await raw.sismember(rawKey(key), "42")).toBe(1);
      expect(await raw.sismember(rawKey(key), bytes)).toBe(1);
    });

    it("rejects an empty list, a non-array, a bad member and an empty key before any I/O", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("set");
      await expectError(store.sadd(key, []), "INVALID_ARGUMENT", "sadd", key);
      await expectError(store.sadd(key, "a" as unknown as string[]), "INVALID_ARGUMENT", "sadd", key);
      await expectError(store.sadd(key, ["a", null as unknown as string]), "INVALID_ARGUMENT", "sadd", key);
      await expectError(store.sadd(key, ["a", { id: 1 } as unknown as string]), "INVALID_ARGUMENT", "sadd", key);
      await expectError(store.sadd(key, [Number.NaN]), "INVALID_ARGUMENT", "sadd", key);
      await expectError(store.sadd("", ["a"]), "INVALID_ARGUMENT", "sadd", undefined);
      expect(await raw.exists(rawKey(key))).toBe(0);
    });
  });

  describe("smembers", () => {
    it("returns every member, and [] when the key is missing", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("set");
      await raw.sadd(rawKey(key), "x", "y", "z");
      expect((await store.smembers(key)).sort()).toEqual(["x", "y", "z"]);
      await expect(store.smembers(randomKey("missing"))).resolves.toEqual([]);
    });
  });

  describe("sismember", () => {
    it("tells whether a member is in the set", async () => {
      const { store } = target();
      const key = randomKey("set");
      await store.sadd(key, ["x", 7]);
      await expect(store.sismember(key, "x")).resolves.toBe(true);
      await expect(store.sismember(key, 7)).resolves.toBe(true);
      await expect(store.sismember(key, "7")).resolves.toBe(true);
      await expect(store.sismember(key, "y")).resolves.toBe(false);
      await expect(store.sismember(randomKey("missing"), "x")).resolves.toBe(false);
    });

    it("rejects a bad member", async () => {
      const { store } = target();
      const key = randomKey("set");
      await expectError(store.sismember(key, undefined as unknown as string), "INVALID_ARGUMENT", "sismember", key);
      await expectError(store.sismember("", "x"), "INVALID_ARGUMENT", "sismember", undefined);
    });
  });

  describe("srem", () => {
    it("returns how many members were removed, and Redis drops the emptied key", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("set");
      await store.sadd(key, ["a", "b", "c"]);
      await expect(store.srem(key, ["a", "b", "nope"])).resolves.toBe(2);
      expect(await raw.smembers(rawKey(key))).toEqual(["c"]);
      await expect(store.srem(key, ["c"])).resolves.toBe(1);
      expect(await raw.exists(rawKey(key))).toBe(0);
      await expect(store.srem(key, ["c"])).resolves.toBe(0);
    });

    it("rejects an empty list and a bad member", async () => {
      const { store } = target();
      const key = randomKey("set");
      await expectError(store.srem(key, []), "INVALID_ARGUMENT", "srem", key);
      await expectError(store.srem(key, [true as unknown as string]), "INVALID_ARGUMENT", "srem", key);
    });
  });

  describe("scard", () => {
    it("counts the members, 0 when the key is missing", async () => {
      const { store } = target();
      const key = randomKey("set");
      await store.sadd(key, ["a", "b", "c", "d"]);
      await expect(store.scard(key)).resolves.toBe(4);
      await expect(store.scard(randomKey("missing"))).resolves.toBe(0);
      await expectError(store.scard(""), "INVALID_ARGUMENT", "scard", undefined);
    });
  });

  it("fails with WRONG_TYPE naming the operation and the caller's key when the key holds a string", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("str");
    await raw.set(rawKey(key), "plain");
    await expectError(store.sadd(key, ["a"]), "WRONG_TYPE", "sadd", key);
    await expectError(store.smembers(key), "WRONG_TYPE", "smembers", key);
    await expectError(store.sismember(key, "a"), "WRONG_TYPE", "sismember", key);
    await expectError(store.srem(key, ["a"]), "WRONG_TYPE", "srem", key);
    await expectError(store.scard(key), "WRONG_TYPE", "scard", key);
    expect(await raw.get(rawKey(key))).toBe("plain");
  });
});
