import { isRedisError, luaScript } from "@redis-interface/core";
import { USER_SCRIPT, decodeReply } from "../../src/commands/user-script.js";
import { superjsonCodec, through } from "../support/through.js";

const SCRIPT = luaScript("return {KEYS[1], ARGV[1]}");

describe("a caller's script (pure)", () => {
  it("is EVALSHA sha numkeys key… arg… with the keys marked, the source kept for EVAL on NOSCRIPT", () => {
    const bytes = Buffer.from([0, 255]);
    const command = USER_SCRIPT(SCRIPT, ["{t}:a", "{t}:b"], ["x", 7, bytes], "raw", "swap");
    expect(command).toEqual({ name: "EVALSHA", args: [SCRIPT.sha, 2, "{t}:a", "{t}:b", "x", 7, bytes], keys: [2, 3], script: SCRIPT });
  });

  it("with no keys and no args is EVALSHA sha 0", () => {
    expect(USER_SCRIPT(SCRIPT, [], [], "raw", "op")).toEqual({ name: "EVALSHA", args: [SCRIPT.sha, 0], keys: [], script: SCRIPT });
  });

  it("raw: the reply as Redis gave it (no transform)", () => {
    expect(USER_SCRIPT(SCRIPT, ["k"], [], "raw", "op").transform).toBeUndefined();
  });

  it("codec: every string of the reply, also inside nested arrays, is decoded; numbers and nil stay", () => {
    const value = { amount: 1000n, at: new Date(0) };
    const text = superjsonCodec.encode(value);
    const { transform } = USER_SCRIPT(SCRIPT, ["k"], [], "codec", "op");
    expect(transform?.(text, through())).toEqual(value);
    expect(transform?.(Buffer.from(text), through())).toEqual(value);
    expect(transform?.([text, 5, null, [text, '"s"']], through())).toEqual([value, 5, null, [value, "s"]]);
    expect(transform?.(42, through())).toBe(42);
    expect(transform?.(null, through())).toBeNull();
  });

  it("codec: unreadable text is DESERIALIZATION_FAILED naming the operation and the first key", () => {
    const { transform } = USER_SCRIPT(SCRIPT, ["first", "second"], [], "codec", "swapStatus");
    let error: unknown;
    try {
      transform?.(["{nope"], through());
    } catch (caught) {
      error = caught;
    }
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect(error).toMatchObject({ operation: "swapStatus", key: "first" });
    expect(decodeReply(7, superjsonCodec, "op", undefined)).toBe(7);
  });
});
