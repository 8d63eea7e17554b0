import fc from "fast-check";
import { decodeValue, isRedisError, jsonCodec, serdeCodec, superjsonCodec } from "../src/index.js";
import { holdsUnsafeNumber, parseJsonLossless } from "../src/lossless-json.js";
import { thrown } from "./thrown.js";

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;
const U64_MAX = 18446744073709551615n;

/** `value` with every bigint as the number JSON.parse would have made of it. */
function rounded(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(rounded);
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: rounded(item), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  return value;
}

function outcome(parse: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

describe("integers beyond 2^53 in plain JSON decode to bigint, never rounded", () => {
  it.each([
    ["i64 max", `{"amount":${I64_MAX}}`, { amount: I64_MAX }],
    ["i64 min", `{"amount":${I64_MIN}}`, { amount: I64_MIN }],
    ["u64 max", `[${U64_MAX}]`, [U64_MAX]],
    ["2^53 itself (already ambiguous as a double)", "9007199254740992", 9007199254740992n],
    ["-2^53", "-9007199254740992", -9007199254740992n],
    ["the largest safe integer stays a number", "9007199254740991", 9007199254740991],
    ["16 digits below 2^53 stay numbers", "[1000000000000000,-1000000000000000]", [1000000000000000, -1000000000000000]],
    ["fractions and exponents stay numbers", "[12345678901234567890.5,1e30,12345678901234567890e0]", [12345678901234567890.5, 1e30, 12345678901234567890]],
    ["digits inside strings stay strings", '{"id":"12345678901234567890","n":12345678901234567890}', { id: "12345678901234567890", n: 12345678901234567890n }],
    ["whitespace around", ` \n\t{ "a" :\r\n [ ${I64_MAX} , 1 ] } `, { a: [I64_MAX, 1] }],
    ["escapes and unicode in the same text", `{"n\\u00e9":"\\"q\\" \\\\ 🙂","v":${I64_MAX}}`, { "né": '"q" \\ 🙂', v: I64_MAX }],
    ["nested", `{"a":{"b":[{"c":${I64_MIN}}]},"d":[],"e":{}}`, { a: { b: [{ c: I64_MIN }] }, d: [], e: {} }],
  ])("%s", (_name, text, expected) => {
    for (const codec of [superjsonCodec, serdeCodec, jsonCodec]) expect(codec.decode(text)).toStrictEqual(expected);
  });

  it("keeps a __proto__ key an own property and duplicate keys last-wins, as JSON.parse does", () => {
    const parsed = parseJsonLossless(`{"__proto__":{"x":${I64_MAX}},"a":1,"a":${I64_MAX}}`) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, "__proto__")?.value).toStrictEqual({ x: I64_MAX });
    expect(parsed.a).toBe(I64_MAX);
    expect(Object.keys(parsed)).toStrictEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("reads 100,000 nested arrays around a big integer (no recursion)", () => {
    const levels = 100_000;
    let value = parseJsonLossless(`${"[".repeat(levels)}${I64_MAX}${"]".repeat(levels)}`);
    for (let i = 0; i < levels; i++) value = (value as unknown[])[0];
    expect(value).toBe(I64_MAX);
  });

  it.each([
    `{"a":${I64_MAX}`,
    `[${I64_MAX},]`,
    `[${I64_MAX}] x`,
    `{"a" ${I64_MAX}}`,
    `{a:${I64_MAX}}`,
    `[0${I64_MAX}]`,
    `[+${I64_MAX}]`,
    `["\u0001",${I64_MAX}]`,
    `["\\x",${I64_MAX}]`,
    `["open,${I64_MAX}]`,
    `[${I64_MAX}.]`,
    `[tru,${I64_MAX}]`,
  ])("refuses %p like JSON.parse: DESERIALIZATION_FAILED without the text", (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const error = thrown(() => decodeValue(serdeCodec, text, { operation: "getAndDeserializeKey", key: "k" }));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect((error.cause as Error).message).not.toContain(String(I64_MAX));
  });

  it("reads a big integer at any position exactly, and leaves digits inside strings alone", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.stringMatching(/^[1-9][0-9]{15,24}$/), fc.constantFrom("", " ", "\n\t"), fc.boolean(), (padding, digits, space, negative) => {
        const number = `${negative ? "-" : ""}${digits}`;
        const text = `[{${JSON.stringify(padding)}:${space}${number}},${JSON.stringify(`${padding}${digits}`)}]`;
        const expected = Number.isSafeInteger(Number(number)) ? Number(number) : BigInt(number);
        const parsed = parseJsonLossless(text) as [Record<string, unknown>, string];
        expect(parsed[0][padding]).toBe(expected);
        expect(parsed[1]).toBe(`${padding}${digits}`);
        expect(holdsUnsafeNumber(JSON.parse(text))).toBe(typeof expected === "bigint");
      }),
      { numRuns: 1000 },
    );
  });

  it("finds an unsafe number in any container, a __proto__ property's included, deep nesting without recursion", () => {
    expect(holdsUnsafeNumber(JSON.parse('{"a":[1,{"b":2}],"c":"9223372036854775807"}'))).toBe(false);
    expect(holdsUnsafeNumber(JSON.parse('{"a":[1,{"b":9223372036854775807}]}'))).toBe(true);
    expect(holdsUnsafeNumber(JSON.parse('[-9007199254740993]'))).toBe(true);
    expect(holdsUnsafeNumber(JSON.parse("9007199254740991"))).toBe(false);
    expect(holdsUnsafeNumber(JSON.parse("1e300"))).toBe(true); // sent to the lossless parser, which keeps it a number
    expect(parseJsonLossless("1e300")).toBe(1e300);
    const proto = parseJsonLossless('{"__proto__":9223372036854775807}') as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(proto, "__proto__")?.value).toBe(9223372036854775807n);
    const deep = `${"[".repeat(100_000)}9223372036854775807${"]".repeat(100_000)}`;
    expect(holdsUnsafeNumber(JSON.parse(deep))).toBe(true);
  });

  it("agrees with JSON.parse on any text forced through the lossless parser (big integers aside)", () => {
    const text = fc.oneof(
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
      fc.string(),
      fc.string({ unit: fc.constantFrom("[", "]", "{", "}", ",", ":", '"', "\\", "1", "-", ".", "e", " ", "n", "t", "u") }),
    );
    fc.assert(
      fc.property(text, fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), (inner, big) => {
        // A leading big integer sends the text to the lossless parser.
        const forced = `[1234567890123456789,${inner},${big}]`;
        const ours = outcome(() => parseJsonLossless(forced));
        const theirs = outcome(() => JSON.parse(forced) as unknown);
        if ("error" in theirs) {
          expect(ours).toStrictEqual({ error: "SyntaxError" });
          return;
        }
        expect("value" in ours && rounded(ours.value)).toStrictEqual(theirs.value);
        const values = (ours as { value: unknown[] }).value;
        expect(values[0]).toBe(1234567890123456789n);
        expect(values[values.length - 1]).toBe(Number.isSafeInteger(Number(big)) ? Number(big) : big);
      }),
      { numRuns: 2000 },
    );
  });
});
