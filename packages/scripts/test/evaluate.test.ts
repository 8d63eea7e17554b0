import { isRedisError } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { scripts } from "../src/index.js";
import { counting, describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("evaluateRedisScript", (target) => {
  it("returns integers, strings, nested arrays and nil as JavaScript values", async () => {
    const { lua } = target();
    const key = randomKey("ev");
    expect(await lua.evaluateRedisScript("return 42", [key])).toBe(42);
    expect(await lua.evaluateRedisScript("return ARGV[1] .. ARGV[2]", [key], ["pay_", 7])).toBe("pay_7");
    expect(await lua.evaluateRedisScript("return {1, 'two', {3, 'four'}}", [key])).toEqual([1, "two", [3, "four"]]);
    expect(await lua.evaluateRedisScript("return redis.call('GET', KEYS[1])", [key])).toBeNull();
    expect(await lua.evaluateRedisScript("return 1", [])).toBe(1);
  });

  it("sends KEYS through the view's prefix", async () => {
    const { lua, raw, rawKey } = target();
    const key = randomKey("ev");
    const seen = await lua.evaluateRedisScript<string>("redis.call('SET', KEYS[1], ARGV[1]); return KEYS[1]", [key], ["v1"]);
    expect(seen).toBe(rawKey(key));
    expect(await raw.get(rawKey(key))).toBe("v1");
  });

  it("runs multi-key scripts whose keys share a slot", async () => {
    const { lua, raw, rawKey } = target();
    const tag = randomKey("tag");
    const [a, b] = [`{${tag}}:a`, `{${tag}}:b`];
    const reply = await lua.evaluateRedisScript("redis.call('SET', KEYS[1], 'x'); redis.call('SET', KEYS[2], 'y'); return {KEYS[1], KEYS[2]}", [a, b]);
    expect(reply).toEqual([rawKey(a), rawKey(b)]);
    expect(await raw.get(rawKey(b))).toBe("y");
  });

  it("decodes string results and string elements with the codec when asked", async () => {
    const { lua, raw, rawKey, connection } = target();
    const key = randomKey("ev");
    const payment = { id: "pay_1", amount: 1000n, createdAt: new Date("2024-01-02T03:04:05Z") };
    await raw.set(rawKey(key), connection.codec.encode(payment));
    expect(await lua.evaluateRedisScript("return redis.call('GET', KEYS[1])", [key], [], { decode: "codec" })).toEqual(payment);
    expect(await lua.evaluateRedisScript("return {redis.call('GET', KEYS[1]), 5}", [key], [], { decode: "codec" })).toEqual([payment, 5]);
    expect(await lua.evaluateRedisScript("return redis.call('GET', KEYS[1])", [randomKey("none")], [], { decode: "codec" })).toBeNull();

    await raw.set(rawKey(key), "{not json");
    const error = await rejection(lua.evaluateRedisScript("return redis.call('GET', KEYS[1])", [key], [], { decode: "codec" }));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect(error.operation).toBe("evaluateRedisScript");
  });

  it("on a cluster, keys in different slots are CROSS_SLOT before anything is sent; elsewhere EVALSHA, EVAL only the first time", async () => {
    const { connection, cluster } = target();
    const probe = counting(connection);
    const [a, b] = [randomKey("xa"), randomKey("xb")];
    const source = `-- ${randomKey("script")}\nreturn #KEYS`;
    const call = scripts(probe.connection).evaluateRedisScript(source, [a, b]);
    if (cluster) {
      const error = await rejection(call);
      expect(isRedisError(error, "CROSS_SLOT")).toBe(true);
      expect(error.key).toBe(a);
      expect(probe.commands).toEqual([]);
    } else {
      expect(await call).toBe(2);
      expect(probe.commands).toEqual(["EVALSHA", "EVAL"]);
      expect(await scripts(probe.connection).evaluateRedisScript(source, [a, b])).toBe(2);
      // the script is loaded now: EVALSHA first (an EVAL after it only when define.test.ts, running
      // in parallel on the same shared server, flushed the script cache in between)
      expect(probe.commands[2]).toBe("EVALSHA");
      expect(probe.commands.slice(3).every((name) => name === "EVAL")).toBe(true);
    }
  });

  it("a Lua runtime error is SCRIPT_FAILED carrying Redis's message", async () => {
    const { lua } = target();
    const key = randomKey("ev");
    const error = await rejection(lua.evaluateRedisScript("return nosuchglobal.field", [key]));
    expect(isRedisError(error, "SCRIPT_FAILED")).toBe(true);
    expect(error.message).toMatch(/user_script|Error running script/);
    expect(error.message).toContain("nosuchglobal");
    expect(error.operation).toBe("evaluateRedisScript");
    expect(error.key).toBe(key);
    expect(error.replyCode).toBe("ERR");

    const compile = await rejection(lua.evaluateRedisScript("this is not lua", [key]));
    expect(isRedisError(compile, "SCRIPT_FAILED")).toBe(true);
  });

  it("redis.error_reply is SCRIPT_FAILED with the script's message and reply code", async () => {
    const { lua } = target();
    const error = await rejection(lua.evaluateRedisScript("return redis.error_reply('PAYMENT_DECLINED card expired')", [randomKey("ev")]));
    expect(isRedisError(error, "SCRIPT_FAILED")).toBe(true);
    expect(error.message).toContain("PAYMENT_DECLINED card expired");
    expect(error.replyCode).toBe("PAYMENT_DECLINED");
  });

  it("a wrong-type command inside the script keeps WRONG_TYPE", async () => {
    const { lua, raw, rawKey } = target();
    const key = randomKey("ev");
    await raw.rpush(rawKey(key), "x");
    const error = await rejection(lua.evaluateRedisScript("return redis.call('GET', KEYS[1])", [key]));
    expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
  });

  it("rejects bad input with INVALID_ARGUMENT before any I/O", async () => {
    const { connection } = target();
    const probe = counting(connection);
    const lua = scripts(probe.connection);
    for (const call of [
      lua.evaluateRedisScript("", ["k"]),
      lua.evaluateRedisScript("return 1", ["k", ""]),
      lua.evaluateRedisScript("return 1", "k" as unknown as string[]),
      lua.evaluateRedisScript("return 1", ["k"], [{ a: 1 } as unknown as string]),
      lua.evaluateRedisScript("return 1", ["k"], [Number.NaN]),
      lua.evaluateRedisScript("return 1", ["k"], [], { decode: "json" as "raw" }),
      lua.evaluateRedisScript("return 1", ["k"], [], { decode: "raw", decoded: true } as { decode: "raw" }),
    ]) {
      expect(isRedisError(await rejection(call), "INVALID_ARGUMENT")).toBe(true);
    }
    expect(probe.sends()).toBe(0);
  });

  it("passes Buffer arguments byte for byte", async () => {
    const { lua, raw, rawKey } = target();
    const key = randomKey("ev");
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    await lua.evaluateRedisScript("return redis.call('SET', KEYS[1], ARGV[1])", [key], [bytes]);
    expect(await raw.getBuffer(rawKey(key))).toEqual(bytes);
  });
});
