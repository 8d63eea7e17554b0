import { isRedisError } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { streams, type StreamStore } from "../src/index.js";
import { countingConnection, describeEachTarget, rejection } from "./support/targets.js";

async function fill(store: StreamStore, stream: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push(await store.streamAppendEntry(stream, `${i}-0`, { i }));
  return ids;
}

describeEachTarget("streamDeleteEntries / streamTrimEntries / streamGetLength / streamRange", (target) => {
  it("streamGetLength counts entries; 0 for a missing stream", async () => {
    const { store } = target();
    const stream = randomKey("len");
    expect(await store.streamGetLength(stream)).toBe(0);
    await fill(store, stream, 3);
    expect(await store.streamGetLength(stream)).toBe(3);
  });

  it("streamDeleteEntries deletes the given ids and counts only those that existed", async () => {
    const { store } = target();
    const stream = randomKey("del");
    await fill(store, stream, 4);
    expect(await store.streamDeleteEntries(stream, ["2-0", "3-0", "99-0"])).toBe(2);
    expect(await store.streamDeleteEntries(stream, "1-0")).toBe(1);
    expect(await store.streamDeleteEntries(randomKey("missing"), ["1-0"])).toBe(0);
    expect((await store.streamRange(stream, "-", "+")).map((entry) => entry.id)).toEqual(["4-0"]);
  });

  it("streamDeleteEntries with no ids is 0 without I/O; malformed ids are INVALID_ENTRY_ID before I/O", async () => {
    const { connection } = target();
    const { connection: counted, sent } = countingConnection(connection);
    const store = streams(counted);
    const stream = randomKey("del0");
    expect(await store.streamDeleteEntries(stream, [])).toBe(0);
    for (const id of ["abc", "1-", "*", "$", ">", "5", "18446744073709551616-0"]) {
      expect([id, (await rejection(store.streamDeleteEntries(stream, ["1-0", id]))).code]).toEqual([id, "INVALID_ENTRY_ID"]);
    }
    expect((await rejection(store.streamDeleteEntries(stream, 5 as never))).code).toBe("INVALID_ARGUMENT");
    expect(sent.send).toBe(0);
  });

  it("MAXLEN trims to exactly N by default; MINID keeps the id itself", async () => {
    const { store } = target();
    const stream = randomKey("trim");
    await fill(store, stream, 10);
    expect(await store.streamTrimEntries(stream, { kind: "MAXLEN", threshold: 7 })).toBe(3);
    expect(await store.streamGetLength(stream)).toBe(7);
    expect(await store.streamTrimEntries(stream, { kind: "MINID", threshold: "6-0", exact: true })).toBe(2);
    expect((await store.streamRange(stream, "-", "+")).map((entry) => entry.id)).toEqual(["6-0", "7-0", "8-0", "9-0", "10-0"]);
    expect(await store.streamTrimEntries(stream, { kind: "MINID", threshold: "8" })).toBe(2);
    expect(await store.streamTrimEntries(randomKey("missing"), { kind: "MAXLEN", threshold: 0 })).toBe(0);
  });

  it("approximate trimming (exact: false) leaves at least N; LIMIT caps what one call evicts", async () => {
    const { store, raw, rawKey } = target();
    const stream = randomKey("trim_approx");
    const pipeline = raw.pipeline();
    for (let i = 0; i < 400; i++) pipeline.xadd(rawKey(stream), "*", "i", String(i));
    await pipeline.exec();
    const limited = await store.streamTrimEntries(stream, { kind: "MAXLEN", threshold: 10, exact: false, limit: 100 });
    expect(limited).toBeLessThanOrEqual(100);
    const more = await store.streamTrimEntries(stream, { kind: "MAXLEN", threshold: 10, exact: false });
    const left = await store.streamGetLength(stream);
    expect(left).toBeGreaterThanOrEqual(10);
    expect(limited + more + left).toBe(400);
  });

  it("the drainer pattern: read, trim MINID = last, delete last: the trimmed count + 1 equals the read count", async () => {
    const { store } = target();
    const stream = randomKey("drainer");
    await fill(store, stream, 5);
    const read = (await store.streamReadEntries(stream, "0-0", 100))[stream] ?? [];
    expect(read).toHaveLength(5);
    const last = read[read.length - 1]?.id as string;
    const trimmed = await store.streamTrimEntries(stream, { kind: "MINID", threshold: last });
    expect(trimmed + (await store.streamDeleteEntries(stream, last))).toBe(read.length);
    expect(await store.streamGetLength(stream)).toBe(0);
  });

  it("streamTrimEntries rejects bad options before any I/O", async () => {
    const { connection } = target();
    const { connection: counted, sent } = countingConnection(connection);
    const store = streams(counted);
    const stream = randomKey("trimbad");
    const cases: Array<[string, unknown, string]> = [
      ["negative maxlen", { kind: "MAXLEN", threshold: -1 }, "INVALID_ARGUMENT"],
      ["string maxlen", { kind: "MAXLEN", threshold: "5" }, "INVALID_ARGUMENT"],
      ["bad kind", { kind: "MAXSIZE", threshold: 1 }, "INVALID_ARGUMENT"],
      ["limit with exact", { kind: "MAXLEN", threshold: 1, limit: 5 }, "INVALID_ARGUMENT"],
      ["non-boolean exact", { kind: "MAXLEN", threshold: 1, exact: "no" }, "INVALID_ARGUMENT"],
      ["no options", undefined, "INVALID_ARGUMENT"],
      ["unknown option", { kind: "MAXLEN", threshold: 1, approximate: true }, "INVALID_ARGUMENT"],
      ["bad minid", { kind: "MINID", threshold: "1-2-3" }, "INVALID_ENTRY_ID"],
      ["numeric-looking bad minid", { kind: "MINID", threshold: "-1" }, "INVALID_ENTRY_ID"],
      ["special minid", { kind: "MINID", threshold: "$" }, "INVALID_ENTRY_ID"],
    ];
    for (const [what, options, code] of cases) {
      expect([what, (await rejection(store.streamTrimEntries(stream, options as never))).code]).toEqual([what, code]);
    }
    expect(sent.send).toBe(0);
  });

  it("streamRange: inclusive and exclusive bounds, bare ms, COUNT", async () => {
    const { store } = target();
    const stream = randomKey("range");
    await store.streamAppendEntry(stream, "1-0", { a: "1" });
    await store.streamAppendEntry(stream, "1-1", { a: "2" });
    await store.streamAppendEntry(stream, "2-0", { a: "3" });
    await store.streamAppendEntry(stream, "3-0", { a: "4" });
    const ids = async (start: string, end: string, count?: number): Promise<string[]> => (await store.streamRange(stream, start, end, count)).map((entry) => entry.id);
    expect(await ids("-", "+")).toEqual(["1-0", "1-1", "2-0", "3-0"]);
    expect(await ids("1", "1")).toEqual(["1-0", "1-1"]);
    expect(await ids("(1-0", "(3-0")).toEqual(["1-1", "2-0"]);
    expect(await ids("(1", "+")).toEqual(["1-1", "2-0", "3-0"]);
    expect(await ids("-", "+", 2)).toEqual(["1-0", "1-1"]);
    expect(await store.streamRange(stream, "2-0", "2-0")).toEqual([{ id: "2-0", fields: { a: "3" } }]);
    expect(await store.streamRange(randomKey("missing"), "-", "+")).toEqual([]);
  });

  it("streamRange rejects malformed bounds and counts before any I/O", async () => {
    const { connection } = target();
    const { connection: counted, sent } = countingConnection(connection);
    const store = streams(counted);
    const stream = randomKey("rangebad");
    for (const bound of ["abc", "1-", "-1-0", "1-2-3", "18446744073709551616", "$", ">", "*", "(-", "(+", "((1"]) {
      expect([bound, (await rejection(store.streamRange(stream, bound, "+"))).code]).toEqual([bound, "INVALID_ENTRY_ID"]);
    }
    expect((await rejection(store.streamRange(stream, "-", "+", 0))).code).toBe("INVALID_ARGUMENT");
    expect(sent.send).toBe(0);
  });

  it("WRONG_TYPE for a key of another type, naming the caller's stream and operation", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("str");
    await raw.set(rawKey(key), "v");
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["streamGetLength", () => store.streamGetLength(key)],
      ["streamRange", () => store.streamRange(key, "-", "+")],
      ["streamDeleteEntries", () => store.streamDeleteEntries(key, ["1-0"])],
      ["streamTrimEntries", () => store.streamTrimEntries(key, { kind: "MAXLEN", threshold: 1 })],
    ];
    for (const [operation, call] of calls) {
      const error = await rejection(call());
      expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
      expect([error.operation, error.key]).toEqual([operation, key]);
    }
  });
});
