import { createHash } from "node:crypto";
import { isRedisError } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { scripts } from "../src/index.js";
import { counting, describeEachTarget, rejection } from "./support/targets.js";

/** A script text no other test uses, so it starts unknown to the server. */
function uniqueScript(body: string): string {
  return `-- ${randomKey("script")}\n${body}`;
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

describeEachTarget("defineScript", (target) => {
  it("uses EVALSHA, loading the script with EVAL only when the server does not know it", async () => {
    const { connection, raw, rawKey } = target();
    const probe = counting(connection);
    const source = uniqueScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");
    const incr = scripts(probe.connection).defineScript<number>({ script: source, numberOfKeys: 1, name: "incr" });
    const key = randomKey("def");

    expect(await incr([key], [2])).toBe(2);
    expect(probe.commands).toEqual(["EVALSHA", "EVAL"]);
    expect(await incr([key], [3])).toBe(5);
    expect(probe.commands).toEqual(["EVALSHA", "EVAL", "EVALSHA"]);
    expect(await raw.get(rawKey(key))).toBe("5");
  });

  it("still works after SCRIPT FLUSH between calls (on every master of a cluster)", async () => {
    const { lua, raw, rawKey, flushScripts, scriptExists, cluster } = target();
    const source = uniqueScript("return redis.call('INCR', KEYS[1])");
    const incr = lua.defineScript<number>({ script: source, numberOfKeys: 1 });
    const keys = Array.from({ length: 12 }, () => randomKey("flush"));
    for (const key of keys) expect(await incr([key])).toBe(1);
    expect((await scriptExists(sha1(source))).some(Boolean)).toBe(true);
    if (!cluster) expect(await scriptExists(sha1(source))).toEqual([true]);
    await flushScripts();
    expect((await scriptExists(sha1(source))).some(Boolean)).toBe(false);
    for (const key of keys) expect(await incr([key])).toBe(2);
    await flushScripts();
    await expect(Promise.all(keys.map((key) => incr([key])))).resolves.toEqual(keys.map(() => 3));
    expect(await raw.get(rawKey(keys[0] as string))).toBe("3");
  });

  it("checks the key count before any I/O", async () => {
    const { connection } = target();
    const probe = counting(connection);
    const two = scripts(probe.connection).defineScript({ script: "return 1", numberOfKeys: 2, name: "pair" });
    const error = await rejection(two([randomKey("one")]));
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect(error.operation).toBe("pair");
    expect(isRedisError(await rejection(two([])), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(two(["a", "b"], [null as unknown as string])), "INVALID_ARGUMENT")).toBe(true);
    expect(probe.sends()).toBe(0);
  });

  it("rejects a bad definition at once", () => {
    const { lua } = target();
    for (const definition of [
      { script: "", numberOfKeys: 1 },
      { script: "return 1", numberOfKeys: -1 },
      { script: "return 1", numberOfKeys: 1.5 },
      { script: "return 1", numberOfKeys: 1, decode: "text" as "raw" },
      { script: "return 1", numberOfKeys: 1, name: "" },
      { script: "return 1", numberOfKeys: 1, keys: 1 },
    ]) {
      let thrown: unknown;
      try {
        lua.defineScript(definition);
      } catch (error) {
        thrown = error;
      }
      expect(isRedisError(thrown, "INVALID_ARGUMENT")).toBe(true);
    }
  });

  it("on a cluster, keys in different slots are CROSS_SLOT before anything is sent", async () => {
    const { connection, cluster } = target();
    const probe = counting(connection);
    const both = scripts(probe.connection).defineScript<number>({ script: "return #KEYS", numberOfKeys: 2, name: "both" });
    const call = both([randomKey("xa"), randomKey("xb")]);
    if (cluster) {
      const error = await rejection(call);
      expect(isRedisError(error, "CROSS_SLOT")).toBe(true);
      expect(error.operation).toBe("both");
      expect(probe.commands).toEqual([]);
    } else {
      expect(await call).toBe(2);
    }
    const tag = randomKey("tag");
    expect(await both([`{${tag}}:1`, `{${tag}}:2`])).toBe(2);
  });

  it("Lua errors and redis.error_reply are SCRIPT_FAILED named after the script", async () => {
    const { lua } = target();
    const key = randomKey("def");
    const broken = lua.defineScript({ script: uniqueScript("local x = nil; return x.y"), numberOfKeys: 1, name: "broken" });
    const error = await rejection(broken([key]));
    expect(isRedisError(error, "SCRIPT_FAILED")).toBe(true);
    expect(error.operation).toBe("broken");
    expect(error.key).toBe(key);
    expect(error.message).toMatch(/attempt to index/);

    const refusing = lua.defineScript({ script: uniqueScript("return redis.error_reply('LIMIT exceeded for ' .. ARGV[1])"), numberOfKeys: 1 });
    const refused = await rejection(refusing([key], ["merchant_1"]));
    expect(isRedisError(refused, "SCRIPT_FAILED")).toBe(true);
    expect(refused.operation).toBe("defineScript");
    expect(refused.message).toContain("LIMIT exceeded for merchant_1");
    expect(refused.replyCode).toBe("LIMIT");
  });

  it("decodes replies with the codec when defined with decode: 'codec'", async () => {
    const { lua, connection } = target();
    const key = randomKey("def");
    const swap = lua.defineScript<{ at: Date } | null>({
      script: "local old = redis.call('GET', KEYS[1]); redis.call('SET', KEYS[1], ARGV[1]); return old",
      numberOfKeys: 1,
      name: "swap",
      decode: "codec",
    });
    const first = { at: new Date("2024-05-06T07:08:09Z") };
    expect(await swap([key], [connection.codec.encode(first)])).toBeNull();
    expect(await swap([key], [connection.codec.encode({ at: new Date(0) })])).toEqual(first);
  });
});
