import { RedisError, isRedisError } from "../src/index.js";
import { toRedisError } from "../src/internal.js";

class ReplyError extends Error {
  override name = "ReplyError";
}

describe("RedisError", () => {
  it("carries code, operation, key and cause, and names them in the message", () => {
    const cause = new Error("boom");
    const error = new RedisError("NOT_FOUND", { operation: "getAndDeserializeKey", key: "payment:1", message: "no value", cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("RedisError");
    expect(error.code).toBe("NOT_FOUND");
    expect(error.operation).toBe("getAndDeserializeKey");
    expect(error.key).toBe("payment:1");
    expect((error.cause as Error).message).toBe("boom");
    expect(error.message).toBe('getAndDeserializeKey (key "payment:1"): no value');
  });

  it("serialises to JSON without its cause", () => {
    const error = new RedisError("COMMAND_FAILED", { operation: "setKey", key: "k", message: "nope", cause: { secretValue: "card-4242" } });
    const json = JSON.stringify(error);
    expect(json).toContain('"code":"COMMAND_FAILED"');
    expect(json).not.toContain("card-4242");
  });

  it("carries retryAfterMs when given and puts it in its JSON", () => {
    const error = new RedisError("IDEMPOTENCY_IN_PROGRESS", { operation: "run", key: "k", message: "busy", retryAfterMs: 1200 });
    expect(error.retryAfterMs).toBe(1200);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: "IDEMPOTENCY_IN_PROGRESS", retryAfterMs: 1200 });
    expect(new RedisError("CLOSED", { operation: "run", message: "closed" }).toJSON()).not.toHaveProperty("retryAfterMs");
  });

  it("isRedisError checks by name and code, so a copy from another bundle passes", () => {
    const foreign = Object.assign(new Error("x"), { name: "RedisError", code: "CLOSED" });
    expect(isRedisError(foreign)).toBe(true);
    expect(isRedisError(foreign, "CLOSED")).toBe(true);
    expect(isRedisError(foreign, "NOT_FOUND")).toBe(false);
    expect(isRedisError(new Error("plain"))).toBe(false);
    expect(isRedisError(null)).toBe(false);
    expect(isRedisError("RedisError")).toBe(false);
  });
});

describe("toRedisError", () => {
  it.each([
    ["WRONGTYPE Operation against a key holding the wrong kind of value", "WRONG_TYPE", "WRONGTYPE"],
    ["CROSSSLOT Keys in request don't hash to the same slot", "CROSS_SLOT", "CROSSSLOT"],
    ["NOGROUP No such key 's' or consumer group 'g'", "COMMAND_FAILED", "NOGROUP"],
    ["ERR value is not an integer or out of range", "COMMAND_FAILED", "ERR"],
  ])("maps the reply %j", (message, code, replyCode) => {
    const error = toRedisError(new ReplyError(message), "incrementKey", "counter");
    expect(error.code).toBe(code);
    expect(error.replyCode).toBe(replyCode);
    expect(error.message).toContain(message);
    expect(error.key).toBe("counter");
  });

  it.each([
    ["Connection is closed.", "CONNECTION_FAILED"],
    ["connect ECONNREFUSED 127.0.0.1:1", "CONNECTION_FAILED"],
    ["All keys in the pipeline should belong to the same slots allocation group", "CROSS_SLOT"],
    ["Command timed out", "COMMAND_TIMEOUT"],
    ["something else", "COMMAND_FAILED"],
  ])("maps the client error %j", (message, code) => {
    expect(toRedisError(new Error(message), "op").code).toBe(code);
  });

  it("keeps an existing RedisError and wraps non-errors", () => {
    const original = new RedisError("CLOSED", { operation: "a", message: "b" });
    expect(toRedisError(original, "other")).toBe(original);
    expect(toRedisError("text", "op").message).toContain("text");
  });
});

describe("RedisError cause", () => {
  it("keeps a RedisError cause as it is and strips ioredis's command from others", () => {
    const inner = new RedisError("COMMAND_FAILED", { operation: "runScript", message: "ERR x" });
    expect(new RedisError("SCRIPT_FAILED", { operation: "runScript", message: "x", cause: inner }).cause).toBe(inner);
    const ioredisError = Object.assign(new Error("WRONGTYPE nope"), { name: "ReplyError", command: { name: "hset", args: ["k", "f", "secret-v"] } });
    const cause = new RedisError("WRONG_TYPE", { operation: "setHashFields", message: "x", cause: ioredisError }).cause as Error;
    expect(cause.name).toBe("ReplyError");
    expect(cause.message).toBe("WRONGTYPE nope");
    expect(Object.keys(cause)).not.toContain("command");
    expect("command" in cause).toBe(false);
  });
});
