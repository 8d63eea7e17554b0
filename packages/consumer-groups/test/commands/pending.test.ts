import { FIRST_KEY, KeyResolver, type RedisConnection } from "@redis-interface/core";
import { XACK, XAUTOCLAIM, XCLAIM, XPENDING_RANGE, XPENDING_SUMMARY } from "../../src/commands/pending.js";

const through = { keys: KeyResolver.none } as unknown as RedisConnection;

describe("pending-list builders (no Redis)", () => {
  it("XACK: stream, group, ids", () => {
    expect(XACK("s", "g", ["1-0", "1-1"])).toEqual({ name: "XACK", args: ["s", "g", "1-0", "1-1"], keys: FIRST_KEY });
  });

  it("XPENDING summary: counts as numbers (Redis sends per-consumer counts as strings), nil ids as null", () => {
    const command = XPENDING_SUMMARY("s", "g");
    expect(command).toMatchObject({ name: "XPENDING", args: ["s", "g"], keys: FIRST_KEY });
    expect(command.transform?.([2, "1-1", "1-2", [["c", "2"]]], through)).toEqual({ count: 2, smallestId: "1-1", largestId: "1-2", consumers: [{ name: "c", pending: 2 }] });
    expect(command.transform?.([0, null, null, null], through)).toEqual({ count: 0, smallestId: null, largestId: null, consumers: [] });
  });

  it("XPENDING range: IDLE before the range, the consumer after the count", () => {
    expect(XPENDING_RANGE("s", "g", { start: "-", end: "+", count: 10 }).args).toEqual(["s", "g", "-", "+", 10]);
    const command = XPENDING_RANGE("s", "g", { start: "1-0", end: "2-0", count: 5, consumer: "c", minIdleMs: 100 });
    expect(command).toMatchObject({ name: "XPENDING", args: ["s", "g", "IDLE", 100, "1-0", "2-0", 5, "c"], keys: FIRST_KEY });
    expect(command.transform?.([["1-1", "c", 3, 1], ["1-2", "c", 2, 2]], through)).toEqual([
      { id: "1-1", consumer: "c", idleMs: 3, deliveries: 1 },
      { id: "1-2", consumer: "c", idleMs: 2, deliveries: 2 },
    ]);
    expect(command.transform?.([], through)).toEqual([]);
  });

  it("XCLAIM: the entries still in the stream (Redis 6.2 sends deleted ones as [id, nil])", () => {
    const command = XCLAIM("s", "g", "c", 0, ["1-1", "1-2"]);
    expect(command).toMatchObject({ name: "XCLAIM", args: ["s", "g", "c", 0, "1-1", "1-2"], keys: FIRST_KEY });
    expect(command.transform?.([["1-1", null], ["1-2", ["b", "2"]]], through)).toEqual([{ id: "1-2", fields: { b: "2" } }]);
    expect(command.transform?.([], through)).toEqual([]);
  });

  it("XAUTOCLAIM: next id, live entries, deleted ids from the third element (Redis 7) or nil entries (Redis 6.2)", () => {
    const command = XAUTOCLAIM("s", "g", "c", 60_000, "0-0", 100);
    expect(command).toMatchObject({ name: "XAUTOCLAIM", args: ["s", "g", "c", 60_000, "0-0", "COUNT", 100], keys: FIRST_KEY });
    expect(command.transform?.(["0-0", [["1-2", ["b", "2"]]], ["1-1"]], through)).toEqual({ nextId: "0-0", entries: [{ id: "1-2", fields: { b: "2" } }], deletedIds: ["1-1"] });
    expect(command.transform?.(["5-0", [["1-1", null], ["1-2", ["b", "2"]]]], through)).toEqual({ nextId: "5-0", entries: [{ id: "1-2", fields: { b: "2" } }], deletedIds: ["1-1"] });
  });
});
