import { isRedisError, keySlot } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { streams } from "../src/index.js";
import { countingConnection, describeEachTarget, rejection, tracedCommands } from "./support/targets.js";

/** Two stream names whose stored names hash to different cluster slots. */
function inDifferentSlots(rawKey: (stream: string) => string): [string, string] {
  const first = randomKey("xs");
  for (;;) {
    const second = randomKey("xs");
    if (keySlot(rawKey(second)) !== keySlot(rawKey(first))) return [first, second];
  }
}

describeEachTarget("streamReadEntries / streamReadWithOptions (no BLOCK)", (target) => {
  it("reads entries after an id, keyed by the caller's stream name (the server holds the prefixed name)", async () => {
    const { store, raw, rawKey, connection } = target();
    const stream = randomKey("read");
    const a = await store.streamAppendEntry(stream, "*", { n: "1" });
    const b = await store.streamAppendEntry(stream, "*", { n: "2" });
    expect(await raw.xlen(rawKey(stream))).toBe(2);
    expect(await raw.exists(rawKey(stream))).toBe(1);
    if (connection.keys.key(stream) !== stream) expect(await raw.exists(stream)).toBe(0);
    expect(await store.streamReadEntries(stream, "0-0", 10)).toEqual({ [stream]: [{ id: a, fields: { n: "1" } }, { id: b, fields: { n: "2" } }] });
    expect(await store.streamReadEntries([stream], [a], 10)).toEqual({ [stream]: [{ id: b, fields: { n: "2" } }] });
    expect(await store.streamReadWithOptions([stream], ["0"], { count: 1 })).toEqual({ [stream]: [{ id: a, fields: { n: "1" } }] });
    expect(await store.streamReadWithOptions(stream, "0")).toEqual({ [stream]: [{ id: a, fields: { n: "1" } }, { id: b, fields: { n: "2" } }] });
  });

  it("defaults COUNT to settings.streamReadCount (1)", async () => {
    const { store, connection } = target();
    const stream = randomKey("count");
    for (let i = 0; i < 3; i++) await store.streamAppendEntry(stream, "*", { i });
    expect(connection.settings.streamReadCount).toBe(1);
    const result = await store.streamReadEntries(stream, "0-0");
    expect(result[stream]).toHaveLength(1);
    expect(result[stream]?.[0]?.fields).toEqual({ i: "0" });
  });

  it("a missing or exhausted stream gives [] (no error), also '$' without BLOCK", async () => {
    const { store } = target();
    const missing = randomKey("missing");
    expect(await store.streamReadEntries(missing, "0-0", 10)).toEqual({ [missing]: [] });
    expect(await store.streamReadWithOptions([missing], ["$"])).toEqual({ [missing]: [] });
    const stream = randomKey("exhausted");
    const id = await store.streamAppendEntry(stream, "*", { a: "1" });
    expect(await store.streamReadEntries(stream, id, 10)).toEqual({ [stream]: [] });
  });

  it("reads several streams sharing a hash tag in one command, each keyed by its name, missing ones as []", async () => {
    const { connection, store } = target();
    const tag = randomKey("tag");
    const [orders, refunds, empty] = [`{${tag}}:orders`, `{${tag}}:refunds`, `{${tag}}:empty`];
    const o = await store.streamAppendEntry(orders, "*", { kind: "order" });
    const r = await store.streamAppendEntry(refunds, "*", { kind: "refund" });
    const { connection: counted, sent } = countingConnection(connection);
    expect(await streams(counted).streamReadEntries([orders, refunds, empty], ["0", "0", "0"], 5)).toEqual({
      [orders]: [{ id: o, fields: { kind: "order" } }],
      [refunds]: [{ id: r, fields: { kind: "refund" } }],
      [empty]: [],
    });
    expect(sent.send).toBe(1);
  });

  it("streams in different slots: CROSS_SLOT before any I/O on a cluster, one read on a standalone server", async () => {
    const { connection, cluster, rawKey } = target();
    const [a, b] = inDifferentSlots(rawKey);
    const store = streams(connection);
    const traced = tracedCommands();
    try {
      if (cluster) {
        for (const read of [() => store.streamReadEntries([a, b], ["0", "0"]), () => store.streamReadWithOptions([a, b], ["0", "0"], { blockMs: 10 })]) {
          const error = await rejection(read());
          expect(isRedisError(error, "CROSS_SLOT")).toBe(true);
          expect(error.message).toContain("hash tag");
        }
        expect(traced.started()).toBe(0);
      } else {
        expect(await store.streamReadEntries([a, b], ["0", "0"])).toEqual({ [a]: [], [b]: [] });
        expect(traced.started()).toBe(1);
      }
    } finally {
      traced.close();
    }
  });

  it("rejects malformed ids with INVALID_ENTRY_ID before any I/O ('>' is for group reads, '*' for appends)", async () => {
    const { connection } = target();
    const { connection: counted, sent } = countingConnection(connection);
    const store = streams(counted);
    const stream = randomKey("badid");
    for (const id of [">", "*", "abc", "1-", "-1-0", "1-2-3", "18446744073709551616", "1-18446744073709551616", "-"]) {
      const a = await rejection(store.streamReadEntries(stream, id));
      const b = await rejection(store.streamReadWithOptions([stream], [id], { blockMs: 100 }));
      expect([id, a.code, a.operation, a.key, b.code, b.operation]).toEqual([id, "INVALID_ENTRY_ID", "streamReadEntries", stream, "INVALID_ENTRY_ID", "streamReadWithOptions"]);
    }
    expect(sent).toEqual({ send: 0, sendBlocking: 0 });
  });

  it("rejects bad arguments with INVALID_ARGUMENT before any I/O", async () => {
    const { connection } = target();
    const { connection: counted, sent } = countingConnection(connection);
    const store = streams(counted);
    const [a, b] = [randomKey("a"), randomKey("b")];
    const bad: Array<[string, () => Promise<unknown>]> = [
      ["fewer ids than streams", () => store.streamReadEntries([a, b], ["0"])],
      ["more ids than streams", () => store.streamReadEntries([a], ["0", "0"])],
      ["no streams", () => store.streamReadEntries([], [])],
      ["empty name", () => store.streamReadEntries([""], ["0"])],
      ["duplicate stream", () => store.streamReadEntries([a, a], ["0", "0"])],
      ["zero count", () => store.streamReadEntries(a, "0", 0)],
      ["fractional count", () => store.streamReadWithOptions(a, "0", { count: 1.5 })],
      ["negative blockMs", () => store.streamReadWithOptions(a, "0", { blockMs: -1 })],
      ["fractional blockMs", () => store.streamReadWithOptions(a, "0", { blockMs: 0.5 })],
      ["blockMs beyond Node's timers", () => store.streamReadWithOptions(a, "0", { blockMs: 2 ** 31 })],
      ["unknown option", () => store.streamReadWithOptions(a, "0", { block: 10 } as never)],
      ["ids not an id or array", () => store.streamReadEntries(a, 0 as never)],
      ["non-AbortSignal signal", () => store.streamReadWithOptions(a, "0", { blockMs: 10, signal: {} as never })],
      ["group option", () => store.streamReadWithOptions(a, ">", { group: { name: "g", consumer: "c" } } as never)],
    ];
    for (const [what, call] of bad) {
      const error = await rejection(call());
      expect({ what, code: (error as { code?: string }).code }).toEqual({ what, code: "INVALID_ARGUMENT" });
    }
    expect(sent).toEqual({ send: 0, sendBlocking: 0 });
  });

  it("reading a key of another type is WRONG_TYPE naming the caller's stream", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("str");
    await raw.set(rawKey(key), "v");
    for (const read of [() => store.streamReadEntries(key, "0"), () => store.streamReadWithOptions(key, "0", { blockMs: 10 })]) {
      const error = await rejection(read());
      expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
      expect(error.key).toBe(key);
    }
  });
});
