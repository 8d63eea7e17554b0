import fc from "fast-check";
import superjson from "superjson";
import { decodeValue, isRedisError, superjsonCodec } from "../src/index.js";

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
  it("round-trips every value of the supported types exactly", () => {
    fc.assert(
      fc.property(anyKeyValue, (value) => {
        expect(superjsonCodec.decode(superjsonCodec.encode(value))).toStrictEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it("writes what superjson.parse reads back exactly", () => {
    fc.assert(
      fc.property(superjsonValue, (value) => {
        expect(superjson.parse(superjsonCodec.encode(value))).toStrictEqual(value);
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

  it("writes the same envelope as superjson (annotation order aside)", () => {
    fc.assert(
      fc.property(superjsonValue, (value) => {
        expect(JSON.parse(superjsonCodec.encode(value))).toStrictEqual(JSON.parse(superjson.stringify(value)));
      }),
      { numRuns: 300 },
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
