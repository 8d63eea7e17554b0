import fc from "fast-check";
import { encodeValue, isRedisError, resolveRedisSettings, serdeCodec } from "../src/index.js";
import { thrown } from "./thrown.js";

class Capture {
  constructor(
    readonly id: string,
    readonly amount: bigint,
  ) {}
}

describe("serde codec: what serde_json expects", () => {
  it.each<[string, unknown, string]>([
    ["a bigint as a bare integer (i64 max)", { amount: 9223372036854775807n }, '{"amount":9223372036854775807}'],
    ["i64 min and u128 max", [-9223372036854775808n, 2n ** 128n - 1n], "[-9223372036854775808,340282366920938463463374607431768211455]"],
    ["a Date as an RFC 3339 string", { created_at: new Date("2026-11-25T10:00:00.123Z") }, '{"created_at":"2026-11-25T10:00:00.123Z"}'],
    ["a Date in year 0 and 9999", [new Date("0000-01-01T00:00:00.000Z"), new Date("9999-12-31T23:59:59.999Z")], '["0000-01-01T00:00:00.000Z","9999-12-31T23:59:59.999Z"]'],
    ["a Map with string keys as an object", { m: new Map<string, unknown>([["a", 1n], ["b", new Date(0)], ["c", undefined]]) }, '{"m":{"a":1,"b":"1970-01-01T00:00:00.000Z"}}'],
    ["a Set as an array", { tags: new Set(["card", 3n]) }, '{"tags":["card",3]}'],
    ["undefined fields left out (Option::None), undefined items as null", { a: undefined, b: [undefined, 1] }, '{"b":[null,1]}'],
    ["a URL as its string", { u: new URL("https://example.com/a b") }, '{"u":"https://example.com/a%20b"}'],
    ["a class instance as its fields", new Capture("cap_1", 5n), '{"id":"cap_1","amount":5}'],
    ["toJSON as JSON.stringify calls it", { price: { toJSON: (key: string) => `${key}:10.00` } }, '{"price":"price:10.00"}'],
    ["-0 as 0", { z: -0 }, '{"z":0}'],
    ["unicode keys and strings", { "ключ": "日本\u0000\ud800" }, JSON.stringify({ "ключ": "日本\u0000\ud800" })],
    ["an envelope-shaped object as it is", { json: 1, meta: { v: 1 } }, '{"json":1,"meta":{"v":1}}'],
  ])("writes %s", (_name, value, expected) => {
    expect(serdeCodec.encode(value)).toBe(expected);
  });

  it("writes every value of JSON types only as exactly JSON.stringify's bytes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(serdeCodec.encode(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads plain JSON only: an envelope-shaped value stays that object, dates stay strings, big integers are bigints", () => {
    expect(serdeCodec.decode('{"json":{"a":"1"},"meta":{"values":{"a":["bigint"]}}}')).toStrictEqual({ json: { a: "1" }, meta: { values: { a: ["bigint"] } } });
    expect(serdeCodec.decode('{"at":"2026-11-25T10:00:00.123Z","amount":9223372036854775807}')).toStrictEqual({
      at: "2026-11-25T10:00:00.123Z",
      amount: 9223372036854775807n,
    });
  });

  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it.each<[string, unknown, string]>([
    ["NaN", { fee: Number.NaN }, "NaN at value.fee"],
    ["Infinity", [1, Number.POSITIVE_INFINITY], "Infinity at value[1]"],
    ["a bigint beyond u128", { x: 2n ** 128n }, "outside i128 and u128 at value.x"],
    ["a bigint below i128", { x: -(2n ** 127n) - 1n }, "outside i128 and u128"],
    ["an invalid Date", { at: new Date(Number.NaN) }, "Date"],
    ["a Date after year 9999", { at: new Date("+010000-01-01T00:00:00.000Z") }, "years 0–9999"],
    ["a Map with a number key", { m: new Map([[1, "a"]]) }, "Map key that is not a string (number) at value.m"],
    ["a RegExp", { r: /x/ }, "RegExp at value.r"],
    ["an Error", { e: new Error("declined") }, "Error at value.e"],
    ["a Buffer", { raw: Buffer.from("x") }, "Buffer at value.raw"],
    ["a function", { run: () => 1 }, "function at value.run"],
    ["a symbol", { s: Symbol("x") }, "symbol at value.s"],
    ["a bare undefined", undefined, "undefined"],
    ["a cycle", cyclic, "circular reference at value.self"],
  ])("refuses %s with SERIALIZATION_FAILED naming the place, never the value", (_name, value, fragment) => {
    const error = thrown(() => encodeValue(serdeCodec, value, { operation: "serializeAndSetKey", key: "pay:1", typeName: "Payment" }));
    expect(isRedisError(error, "SERIALIZATION_FAILED")).toBe(true);
    expect(error.message).toContain(fragment);
    expect(error.message).toContain("serde codec");
    expect(error.message).not.toContain("declined");
  });

  it("is a pool codec by name", () => {
    expect(resolveRedisSettings({ codec: "serde" }).codec).toBe(serdeCodec);
  });
});
