import { isRedisError, superjsonCodec, type RedisError } from "@redis-interface/core";
import { GET_DECODED, HGET_DECODED } from "../../src/commands/typed.js";
import { transformOf } from "./through.js";

function thrown(run: () => unknown): RedisError {
  try {
    run();
  } catch (error) {
    if (isRedisError(error)) return error;
    throw error;
  }
  throw new Error("nothing was thrown");
}

describe("typed read builders", () => {
  const payment = { id: "pay_1", amount: 10n, at: new Date(0) };

  it("GET key decoded with the codec of the connection it went through; only missing is a miss", () => {
    const command = GET_DECODED<typeof payment>("p", "Payment", "getAndDeserializeKey");
    expect(command).toMatchObject({ name: "GET", args: ["p"], keys: [0] });
    expect(command.miss?.(null)).toBe(true);
    expect(command.miss?.("")).toBe(false);
    expect(command.miss?.("{}")).toBe(false);
    expect(transformOf(command, superjsonCodec.encode(payment))).toEqual(payment);
  });

  it("GET: NOT_FOUND for missing, DESERIALIZATION_FAILED naming key and type but not the text (the empty string too)", () => {
    const command = GET_DECODED("p", "Payment", "getAndDeserializeKey");
    const missing = thrown(() => transformOf(command, null));
    expect(missing).toMatchObject({ code: "NOT_FOUND", operation: "getAndDeserializeKey", key: "p" });
    expect(missing.message).toContain("Payment");
    for (const reply of ["", "{secret garbage"]) {
      const error = thrown(() => transformOf(command, reply));
      expect(error).toMatchObject({ code: "DESERIALIZATION_FAILED", operation: "getAndDeserializeKey", key: "p" });
      expect(error.message).toContain("Payment");
      expect(error.message).not.toContain("secret");
    }
  });

  it("HGET key field decoded; NOT_FOUND names the field and type", () => {
    const command = HGET_DECODED<number[]>("h", "pair", "Pair", "getHashFieldAndDeserialize");
    expect(command).toMatchObject({ name: "HGET", args: ["h", "pair"], keys: [0] });
    expect(command.miss?.(null)).toBe(true);
    expect(command.miss?.("")).toBe(false);
    expect(transformOf(command, superjsonCodec.encode([1, 2]))).toEqual([1, 2]);
    const error = thrown(() => transformOf(command, null));
    expect(error).toMatchObject({ code: "NOT_FOUND", operation: "getHashFieldAndDeserialize", key: "h" });
    expect(error.message).toContain('field "pair"');
    expect(error.message).toContain("Pair");
    expect(thrown(() => transformOf(command, "{x"))).toMatchObject({ code: "DESERIALIZATION_FAILED", key: "h" });
    expect(thrown(() => transformOf(command, ""))).toMatchObject({ code: "DESERIALIZATION_FAILED", key: "h" });
  });
});
