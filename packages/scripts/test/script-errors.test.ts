import { RedisError, isRedisError } from "@redis-interface/core";
import { scriptError } from "../src/send-script.js";

function replyError(message: string): RedisError {
  const cause = Object.assign(new Error(message), { name: "ReplyError" });
  return new RedisError("COMMAND_FAILED", { operation: "swap", key: "k", message, cause, replyCode: message.split(" ")[0] });
}

describe("script error mapping (pure)", () => {
  it("a Lua error or redis.error_reply is SCRIPT_FAILED with Redis's message, reply code, operation and key", () => {
    const mapped = scriptError(replyError("LIMIT exceeded for merchant_1"));
    expect(isRedisError(mapped, "SCRIPT_FAILED")).toBe(true);
    expect(mapped).toMatchObject({ operation: "swap", key: "k", replyCode: "LIMIT" });
    expect((mapped as Error).message).toContain("LIMIT exceeded for merchant_1");
  });

  it("server-state replies, WRONG_TYPE and the pool's errors are left as they are", () => {
    for (const error of [
      replyError("NOPERM this user has no permissions to access one of the keys"),
      replyError("BUSY Redis is busy running a script"),
      replyError("READONLY You can't write against a read only replica."),
      new RedisError("WRONG_TYPE", { operation: "swap", key: "k", message: "WRONGTYPE" }),
      new RedisError("COMMAND_TIMEOUT", { operation: "swap", key: "k", message: "late" }),
    ]) {
      expect(scriptError(error)).toBe(error);
    }
  });
});
