import { KeyResolver, type RedisConnection } from "@redis-interface/core";
import { streamReadCommand } from "../../src/commands/read.js";

const plain = { keys: KeyResolver.none } as unknown as RedisConnection;
const tenant = { keys: KeyResolver.none.extend("t1") } as unknown as RedisConnection;

describe("streamReadCommand: the one XREAD / XREADGROUP builder (no Redis)", () => {
  it("XREAD with only streams and ids; the streams are the keys", () => {
    expect(streamReadCommand({ streams: ["a", "b"], ids: ["0", "$"] })).toMatchObject({ name: "XREAD", args: ["STREAMS", "a", "b", "0", "$"], keys: [1, 2] });
  });

  it("XREAD COUNT and BLOCK go before STREAMS", () => {
    expect(streamReadCommand({ streams: ["a"], ids: ["1-0"], count: 10, blockMs: 0 })).toMatchObject({
      name: "XREAD",
      args: ["COUNT", 10, "BLOCK", 0, "STREAMS", "a", "1-0"],
      keys: [5],
    });
  });

  it("XREADGROUP: GROUP g c, COUNT, BLOCK, NOACK, then STREAMS", () => {
    const group = { name: "g", consumer: "c" };
    expect(streamReadCommand({ streams: ["a"], ids: [">"], group })).toMatchObject({ name: "XREADGROUP", args: ["GROUP", "g", "c", "STREAMS", "a", ">"], keys: [4] });
    expect(streamReadCommand({ streams: ["a", "b"], ids: [">", "0"], count: 100, blockMs: 2000, group: { ...group, noAck: true } })).toMatchObject({
      name: "XREADGROUP",
      args: ["GROUP", "g", "c", "COUNT", 100, "BLOCK", 2000, "NOACK", "STREAMS", "a", "b", ">", "0"],
      keys: [9, 10],
    });
    expect(streamReadCommand({ streams: ["a"], ids: [">"], group: { ...group, noAck: false } }).args).not.toContain("NOACK");
  });

  const entries = [["1-0", ["f", "v"]], ["1-1", ["g", "w", "h", "x"]]];
  const parsed = [{ id: "1-0", fields: { f: "v" } }, { id: "1-1", fields: { g: "w", h: "x" } }];

  it.each([
    ["RESP2 pairs", [["a", entries]]],
    ["RESP3 map, flat (ioredis's default mapping)", ["a", entries]],
    ["RESP3 map as a Map", new Map([["a", entries]])],
    ["RESP3 map as an object", { a: entries }],
  ])("the reply (%s) is keyed by the caller's names, every stream present", (_shape, reply) => {
    const command = streamReadCommand({ streams: ["a", "b"], ids: ["0", "0"] });
    expect(command.transform?.(reply, plain)).toEqual({ a: parsed, b: [] });
  });

  it("stream names Redis returns are stripped of the view's prefix", () => {
    const command = streamReadCommand({ streams: ["a", "b"], ids: ["0", "0"] });
    expect(command.transform?.(["t1:b", entries], tenant)).toEqual({ a: [], b: parsed });
    expect(command.transform?.([["t1:a", entries], ["t1:b", []]], tenant)).toEqual({ a: parsed, b: [] });
  });

  it("nil (nothing read, or a BLOCK that timed out) gives [] for every stream", () => {
    expect(streamReadCommand({ streams: ["a", "b"], ids: ["$", "$"], blockMs: 10 }).transform?.(null, plain)).toEqual({ a: [], b: [] });
  });

  it("a group read's history keeps deleted entries with no fields", () => {
    const command = streamReadCommand({ streams: ["a"], ids: ["0"], group: { name: "g", consumer: "c" } });
    expect(command.transform?.([["a", [["1-0", null], ["1-1", ["f", "v"]]]]], plain)).toEqual({ a: [{ id: "1-0", fields: {} }, { id: "1-1", fields: { f: "v" } }] });
  });
});
