import fc from "fast-check";
import superjson from "superjson";
import { decodeValue, isRedisError, superjsonCodec } from "../src/index.js";
import { holdsBigDouble, isEnvelopeText, withoutUndefinedProperties } from "./codec-forms.js";

/** Keys that stress path escaping, besides random strings. */
const awkwardKey = fc.constantFrom("a.b", "a\\b", "a\\.b", "\\", ".", "", "0", "1.0", "x.y.z", "🙂.☃");
/** superjson refuses these keys outright, so they only appear where superjson is not involved. */
const prototypeKey = fc.constantFrom("__proto__", "constructor", "prototype");
/**
 * For exact comparison: Jest's toStrictEqual compares `a.constructor === b.constructor`, which an own
 * `constructor` key holding an object breaks; such keys are covered by the corpus test instead.
 */
const comparableKey = fc.constantFrom("__proto__", "prototype");

const regexp = fc
  .tuple(fc.constantFrom("a.b", "^pay_\\d+$", "[/]", "\\/", "", "x|y"), fc.subarray(["g", "i", "m", "s", "u", "y"]))
  .map(([source, flags]) => new RegExp(source, flags.join("")));

const leaf = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.double(), // NaN, ±Infinity and -0 included
  fc.integer(),
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
  regexp,
);

function values(key: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown>; map: Map<unknown, unknown>; set: Set<unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object"), tie("map"), tie("set")),
    array: fc.array(tie("value"), { maxLength: 4 }),
    object: fc.dictionary(key, tie("value"), { maxKeys: 4, noNullPrototype: true }),
    map: fc.array(fc.tuple(tie("value"), tie("value")), { maxLength: 3 }).map((entries) => new Map(entries)),
    set: fc.array(tie("value"), { maxLength: 3 }).map((items) => new Set(items)),
  })).value;
}

const superjsonValue = values(fc.oneof(fc.string().filter((key) => !["__proto__", "constructor", "prototype"].includes(key)), awkwardKey));
const anyKeyValue = values(fc.oneof(fc.string().filter((key) => key !== "constructor"), awkwardKey, comparableKey));

describe("superjson codec properties (fast-check)", () => {
  it("round-trips every value of the supported types exactly (undefined object properties only inside the envelope)", () => {
    fc.assert(
      fc.property(anyKeyValue, (value) => {
        const text = superjsonCodec.encode(value);
        expect(superjsonCodec.decode(text)).toStrictEqual(isEnvelopeText(text) ? value : withoutUndefinedProperties(value));
      }),
      { numRuns: 500 },
    );
  });

  it("writes what superjson.parse reads back exactly, or exactly JSON.stringify's bytes", () => {
    fc.assert(
      fc.property(superjsonValue, (value) => {
        const text = superjsonCodec.encode(value);
        if (isEnvelopeText(text)) expect(superjson.parse(text)).toStrictEqual(value);
        else expect(text).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it("reads what superjson.stringify writes exactly", () => {
    fc.assert(
      fc.property(superjsonValue, (value) => {
        expect(superjsonCodec.decode(superjson.stringify(value))).toStrictEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it("writes the same envelope as superjson when it writes one (annotation order aside)", () => {
    fc.assert(
      fc.property(superjsonValue, (value) => {
        fc.pre(!holdsBigDouble(value));
        const text = superjsonCodec.encode(value);
        if (isEnvelopeText(text)) expect(JSON.parse(text)).toStrictEqual(JSON.parse(superjson.stringify(value)));
        else expect(JSON.parse(superjson.stringify(withoutUndefinedProperties(value)))).toStrictEqual({ json: JSON.parse(text) });
      }),
      { numRuns: 300 },
    );
  });

  it("writes every value of JSON types only (nested, unicode, any finite number) as exactly JSON.stringify's bytes", () => {
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.maxSafeInteger());
    const jsonOnly = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "binary" }),
        number.filter((n) => !Object.is(n, -0) && Math.abs(n) <= Number.MAX_SAFE_INTEGER || Math.abs(n) >= 1e21),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 5 }),
        fc.dictionary(fc.oneof(fc.string({ unit: "grapheme" }), awkwardKey, comparableKey), fc.oneof(tie("value"), fc.constant(undefined)), { maxKeys: 5, noNullPrototype: true }),
      ),
    })).value;
    fc.assert(
      fc.property(jsonOnly, (value) => {
        const text = superjsonCodec.encode(value);
        expect(text).toBe(JSON.stringify(value));
        expect(superjsonCodec.decode(text)).toStrictEqual(withoutUndefinedProperties(value));
      }),
      { numRuns: 1000 },
    );
  });

  it("decodes any text to a value or DESERIALIZATION_FAILED, and never reaches a prototype", () => {
    const annotation = fc.constantFrom('["bigint"]', '["Date"]', '["map"]', '["set",{"0":["undefined"]}]', '["number"]', "5", "{}");
    const path = fc.oneof(fc.string(), prototypeKey, fc.constantFrom("__proto__.x", "constructor.prototype.x", "0", "a.0", "a\\", "a\\x"));
    const envelope = fc
      .tuple(fc.json(), fc.dictionary(path, annotation, { maxKeys: 3 }), fc.constantFrom("", ',"v":1', ',"v":0'))
      .map(([json, paths, version]) => {
        const values = Object.entries(paths)
          .map(([key, tree]) => `${JSON.stringify(key)}:${tree}`)
          .join(",");
        return `{"json":${json},"meta":{"values":{${values}}${version}}}`;
      });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), envelope), (text) => {
        try {
          decodeValue(superjsonCodec, text, { operation: "fuzz", key: "k" });
        } catch (error) {
          expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
        }
        expect(Object.keys(Object.prototype)).toStrictEqual([]);
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});
