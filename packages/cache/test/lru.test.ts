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
});
