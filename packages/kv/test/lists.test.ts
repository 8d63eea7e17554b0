import { randomKey } from "@redis-interface/testing";
import { describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("lists", (target) => {
  async function expectError(promise: Promise<unknown>, code: string, operation: string, key: string | undefined): Promise<void> {
    const error = await rejection(promise);
    expect(error).toMatchObject({ name: "RedisError", code, operation, key });
  }

  describe("appendElementsToList", () => {
    it("appends in order and returns the new length", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("list");
      await expect(store.appendElementsToList(key, ["a", "b"])).resolves.toBe(2);
      await expect(store.appendElementsToList(key, ["c", 4, Buffer.from("e")])).resolves.toBe(5);
      expect(await raw.lrange(rawKey(key), 0, -1)).toEqual(["a", "b", "c", "4", "e"]);
      expect(await raw.ttl(rawKey(key))).toBe(-1);
    });

    it("rejects an empty list, a non-array, a bad element and an empty key before any I/O", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("list");
      await expectError(store.appendElementsToList(key, []), "INVALID_ARGUMENT", "appendElementsToList", key);
      await expectError(store.appendElementsToList(key, "ab" as unknown as string[]), "INVALID_ARGUMENT", "appendElementsToList", key);
      await expectError(store.appendElementsToList(key, ["a", { x: 1 } as unknown as string]), "INVALID_ARGUMENT", "appendElementsToList", key);
      await expectError(store.appendElementsToList(key, [Infinity]), "INVALID_ARGUMENT", "appendElementsToList", key);
      await expectError(store.appendElementsToList("", ["a"]), "INVALID_ARGUMENT", "appendElementsToList", undefined);
      expect(await raw.exists(rawKey(key))).toBe(0);
    });
  });

  describe("getListElements", () => {
    it("returns the inclusive range, with negative indexes counting from the end", async () => {
      const { store } = target();
      const key = randomKey("list");
      await store.appendElementsToList(key, ["a", "b", "c", "d", "e"]);
      await expect(store.getListElements(key, 0, -1)).resolves.toEqual(["a", "b", "c", "d", "e"]);
      await expect(store.getListElements(key, 1, 2)).resolves.toEqual(["b", "c"]);
      await expect(store.getListElements(key, -2, -1)).resolves.toEqual(["d", "e"]);
      await expect(store.getListElements(key, 3, 1)).resolves.toEqual([]);
      await expect(store.getListElements(randomKey("missing"), 0, -1)).resolves.toEqual([]);
    });

    it("rejects non-integer indexes", async () => {
      const { store } = target();
      const key = randomKey("list");
      await expectError(store.getListElements(key, 0.5, 1), "INVALID_ARGUMENT", "getListElements", key);
      await expectError(store.getListElements(key, 0, "1" as unknown as number), "INVALID_ARGUMENT", "getListElements", key);
      await expectError(store.getListElements(key, Number.NaN, 1), "INVALID_ARGUMENT", "getListElements", key);
      await expectError(store.getListElements("", 0, 1), "INVALID_ARGUMENT", "getListElements", undefined);
    });
  });

  describe("getListLength", () => {
    it("returns the length, 0 when the key is missing", async () => {
      const { store } = target();
      const key = randomKey("list");
      await store.appendElementsToList(key, ["a", "b", "c"]);
      await expect(store.getListLength(key)).resolves.toBe(3);
      await expect(store.getListLength(randomKey("missing"))).resolves.toBe(0);
      await expectError(store.getListLength(""), "INVALID_ARGUMENT", "getListLength", undefined);
    });
  });

  describe("lpopListElements", () => {
    it("pops one element without a count, as a one-element array", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("list");
      await store.appendElementsToList(key, ["a", "b"]);
      await expect(store.lpopListElements(key)).resolves.toEqual(["a"]);
      await expect(store.lpopListElements(key)).resolves.toEqual(["b"]);
      await expect(store.lpopListElements(key)).resolves.toEqual([]);
      expect(await raw.exists(rawKey(key))).toBe(0);
    });

    it("pops up to count elements from the head", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("list");
      await store.appendElementsToList(key, ["a", "b", "c", "d"]);
      await expect(store.lpopListElements(key, 3)).resolves.toEqual(["a", "b", "c"]);
      expect(await raw.lrange(rawKey(key), 0, -1)).toEqual(["d"]);
      await expect(store.lpopListElements(key, 10)).resolves.toEqual(["d"]);
      await expect(store.lpopListElements(key, 2)).resolves.toEqual([]);
    });

    it("returns [] for a missing key, with or without count", async () => {
      const { store } = target();
      await expect(store.lpopListElements(randomKey("missing"))).resolves.toEqual([]);
      await expect(store.lpopListElements(randomKey("missing"), 5)).resolves.toEqual([]);
    });

    it("rejects a count that is not a positive integer, before popping anything", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("list");
      await store.appendElementsToList(key, ["a", "b"]);
      for (const count of [0, -1, 1.5, Number.NaN, "2" as unknown as number]) {
        await expectError(store.lpopListElements(key, count), "INVALID_ARGUMENT", "lpopListElements", key);
      }
      await expectError(store.lpopListElements(""), "INVALID_ARGUMENT", "lpopListElements", undefined);
      expect(await raw.llen(rawKey(key))).toBe(2);
    });
  });

  it("fails with WRONG_TYPE naming the operation and the caller's key when the key holds a string", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("str");
    await raw.set(rawKey(key), "plain");
    await expectError(store.appendElementsToList(key, ["a"]), "WRONG_TYPE", "appendElementsToList", key);
    await expectError(store.getListElements(key, 0, -1), "WRONG_TYPE", "getListElements", key);
    await expectError(store.getListLength(key), "WRONG_TYPE", "getListLength", key);
    await expectError(store.lpopListElements(key), "WRONG_TYPE", "lpopListElements", key);
    await expectError(store.lpopListElements(key, 2), "WRONG_TYPE", "lpopListElements", key);
    expect(await raw.get(rawKey(key))).toBe("plain");
  });
});
