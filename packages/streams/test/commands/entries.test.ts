import { FIRST_KEY, KeyResolver, type RedisConnection } from "@redis-interface/core";
import { XADD, XDEL, XLEN, XRANGE, XTRIM } from "../../src/commands/entries.js";

/** What a transform is given as `through` (only its key resolver is used). */
const through = { keys: KeyResolver.none } as unknown as RedisConnection;

describe("stream entry builders (no Redis)", () => {
  it("XADD: stream, optional cap, id, then the fields; the reply is the new id", () => {
    const bytes = Buffer.from([1, 2]);
    const plain = XADD("s", "*", ["a", "1", "b", bytes]);
    expect(plain).toMatchObject({ name: "XADD", args: ["s", "*", "a", "1", "b", bytes], keys: FIRST_KEY });
    expect(plain.transform?.("1-0", through)).toBe("1-0");
    expect(() => plain.transform?.(null, through)).toThrow("XADD returned no id (nil)");
    expect(XADD("s", "5-1", ["f", 2], { kind: "MAXLEN", threshold: 10, approximate: false, limit: undefined }).args).toEqual(["s", "MAXLEN", "=", 10, "5-1", "f", 2]);
    expect(XADD("s", "*", ["f", "v"], { kind: "MINID", threshold: "7-0", approximate: true, limit: 100 }).args).toEqual(["s", "MINID", "~", "7-0", "LIMIT", 100, "*", "f", "v"]);
  });

  it("XDEL: stream then ids; the reply (a count) is the result", () => {
    const command = XDEL("s", ["1-0", "2-0"]);
    expect(command).toEqual({ name: "XDEL", args: ["s", "1-0", "2-0"], keys: FIRST_KEY });
  });

  it("XTRIM: stream then the cap; the reply becomes a number", () => {
    const exact = XTRIM("s", { kind: "MAXLEN", threshold: 0, approximate: false, limit: undefined });
    expect(exact).toMatchObject({ name: "XTRIM", args: ["s", "MAXLEN", "=", 0], keys: FIRST_KEY });
    expect(exact.transform?.(3, through)).toBe(3);
    expect(exact.transform?.("4", through)).toBe(4);
    expect(XTRIM("s", { kind: "MINID", threshold: "5", approximate: true, limit: 0 }).args).toEqual(["s", "MINID", "~", "5", "LIMIT", 0]);
  });

  it("XLEN: the stream only", () => {
    expect(XLEN("s")).toEqual({ name: "XLEN", args: ["s"], keys: FIRST_KEY });
  });

  it("XRANGE: start, end and an optional COUNT; entries parsed, nil fields (deleted) as {}", () => {
    expect(XRANGE("s", "-", "+").args).toEqual(["s", "-", "+"]);
    const command = XRANGE("s", "(1-0", "+", 2);
    expect(command).toMatchObject({ name: "XRANGE", args: ["s", "(1-0", "+", "COUNT", 2], keys: FIRST_KEY });
    expect(command.transform?.([["1-1", ["a", "1", "b", "2"]], ["1-2", null]], through)).toEqual([
      { id: "1-1", fields: { a: "1", b: "2" } },
      { id: "1-2", fields: {} },
    ]);
    expect(command.transform?.([], through)).toEqual([]);
    expect(command.transform?.(null, through)).toEqual([]);
  });

  it("entry fields named __proto__ stay plain own fields", () => {
    const [entry] = XRANGE("s", "-", "+").transform?.([["1-1", ["__proto__", "x", "a", "1"]]], through) ?? [];
    expect(Object.getPrototypeOf(entry?.fields)).toBe(Object.prototype);
    expect(Object.keys(entry?.fields ?? {})).toEqual(["__proto__", "a"]);
    expect(entry?.fields["__proto__"]).toBe("x");
  });
});
