import { randomKey } from "@redis-interface/testing";
import { describeEachTarget, redisCalls, expectInvalid, rejection, type KvTarget } from "./support/targets.js";

const LARGE = 1_500;

/** Writes `count` fields `f:<i>` = `v:<i>` straight into Redis (in chunks). */
async function fillHash(target: KvTarget, key: string, count: number, value = (index: number) => `v:${index}`): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    const args: string[] = [];
    for (let index = start; index < Math.min(count, start + 500); index += 1) args.push(`f:${index}`, value(index));
    await target.raw.hset(target.rawKey(key), ...args);
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const expectedValues = (count: number): string[] => Array.from({ length: count }, (_, index) => `v:${index}`).sort();

describeEachTarget("hash scan", (target) => {
  describe("hscan", () => {
    it("returns the values of the fields matching the pattern (the pattern is not prefixed)", async () => {
      const { store } = target();
      const key = randomKey("scan");
      await store.setHashFields(key, { "pm:1": "card", "pm:2": "wallet", "other:1": "x" });
      expect((await store.hscan(key, "pm:*")).sort()).toEqual(["card", "wallet"]);
      expect((await store.hscan(key, "*")).sort()).toEqual(["card", "wallet", "x"]);
      expect(await store.hscan(key, "none:*")).toEqual([]);
    });

    it("returns [] for a missing key", async () => {
      expect(await target().store.hscan(randomKey("scan"), "*")).toEqual([]);
    });

    it(`walks every page of a ${LARGE}-field hash`, async () => {
      const t = target();
      const key = randomKey("scan");
      await fillHash(t, key, LARGE);
      let values: string[] = [];
      const pages = await redisCalls(t, async () => (values = await t.store.hscan(key, "f:*", 10)));
      expect(pages).toBeGreaterThan(1);
      expect(values.sort()).toEqual(expectedValues(LARGE));
      expect((await t.store.hscan(key, "f:1?")).sort()).toEqual(["v:10", "v:11", "v:12", "v:13", "v:14", "v:15", "v:16", "v:17", "v:18", "v:19"]);
    });

    it("rejects bad input before any I/O", async () => {
      const t = target();
      const key = randomKey("scan");
      await expectInvalid(t, () => t.store.hscan("", "*"), "hscan");
      await expectInvalid(t, () => t.store.hscan(key, ""), "hscan", key);
      await expectInvalid(t, () => t.store.hscan(key, "*", 0), "hscan", key);
      await expectInvalid(t, () => t.store.hscan(key, "*", -10), "hscan", key);
      await expectInvalid(t, () => t.store.hscan(key, "*", 2.5), "hscan", key);
    });

    it("fails with WRONG_TYPE on a string key (errors are never swallowed)", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("scan");
      await raw.set(rawKey(key), "text");
      expect(await rejection(store.hscan(key, "*"))).toMatchObject({ name: "RedisError", code: "WRONG_TYPE", operation: "hscan", key });
    });
  });

  describe("hscanIterator", () => {
    it(`yields every [field, value] of a ${LARGE}-field hash, page by page`, async () => {
      const t = target();
      const key = randomKey("scan");
      await fillHash(t, key, LARGE);
      let entries: Array<[string, string]> = [];
      const pages = await redisCalls(t, async () => (entries = await collect(t.store.hscanIterator(key, "*", 10))));
      expect(pages).toBeGreaterThan(1);
      const fields = new Map(entries);
      expect(fields.size).toBe(LARGE);
      for (let index = 0; index < LARGE; index += 1) expect(fields.get(`f:${index}`)).toBe(`v:${index}`);
    });

    it("fetches only the pages that are consumed", async () => {
      const t = target();
      const key = randomKey("scan");
      await fillHash(t, key, LARGE);
      const pages = await redisCalls(t, async () => {
        for await (const [field] of t.store.hscanIterator(key, "f:*", 10)) {
          expect(field).toMatch(/^f:\d+$/);
          break;
        }
      });
      expect(pages).toBe(1);
    });

    it("yields nothing for a missing key", async () => {
      expect(await collect(target().store.hscanIterator(randomKey("scan"), "*"))).toEqual([]);
    });

    it("rejects bad input on the first next(), before any I/O", async () => {
      const t = target();
      const key = randomKey("scan");
      const op = "hscanIterator";
      await expectInvalid(t, () => collect(t.store.hscanIterator("", "*")), op);
      await expectInvalid(t, () => collect(t.store.hscanIterator(key, "")), op, key);
      await expectInvalid(t, () => collect(t.store.hscanIterator(key, "*", 0)), op, key);
      await expectInvalid(t, () => collect(t.store.hscanIterator(key, "*", 1.5)), op, key);
    });

    it("fails with WRONG_TYPE during iteration on a string key", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("scan");
      await raw.set(rawKey(key), "text");
      expect(await rejection(collect(store.hscanIterator(key, "*")))).toMatchObject({ code: "WRONG_TYPE", operation: "hscanIterator", key });
    });
  });

  describe("hscanAndDeserialize", () => {
    it("decodes every matching value", async () => {
      const { store } = target();
      const key = randomKey("scan");
      const when = new Date("2024-01-02T03:04:05Z");
      await store.serializeAndSetHashFieldIfNotExist(key, "pm:1", { id: 1, amount: 10n, at: when });
      await store.serializeAndSetHashFieldIfNotExist(key, "pm:2", { id: 2, amount: 20n, at: when });
      await store.serializeAndSetHashFieldIfNotExist(key, "other", { id: 3, amount: 30n, at: when });
      const result = await store.hscanAndDeserialize<{ id: number; amount: bigint; at: Date }>(key, "pm:*", "PaymentMethod");
      expect(result.failures).toEqual([]);
      expect(result.values.sort((a, b) => a.id - b.id)).toEqual([
        { id: 1, amount: 10n, at: when },
        { id: 2, amount: 20n, at: when },
      ]);
    });

    it("reports corrupt fields with DESERIALIZATION_FAILED instead of skipping them", async () => {
      const t = target();
      const key = randomKey("scan");
      const corrupt = new Set([7, 700, 1_499]);
      await fillHash(t, key, LARGE, (index) => (corrupt.has(index) ? `{garbage ${index}` : t.connection.codec.encode({ index })));
      const result = await t.store.hscanAndDeserialize<{ index: number }>(key, "f:*", "Entry", 10);
      expect(result.values).toHaveLength(LARGE - corrupt.size);
      expect(new Set(result.values.map((value) => value.index)).size).toBe(LARGE - corrupt.size);
      expect(result.failures.map((failure) => failure.field).sort()).toEqual(["f:1499", "f:7", "f:700"]);
      for (const { error } of result.failures) {
        expect(error).toMatchObject({ name: "RedisError", code: "DESERIALIZATION_FAILED", operation: "hscanAndDeserialize", key });
        expect(error.message).toContain("Entry");
        expect(error.message).not.toContain("garbage");
      }
    });

    it("returns nothing for a missing key", async () => {
      expect(await target().store.hscanAndDeserialize(randomKey("scan"), "*", "T")).toEqual({ values: [], failures: [] });
    });

    it("rejects bad input before any I/O, and fails with WRONG_TYPE on a string key", async () => {
      const t = target();
      const key = randomKey("scan");
      const op = "hscanAndDeserialize";
      await expectInvalid(t, () => t.store.hscanAndDeserialize("", "*", "T"), op);
      await expectInvalid(t, () => t.store.hscanAndDeserialize(key, "", "T"), op, key);
      await expectInvalid(t, () => t.store.hscanAndDeserialize(key, "*", ""), op, key);
      await expectInvalid(t, () => t.store.hscanAndDeserialize(key, "*", "T", 0), op, key);
      await t.raw.set(t.rawKey(key), "text");
      expect(await rejection(t.store.hscanAndDeserialize(key, "*", "T"))).toMatchObject({ code: "WRONG_TYPE", operation: op, key });
    });
  });
});
