import { runInNewContext } from "node:vm";
import superjson from "superjson";
import { decodeValue, encodeValue, isRedisError, superjsonCodec } from "../src/index.js";
import { isEnvelopeText } from "./codec-forms.js";
import { thrown } from "./thrown.js";

/** An object with an own enumerable `__proto__` property, as JSON.parse makes one. */
function withProtoKey(value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = { before: 1 };
  Object.defineProperty(object, "__proto__", { value, enumerable: true, writable: true, configurable: true });
  object.after = 2;
  return object;
}

function nest(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { "a.b": value } : [value];
  return value;
}

function payments(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `pay_${i}`,
    amount: BigInt(i) * 1_000_000_007n,
    currency: i % 2 === 0 ? "USD" : "EUR",
    createdAt: new Date(Date.UTC(2026, 10, 25, 10, 0, i % 60)),
    refund: i % 3 === 0 ? undefined : null,
    metadata: Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`field_${j}`, `value ${j} of payment ${i}`])),
  }));
}

const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays

/** Shapes superjson itself can write: both libraries must agree on them in both directions. */
const corpus: [string, unknown][] = [
  ["a payment", { id: "pay_1", amount: 1234n, currency: "USD", createdAt: new Date(0), metadata: { a: "b" } }],
  ["plain JSON", { a: 1, b: [true, null, "x"], c: { d: 1.5 } }],
  ["empty object", {}],
  ["empty array", []],
  ["empty containers inside", { o: {}, a: [], m: new Map(), s: new Set() }],
  ["keys with dots", { "a.b": 1n, "a.b.c": { "d.e": new Date(1) }, ".": undefined, "..": [2n] }],
  ["keys with backslashes", { "a\\b": 1n, "a\\.b": 2n, "\\": 3n, "a\\\\": { "\\.": 4n } }],
  ["an empty key", { "": 1n, x: { "": new Date(2) } }],
  ["integer-like keys", { "0": 1n, "10": 2n, "1.0": 3n, nested: { "2": [4n, { "3": 5n }] } }],
  ["undefined in objects and arrays", { u: undefined, list: [undefined, 1, undefined] }],
  ["numbers JSON cannot hold", [NaN, Infinity, -Infinity, -0, 0, 1e308, Number.MIN_VALUE]],
  ["RegExp", { r: /a\.b\/c/gimsuy, s: /\//, t: new RegExp("") }],
  ["Map with object keys", new Map<unknown, unknown>([[{ id: 1n }, new Set([new Date(3)])], ["k", undefined]])],
  ["Set nested in Map nested in Set", new Set([new Map([[1n, new Set([2n, "x"])]])])],
  ["typed arrays", { u8: new Uint8Array([1, 255]), f64: new Float64Array([1.5, -2]), i32: new Int32Array([-1]) }],
  ["Error with a cause", { e: new Error("declined", { cause: { code: 51n } }) }],
  ["URL", { u: new URL("https://example.com/a?b=c#d") }],
  ["a bare BigInt", 123456789012345678901234567890n],
  ["a bare Date", new Date("2026-11-25T10:00:00.000Z")],
  ["bare undefined", undefined],
  ["bare -0", -0],
  ["a bare string", "text"],
  ["null", null],
  ["deep nesting (900 levels) with a BigInt at the bottom", nest(900, 42n)],
  ["unicode and lone surrogates", { "ключ.日本": "\ud800 ☃ \u0000", emoji: "🙂" }],
];

/** The corpus entries that hold only JSON types: the codec writes them as plain JSON. */
const PLAIN = new Set(["plain JSON", "empty object", "empty array", "a bare string", "null", "unicode and lone surrogates"]);

describe("superjson wire format: superjson's own output and ours agree", () => {
  it.each(corpus)("%s: the codec writes plain JSON for JSON types only, else the envelope", (name, value) => {
    expect(isEnvelopeText(superjsonCodec.encode(value))).toBe(!PLAIN.has(name));
  });

  it.each(corpus.filter(([name]) => !PLAIN.has(name)))("%s: superjson.parse reads what the codec writes", (_name, value) => {
    expect(superjson.parse(superjsonCodec.encode(value))).toStrictEqual(value);
  });

  it.each(corpus.filter(([name]) => PLAIN.has(name)))("%s: is written as exactly JSON.stringify's bytes, which superjson wrote inside its envelope", (_name, value) => {
    const text = superjsonCodec.encode(value);
    expect(text).toBe(JSON.stringify(value));
    expect(superjson.stringify(value)).toBe(`{"json":${text}}`);
  });

  it.each(corpus)("%s: the codec reads what superjson.stringify writes", (_name, value) => {
    expect(superjsonCodec.decode(superjson.stringify(value))).toStrictEqual(value);
  });

  it.each(corpus.filter(([name]) => !PLAIN.has(name)))("%s: the envelope equals superjson's (annotation order aside)", (_name, value) => {
    expect(JSON.parse(superjsonCodec.encode(value))).toStrictEqual(JSON.parse(superjson.stringify(value)));
  });

  it("reads the envelope of plain values written by superjson and by earlier versions (bytes as superjson wrote them)", () => {
    const plain = { id: "pay_1", amount: 1000, currency: "USD", captured: true, refunds: [], meta: null };
    const written = superjson.stringify(plain);
    expect(written).toBe(`{"json":${JSON.stringify(plain)}}`);
    expect(superjsonCodec.decode(written)).toStrictEqual(plain);
    expect(superjsonCodec.decode('{"json":{"total":100000000000000000000,"at":"2026-01-01T00:00:00.000Z"},"meta":{"values":{"at":["Date"]},"v":1}}')).toStrictEqual({
      total: 1e20,
      at: new Date("2026-01-01T00:00:00.000Z"),
    });
  });

  it("wraps a plain object that would read back as an envelope, and superjson reads it too", () => {
    for (const value of [{ json: 1 }, { json: { a: 1 }, meta: { v: 1 } }, { meta: { values: {} }, json: [] }, { json: "x", meta: undefined }]) {
      const text = superjsonCodec.encode(value);
      expect(text).toBe(`{"json":${JSON.stringify(value)}}`);
      expect(superjsonCodec.decode(text)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      expect(superjson.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(value)));
    }
    for (const value of [{ json: 1, other: 2 }, { meta: 1 }, { json: 1, meta: { author: "x" } }]) expect(superjsonCodec.encode(value)).toBe(JSON.stringify(value));
  });

  it("annotates a number beyond 2^53 so it reads back as that number, also through superjson", () => {
    const value = { big: 2 ** 60, negative: -(2 ** 55), huge: 1e21, safe: Number.MAX_SAFE_INTEGER };
    const text = superjsonCodec.encode(value);
    expect(isEnvelopeText(text)).toBe(true);
    expect(superjsonCodec.decode(text)).toStrictEqual(value);
    expect(superjson.parse(text)).toStrictEqual(value);
    expect(superjsonCodec.encode({ safe: Number.MAX_SAFE_INTEGER, huge: 1e21 })).toBe('{"safe":9007199254740991,"huge":1e+21}');
  });

  it("writes typed arrays made in another realm (a vm context) by their constructor's name", () => {
    const view: unknown = runInNewContext("new Int16Array([1, -2])");
    const back = superjsonCodec.decode(superjsonCodec.encode({ view })) as { view: Int16Array };
    expect(back.view).toBeInstanceOf(Int16Array);
    expect(Array.from(back.view)).toStrictEqual([1, -2]);
  });

  it("writes sparse arrays' holes as null, as superjson and JSON do", () => {
    const text = superjsonCodec.encode({ list: sparse, big: [1n, , 2n] }); // eslint-disable-line no-sparse-arrays
    expect(text).toBe(superjson.stringify({ list: sparse, big: [1n, , 2n] })); // eslint-disable-line no-sparse-arrays
    expect(superjsonCodec.decode(text)).toStrictEqual({ list: [1, null, 3], big: [1n, null, 2n] });
  });

  it("reads superjson's references: a shared Date stays one object, a cycle comes back", () => {
    const createdAt = new Date(5);
    const shared = superjsonCodec.decode(superjson.stringify({ createdAt, updatedAt: createdAt, all: new Set([createdAt]) })) as {
      createdAt: Date;
      updatedAt: Date;
      all: Set<Date>;
    };
    expect(shared.updatedAt).toBe(shared.createdAt);
    expect([...shared.all][0]).toBe(shared.createdAt);
    const loop: Record<string, unknown> = { id: 1n, children: [] };
    (loop.children as unknown[]).push(loop);
    loop.self = loop;
    const back = superjsonCodec.decode(superjson.stringify(loop)) as typeof loop;
    expect(back.self).toBe(back);
    expect((back.children as unknown[])[0]).toBe(back);
    expect(back.id).toBe(1n);
    const keyed = new Map<unknown, unknown>([["a", { v: 1 }]]);
    keyed.set("b", keyed.get("a"));
    const map = superjsonCodec.decode(superjson.stringify({ keyed })) as { keyed: Map<string, unknown> };
    expect(map.keyed.get("b")).toBe(map.keyed.get("a"));
  });

  it("writes a shared object twice (no references), which superjson reads as equal copies", () => {
    const createdAt = new Date(7);
    const text = superjsonCodec.encode({ createdAt, updatedAt: createdAt });
    expect(text).not.toContain("referentialEqualities");
    const back = superjson.parse<{ createdAt: Date; updatedAt: Date }>(text);
    expect(back).toStrictEqual({ createdAt, updatedAt: createdAt });
  });

  it("reads superjson's format version 0 (no meta.v), whose paths escape only dots", () => {
    expect(superjsonCodec.decode('{"json":{"a\\\\b":"1","c.d":"2"},"meta":{"values":{"a\\\\b":["bigint"],"c\\\\.d":["bigint"]}}}')).toStrictEqual({
      "a\\b": 1n,
      "c.d": 2n,
    });
  });
});

describe("__proto__, constructor and prototype keys", () => {
  it("round-trip as own properties, also with a special value under them, without touching prototypes", () => {
    const value = { outer: withProtoKey(new Date(9)), constructor: { prototype: 1n } };
    const back = superjsonCodec.decode(superjsonCodec.encode(value)) as typeof value;
    expect(Object.getPrototypeOf(back.outer)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back.outer, "__proto__")?.value).toEqual(new Date(9));
    expect(back.constructor.prototype).toBe(1n);
    expect(back.outer.before).toBe(1);
    expect(({} as Record<string, unknown>).before).toBeUndefined();
  });

  it("are readable by superjson where no special value sits under them", () => {
    const value = { outer: withProtoKey("plain"), amount: 5n };
    const back = superjson.parse<typeof value>(superjsonCodec.encode(value));
    expect(Object.getOwnPropertyDescriptor(back.outer, "__proto__")?.value).toBe("plain");
    expect(back.amount).toBe(5n);
  });

  it("are refused by superjson.stringify itself, so that direction does not arise", () => {
    expect(() => superjson.stringify(withProtoKey(1))).toThrow(/__proto__/);
    expect(() => superjson.stringify({ constructor: 1 })).toThrow(/constructor/);
  });
});

describe("depth", () => {
  it("encodes 1000 nested containers and fails with SERIALIZATION_FAILED from 1001 on", () => {
    expect(superjsonCodec.decode(superjsonCodec.encode(nest(1000, 1n)))).toStrictEqual(nest(1000, 1n));
    const error = thrown(() => encodeValue(superjsonCodec, nest(1001, 1n), { operation: "serializeAndSetKey", key: "deep", typeName: "Tree" }));
    expect(isRedisError(error, "SERIALIZATION_FAILED")).toBe(true);
    expect(error.message).toContain("nested deeper than 1000 levels");
    expect(error.message).toContain("Tree");
  });

  it("fails with a typed error, not a crash, for 100000 levels", () => {
    const error = thrown(() => encodeValue(superjsonCodec, nest(100_000, "x"), { operation: "serializeAndSetKey", key: "deep" }));
    expect(isRedisError(error, "SERIALIZATION_FAILED")).toBe(true);
  });

  it("decodes plain JSON of any depth (JSON.parse does not recurse)", () => {
    const levels = 100_000;
    let value = decodeValue<unknown>(superjsonCodec, `{"json":${"[".repeat(levels)}${"]".repeat(levels)}}`, { operation: "get" });
    let depth = 0;
    while (Array.isArray(value) && value.length === 1) {
      value = value[0];
      depth++;
    }
    expect(depth).toBe(levels - 1);
    expect(value).toStrictEqual([]);
  });

  it("fails with DESERIALIZATION_FAILED for annotations nested deeper than 1000 levels", () => {
    const levels = 1100;
    const annotation = `${'["set",{"0":'.repeat(levels)}["bigint"]${"}]".repeat(levels)}`;
    const text = `{"json":${"[".repeat(levels)}"1"${"]".repeat(levels)},"meta":{"values":${annotation},"v":1}}`;
    const error = thrown(() => decodeValue(superjsonCodec, text, { operation: "getAndDeserializeKey", key: "deep" }));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
  });
});

describe("10 MB payloads", () => {
  const big = payments(19_000);

  it("are written by the codec and read by superjson", () => {
    const text = superjsonCodec.encode(big);
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(superjson.parse(text)).toStrictEqual(big);
  });

  it("are written by superjson and read by the codec", () => {
    const text = superjson.stringify(big);
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(superjsonCodec.decode(text)).toStrictEqual(big);
  });

  it("round-trip a single 10 MB string", () => {
    const value = { blob: "x.\\\"🙂".repeat(2_000_000), at: new Date(1) };
    expect(superjsonCodec.decode(superjsonCodec.encode(value))).toStrictEqual(value);
  });
});
