import { Lru } from "../src/lru.js";

const entry = (value: unknown, bytes = 1, expiresAt = Infinity) => ({ value, bytes, expiresAt });

describe("Lru (L1)", () => {
  it("evicts the least recently used entry beyond maxEntries (a read makes an entry recent)", () => {
    let evicted = 0;
    const lru = new Lru(2, Number.MAX_SAFE_INTEGER, () => evicted++);
    lru.set("a", entry(1));
    lru.set("b", entry(2));
    expect(lru.get("a", 0)?.value).toBe(1);
    lru.set("c", entry(3));
    expect(lru.get("b", 0)).toBeUndefined();
    expect(lru.get("a", 0)?.value).toBe(1);
    expect(lru.size).toBe(2);
    expect(evicted).toBe(1);
  });

  it("evicts beyond maxBytes and never stores an entry larger than maxBytes", () => {
    let evicted = 0;
    const lru = new Lru(100, 10, () => evicted++);
    lru.set("a", entry(1, 6));
    lru.set("b", entry(2, 6));
    expect(lru.peek("a")).toBeUndefined();
    expect(lru.bytes).toBe(6);
    lru.set("big", entry(3, 11));
    expect(lru.peek("big")).toBeUndefined();
    expect(lru.bytes).toBe(6);
    expect(evicted).toBe(1);
  });

  it("drops an expired entry when read, and counts bytes through replace, delete and clear", () => {
    const lru = new Lru(10, 100, () => undefined);
    lru.set("a", entry(1, 5, 10));
    expect(lru.get("a", 9)?.value).toBe(1);
    expect(lru.get("a", 10)).toBeUndefined();
    expect(lru.bytes).toBe(0);
    lru.set("b", entry(1, 5));
    lru.set("b", entry(2, 7));
    expect(lru.bytes).toBe(7);
    expect(lru.delete("b")?.value).toBe(2);
    lru.set("c", entry(3, 3));
    expect(lru.clear()).toBe(1);
    expect([lru.size, lru.bytes]).toEqual([0, 0]);
  });

  it("agrees with a reference model over 10,000 random reads, writes and deletes (recency, bounds, bytes)", () => {
    let seed = 42;
    const random = (below: number): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed % below;
    };
    const maxEntries = 8;
    const maxBytes = 40;
    let evicted = 0;
    const lru = new Lru(maxEntries, maxBytes, () => evicted++);
    // the reference: keys from least to most recent
    let model: Array<{ key: string; value: number; bytes: number }> = [];
    let modelEvicted = 0;
    for (let step = 0; step < 10_000; step++) {
      const key = `k${random(20)}`;
      const action = random(3);
      if (action === 0) {
        const found = model.find((item) => item.key === key);
        expect(lru.get(key, 0)?.value).toBe(found?.value);
        if (found) model = [...model.filter((item) => item !== found), found];
      } else if (action === 1) {
        const bytes = 1 + random(12);
        lru.set(key, entry(step, bytes));
        model = model.filter((item) => item.key !== key);
        model.push({ key, value: step, bytes });
        while (model.length > maxEntries || model.reduce((sum, item) => sum + item.bytes, 0) > maxBytes) {
          model.shift();
          modelEvicted++;
        }
      } else {
        expect(lru.delete(key)?.value).toBe(model.find((item) => item.key === key)?.value);
        model = model.filter((item) => item.key !== key);
      }
      expect([lru.size, lru.bytes]).toEqual([model.length, model.reduce((sum, item) => sum + item.bytes, 0)]);
    }
    expect(evicted).toBe(modelEvicted);
    expect(evicted).toBeGreaterThan(100);
  });
});
