import calculateSlot from "cluster-key-slot";
import fc from "fast-check";
import { FIRST_KEY, KeyResolver, NO_KEYS, keySlot, leadingKeys, luaScript, scriptCommand, type RedisCommand } from "../src/index.js";
import { firstKey } from "../src/command.js";
import { utf8Reply } from "../src/reply-strings.js";
import { hasBuffer, prefixedArguments, wireArguments, wireSlot } from "../src/wire-arguments.js";

const none = KeyResolver.none;
const tenant = KeyResolver.none.extend("tenant");
const nested = tenant.extend("app", { hashTag: true });

function command(name: string, args: RedisCommand["args"], keys: readonly number[]): RedisCommand<unknown> {
  return { name, args, keys };
}

describe("leadingKeys, FIRST_KEY, NO_KEYS, firstKey", () => {
  it("lists the first count indexes, from an offset", () => {
    expect(leadingKeys(0)).toEqual([]);
    expect(leadingKeys(3)).toEqual([0, 1, 2]);
    expect(leadingKeys(2, 2)).toEqual([2, 3]);
  });

  it("shares frozen FIRST_KEY and NO_KEYS", () => {
    expect(FIRST_KEY).toEqual([0]);
    expect(NO_KEYS).toEqual([]);
    expect(Object.isFrozen(FIRST_KEY)).toBe(true);
    expect(Object.isFrozen(NO_KEYS)).toBe(true);
  });

  it("names the caller's first key, or none", () => {
    expect(firstKey(command("MGET", ["a", "b"], [0, 1]))).toBe("a");
    expect(firstKey(command("EVALSHA", ["sha", 1, "k"], [2]))).toBe("k");
    expect(firstKey(command("PING", [], NO_KEYS))).toBeUndefined();
  });
});

describe("scriptCommand", () => {
  const script = luaScript("return KEYS[1]");

  it("describes EVALSHA sha numkeys keys… args… with the keys after the count", () => {
    const described = scriptCommand(script, ["k1", "k2"], ["a", 7]);
    expect(described).toEqual({ name: "EVALSHA", args: [script.sha, 2, "k1", "k2", "a", 7], keys: [2, 3], script });
    expect(Object.keys(described)).not.toContain("transform");
  });

  it("keeps a script without keys keyless, and carries its transform", () => {
    const transform = (reply: unknown): number => Number(reply);
    const described = scriptCommand(script, [], ["x"], transform);
    expect(described.args).toEqual([script.sha, 0, "x"]);
    expect(described.keys).toEqual([]);
    expect(described.transform).toBe(transform);
    expect(described.transform?.("12", undefined as never)).toBe(12);
  });

  it("hashes the source as Redis does (SHA1, hex)", () => {
    expect(luaScript("return 1").sha).toBe("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  });
});

describe("wireArguments", () => {
  it("returns the description's own array when nothing changes (no prefix, only strings)", () => {
    const args = ["k", "v", "EX", "300"];
    expect(wireArguments("setKey", command("SET", args, FIRST_KEY), none, false)).toBe(args);
  });

  it("prefixes only the keys, through nested views and hash tags, without touching the description", () => {
    const args = ["a", "value-a", "b", "value-b"];
    const described = command("MSET", args, [0, 2]);
    expect(wireArguments("setMultipleKeys", described, tenant, false)).toEqual(["tenant:a", "value-a", "tenant:b", "value-b"]);
    expect(wireArguments("setMultipleKeys", described, nested, false)).toEqual(["tenant:{app}:a", "value-a", "tenant:{app}:b", "value-b"]);
    expect(args).toEqual(["a", "value-a", "b", "value-b"]);
  });

  it("writes numbers as decimal strings (integers beyond 2^53 in full) and keeps Buffers", () => {
    const bytes = Buffer.from([0, 255]);
    const described = command("SET", ["k", bytes, "PX", 1500, "X", 2 ** 60, 0.5], FIRST_KEY);
    const wire = wireArguments("setKey", described, none, false);
    expect(wire).toEqual(["k", bytes, "PX", "1500", "X", "1152921504606846976", "0.5"]);
    expect(wire[1]).toBe(bytes);
    expect(described.args[3]).toBe(1500);
    expect(hasBuffer(wire)).toBe(true);
    expect(hasBuffer(["a", "1"])).toBe(false);
  });

  it("rejects a key that is not a non-empty string, naming the command and the position, before anything else", () => {
    for (const bad of ["", 7, Buffer.from("k")]) {
      expect(() => wireArguments("getKey", command("GET", [bad as never], FIRST_KEY), none, false)).toThrow(
        expect.objectContaining({ code: "INVALID_ARGUMENT", operation: "getKey", message: expect.stringContaining("GET argument 0 is a key") }),
      );
    }
  });

  it("rejects an argument that is neither a string, a number nor a Buffer, by type and never by value", () => {
    for (const [bad, type] of [
      [undefined, "undefined"],
      [null, "null"],
      [true, "boolean"],
      [10n, "bigint"],
      [["x"], "an array"],
      [{ secret: "s3cr3t" }, "object"],
    ] as const) {
      let error: unknown;
      try {
        wireArguments("setKey", command("SET", ["k", bad as never], FIRST_KEY), none, false);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toMatchObject({ code: "INVALID_ARGUMENT", operation: "setKey" });
      const message = (error as Error).message;
      expect(message).toContain(`SET argument 1 is ${type}`);
      expect(message).not.toContain("s3cr3t");
      expect(message).not.toContain("10");
    }
  });

  it("checks the slot of every key on a cluster only: CROSS_SLOT names the caller's keys", () => {
    const described = command("MGET", ["user:1", "user:2"], [0, 1]);
    expect(wireArguments("getMultipleKeys", described, none, false)).toEqual(["user:1", "user:2"]);
    expect(() => wireArguments("getMultipleKeys", described, tenant, true)).toThrow(
      expect.objectContaining({ code: "CROSS_SLOT", operation: "getMultipleKeys", key: "user:1", message: expect.stringContaining('keys "user:1", "user:2" hash to different cluster slots') }),
    );
    const tagged = command("MGET", ["{u}:1", "{u}:2"], [0, 1]);
    expect(wireArguments("getMultipleKeys", tagged, tenant, true)).toEqual(["tenant:{u}:1", "tenant:{u}:2"]);
  });
});

describe("prefixedArguments and wireSlot", () => {
  it("gives the slot of the prefixed keys, or undefined without keys", () => {
    const described = command("GET", ["k"], FIRST_KEY);
    const wire = prefixedArguments("getKey", described, nested);
    expect(wireSlot("getKey", described, wire)).toBe(keySlot("app"));
    expect(wireSlot("publish", command("PUBLISH", ["channel", "m"], NO_KEYS), ["channel", "m"])).toBeUndefined();
  });

  it("lets a view's hash tag put different keys in one slot", () => {
    const described = command("DEL", ["a", "b", "c"], [0, 1, 2]);
    expect(() => wireSlot("deleteMultipleKeys", described, prefixedArguments("deleteMultipleKeys", described, tenant))).toThrow(expect.objectContaining({ code: "CROSS_SLOT" }));
    expect(wireSlot("deleteMultipleKeys", described, prefixedArguments("deleteMultipleKeys", described, nested))).toBe(keySlot("{app}"));
  });
});

describe("utf8Reply", () => {
  it("turns bulk strings into UTF-8 strings at any depth and leaves other values alone", () => {
    const error = new Error("WRONGTYPE");
    expect(utf8Reply(Buffer.from("€uro"))).toBe("€uro");
    expect(utf8Reply([Buffer.from("a"), 1, null, [Buffer.from("b"), [Buffer.from("c")]], error])).toEqual(["a", 1, null, ["b", ["c"]], error]);
    expect(utf8Reply(42)).toBe(42);
    expect(utf8Reply(null)).toBeNull();
  });

  it("converts the values of a RESP3 map decoded as an object, keeping a field named __proto__ a field", () => {
    const map = JSON.parse('{"__proto__": "x", "f": 1}') as Record<string, unknown>;
    map.f = Buffer.from("v");
    const converted = utf8Reply(map) as Record<string, unknown>;
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
    expect(Object.keys(converted)).toEqual(["__proto__", "f"]);
    expect(converted.f).toBe("v");
  });
});

describe("keySlot", () => {
  it("agrees with cluster-key-slot on any key: ASCII, hash tags, empty tags, non-ASCII", () => {
    const pieces = fc.constantFrom("{", "}", "a", "z", ":", "0", "é", "€", "😀", "\uD800", "{}", "}{", "user");
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 12 }), (parts) => {
        const key = parts.join("");
        expect(keySlot(key)).toBe(calculateSlot(key));
      }),
      { numRuns: 5_000 },
    );
  });
});
