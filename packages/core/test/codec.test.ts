import superjson from "superjson";
import { inspect } from "node:util";
import { decodeValue, encodeValue, isRedisError, jsonCodec, serdeCodec, superjsonCodec } from "../src/index.js";
import { thrown } from "./thrown.js";

const payment = {
  id: "pay_123",
  amount: 123456789012345678n,
  currency: "USD",
  createdAt: new Date("2026-11-25T10:00:00.000Z"),
  captures: new Map([["cap_1", 500n]]),
  tags: new Set(["card", "3ds"]),
  refund: undefined,
  pattern: /^pay_\d+$/i,
  nested: { list: [1, "two", { three: 3n }], empty: {} },
};

describe("superjson codec", () => {
  it("round-trips Date, BigInt, Map, Set, undefined and RegExp, nested", () => {
    const text = encodeValue(superjsonCodec, payment, { operation: "serializeAndSetKey", key: "p", typeName: "Payment" });
    const back = decodeValue<typeof payment>(superjsonCodec, text, { operation: "getAndDeserializeKey", key: "p", typeName: "Payment" });
    expect(back).toEqual(payment);
    expect(back.amount).toBe(123456789012345678n);
    expect(back.createdAt).toBeInstanceOf(Date);
    expect(back.captures.get("cap_1")).toBe(500n);
    expect("refund" in back).toBe(true);
  });

  it("stays readable by superjson itself, both ways", () => {
    expect(superjson.parse(superjsonCodec.encode(payment))).toEqual(payment);
    expect(superjsonCodec.decode(superjson.stringify(payment))).toEqual(payment);
  });

  it("reads plain JSON written by other services as that JSON, never as undefined", () => {
    expect(superjsonCodec.decode('{"index":1}')).toEqual({ index: 1 });
    expect(superjsonCodec.decode("42")).toBe(42);
    expect(superjsonCodec.decode("[1,2]")).toEqual([1, 2]);
    expect(superjsonCodec.decode('"text"')).toBe("text");
    expect(superjsonCodec.decode("null")).toBeNull();
    expect(superjsonCodec.decode('{"json":{"a":1},"other":true}')).toEqual({ json: { a: 1 }, other: true });
    expect(superjsonCodec.decode('{"json":{"a":1},"meta":{"author":"x"}}')).toEqual({ json: { a: 1 }, meta: { author: "x" } });
    expect(superjsonCodec.decode('{"json":{"a":1},"meta":null}')).toEqual({ json: { a: 1 }, meta: null });
    expect(superjsonCodec.decode('{"meta":{"values":["bigint"]}}')).toEqual({ meta: { values: ["bigint"] } });
  });

  it("decodes from a Buffer", () => {
    const buffer = Buffer.from(superjsonCodec.encode({ a: 1n }));
    expect(decodeValue(superjsonCodec, buffer, { operation: "read" })).toEqual({ a: 1n });
  });
});

describe("codec failures", () => {
  const cyclic: Record<string, unknown> = { id: "loop" };
  cyclic.self = cyclic;
  const cyclicMap = { orders: new Map<string, unknown>() };
  cyclicMap.orders.set("o1", cyclicMap);

  it.each([
    ["a cycle", superjsonCodec, cyclic, "circular"],
    ["a function", superjsonCodec, { run: () => 1 }, "function"],
    ["a symbol", superjsonCodec, { s: Symbol("x") }, "symbol"],
    ["a BigInt in plain JSON", jsonCodec, { amount: 1n }, "BigInt"],
    ["a cycle in plain JSON", jsonCodec, cyclic, "circular"],
    ["a bare undefined in plain JSON", jsonCodec, undefined, "JSON"],
    ["a cycle through a Map", superjsonCodec, cyclicMap, "circular reference at value.orders[0][1]"],
    ["a function in a Set", superjsonCodec, { hooks: new Set([() => 1]) }, "function at value.hooks[0]"],
    ["an invalid Date", superjsonCodec, { at: new Date(Number.NaN) }, "invalid Date at value.at"],
    ["a Buffer (superjson could not read it back)", superjsonCodec, { raw: Buffer.from("x") }, "Buffer at value.raw"],
    ["NaN in a Float64Array", superjsonCodec, { f: new Float64Array([Number.NaN]) }, "NaN or Infinity"],
  ])("%s is SERIALIZATION_FAILED naming key and type", (_name, codec, value, fragment) => {
    const error = thrown(() => encodeValue(codec, value, { operation: "serializeAndSetKey", key: "order:1", typeName: "Order" }));
    expect(isRedisError(error, "SERIALIZATION_FAILED")).toBe(true);
    expect(error.key).toBe("order:1");
    expect(error.operation).toBe("serializeAndSetKey");
    expect(error.message).toContain("Order");
    expect(error.message).toContain(fragment);
  });

  it.each([
    ["superjson", superjsonCodec, "{not json"],
    ["json", jsonCodec, "\u0000binary"],
    ["superjson", superjsonCodec, ""],
    ["a BigInt that is not a number", superjsonCodec, '{"json":"12x","meta":{"values":["bigint"],"v":1}}'],
    ["a Date that is not a date", superjsonCodec, '{"json":{"at":"soon"},"meta":{"values":{"at":["Date"]},"v":1}}'],
    ["a number that is not NaN/Infinity/-0", superjsonCodec, '{"json":"12","meta":{"values":["number"],"v":1}}'],
    ["a malformed RegExp", superjsonCodec, '{"json":"abc","meta":{"values":["regexp"],"v":1}}'],
    ["a Map that is not rows", superjsonCodec, '{"json":[1],"meta":{"values":["map"],"v":1}}'],
    ["an unknown type", superjsonCodec, '{"json":1,"meta":{"values":["money"],"v":1}}'],
    ["a registered class", superjsonCodec, '{"json":{},"meta":{"values":[["class","Payment"]],"v":1}}'],
    ["a path that does not exist", superjsonCodec, '{"json":{"a":1},"meta":{"values":{"b":["undefined"]},"v":1}}'],
    ["an index past the end", superjsonCodec, '{"json":["1"],"meta":{"values":{"1":["undefined"]},"v":1}}'],
    ["a path into the prototype", superjsonCodec, '{"json":{},"meta":{"values":{"__proto__.polluted":["undefined"]},"v":1}}'],
    ["a path into constructor", superjsonCodec, '{"json":{},"meta":{"values":{"constructor.prototype.polluted":["undefined"]},"v":1}}'],
    ["a bad escape in a path", superjsonCodec, '{"json":{"ax":"1"},"meta":{"values":{"a\\\\x":["bigint"]},"v":1}}'],
    ["malformed annotations", superjsonCodec, '{"json":{},"meta":{"values":5,"v":1}}'],
    ["a reference to a missing path", superjsonCodec, '{"json":{"a":{}},"meta":{"referentialEqualities":{"a":["b.c"]},"v":1}}'],
    ["a reference into the prototype", superjsonCodec, '{"json":{"a":{}},"meta":{"referentialEqualities":{"a":["__proto__.polluted"]},"v":1}}'],
  ])("corrupt text is DESERIALIZATION_FAILED for %s, without the text in the message", (_name, codec, text) => {
    const error = thrown(() => decodeValue(codec, text, { operation: "getAndDeserializeKey", key: "order:2", typeName: "Order" }));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect(error.key).toBe("order:2");
    expect(error.message).toContain("Order");
    if (text !== "") expect(error.message).not.toContain(text);
    expect(error.cause).toBeDefined();
    expect(Object.keys(Object.prototype)).toStrictEqual([]);
  });

  it.each([
    ["a bare word", "secret-token-4f9a"],
    ["a truncated object", '{"card":"4111111111111111","cvc":'],
    ["a stray token after a value", '{"card":"4111111111111111"} secret-token-4f9a'],
  ])("keeps %s out of the cause (JSON.parse quotes the text it could not read), for every codec", (_name, text) => {
    for (const codec of [superjsonCodec, jsonCodec, serdeCodec]) {
      const error = thrown(() => decodeValue(codec, text, { operation: "getAndDeserializeKey", key: "card:1" }));
      expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
      const printed = inspect(error, { depth: 10 }) + JSON.stringify(error) + String((error.cause as Error).message);
      expect(printed).not.toContain("secret-token");
      expect(printed).not.toContain("4111111111111111");
      expect((error.cause as Error).message).toMatch(/^the text is not valid JSON/);
    }
  });
});
