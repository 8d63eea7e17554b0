import superjson from "superjson";
import { decodeValue, encodeValue, isRedisError, jsonCodec, superjsonCodec, type RedisError } from "../src/index.js";

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

function thrown(run: () => unknown): RedisError {
  try {
    run();
  } catch (error) {
    return error as RedisError;
  }
  throw new Error("expected a throw");
}

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
  });

  it("decodes from a Buffer", () => {
    const buffer = Buffer.from(superjsonCodec.encode({ a: 1n }));
    expect(decodeValue(superjsonCodec, buffer, { operation: "read" })).toEqual({ a: 1n });
  });
});

describe("codec failures", () => {
  const cyclic: Record<string, unknown> = { id: "loop" };
  cyclic.self = cyclic;

  it.each([
    ["a cycle", superjsonCodec, cyclic, "circular"],
    ["a function", superjsonCodec, { run: () => 1 }, "function"],
    ["a symbol", superjsonCodec, { s: Symbol("x") }, "symbol"],
    ["a BigInt in plain JSON", jsonCodec, { amount: 1n }, "BigInt"],
    ["a cycle in plain JSON", jsonCodec, cyclic, "circular"],
    ["a bare undefined in plain JSON", jsonCodec, undefined, "JSON"],
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
  ])("corrupt text is DESERIALIZATION_FAILED for %s, without the text in the message", (_name, codec, text) => {
    const error = thrown(() => decodeValue(codec, text, { operation: "getAndDeserializeKey", key: "order:2", typeName: "Order" }));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect(error.key).toBe("order:2");
    expect(error.message).toContain("Order");
    if (text !== "") expect(error.message).not.toContain(text);
    expect(error.cause).toBeDefined();
  });
});
