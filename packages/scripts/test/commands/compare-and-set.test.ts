import { isRedisError } from "@redis-interface/core";
import { COMPARE_AND_SET, COMPARE_AND_SET_SCRIPT, HMGET_VERSIONED } from "../../src/commands/compare-and-set.js";
import { jsonCodec, superjsonCodec, through } from "../support/through.js";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("compare-and-set commands (pure)", () => {
  it("COMPARE_AND_SET is EVALSHA of the script with the expected version and the encoded value", () => {
    const command = COMPARE_AND_SET("mandate:m_1", 0, '{"a":1}');
    expect(command).toMatchObject({ name: "EVALSHA", args: [COMPARE_AND_SET_SCRIPT.sha, 1, "mandate:m_1", 0, '{"a":1}'], keys: [2], script: COMPARE_AND_SET_SCRIPT });
    expect(command.miss).toBeUndefined();
  });

  it("COMPARE_AND_SET: [1, v] succeeded, [0, v] lost to version v, [0, -1] found no key", () => {
    const { transform } = COMPARE_AND_SET("k", 1, "x");
    expect(transform?.([1, 2], through())).toEqual({ ok: true, version: 2 });
    expect(transform?.([0, 5], through())).toEqual({ ok: false, version: 5 });
    expect(transform?.([0, -1], through())).toEqual({ ok: false, version: null });
  });

  it("HMGET_VERSIONED is HMGET key version value, with no read fallback", () => {
    const command = HMGET_VERSIONED("mandate:m_1");
    expect(command).toMatchObject({ name: "HMGET", args: ["mandate:m_1", "version", "value"], keys: [0] });
    expect(command.miss).toBeUndefined();
    expect(command.buffers).toBeUndefined();
  });

  it("HMGET_VERSIONED: an absent hash is null; a version and a value are decoded with the connection's codec", () => {
    const { transform } = HMGET_VERSIONED<{ amount: bigint; at: Date }>("k");
    const value = { amount: 10n ** 20n, at: new Date("2024-01-02T03:04:05Z") };
    expect(transform?.([null, null], through())).toBeNull();
    expect(transform?.(["3", superjsonCodec.encode(value)], through(superjsonCodec))).toEqual({ version: 3, value });
    expect(transform?.(["1", '{"a":[1,2]}'], through(jsonCodec))).toEqual({ version: 1, value: { a: [1, 2] } });
  });

  it("HMGET_VERSIONED: a bad version, a missing value or unreadable text is DESERIALIZATION_FAILED naming the key, not the value", () => {
    const { transform } = HMGET_VERSIONED("mandate:m_1");
    for (const reply of [["x", "{}"], ["1.5", "{}"], ["1", null], ["1", "{not json secret"]]) {
      const error = thrown(() => transform?.(reply, through()));
      expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
      expect(error).toMatchObject({ operation: "getVersioned", key: "mandate:m_1" });
      expect((error as Error).message).not.toContain("secret");
    }
  });
});
