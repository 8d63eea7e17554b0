import { HDEL, HGET, HGETALL, HINCRBY_EACH, HSCAN, HSETNX_WITH_EXPIRY, HSET_WITH_EXPIRY } from "../../src/commands/hashes.js";
import { transformOf } from "./through.js";

describe("hash command builders", () => {
  it("the HSET-then-EXPIRE script: EVALSHA sha 1 key seconds f1 v1 …, values passed through untouched", () => {
    const bytes = Buffer.from([0xff, 0x00]);
    const command = HSET_WITH_EXPIRY("h", [["a", "1"], ["b", 2], ["c", bytes]], 60);
    expect(command.name).toBe("EVALSHA");
    expect(command.args).toEqual([command.script?.sha, 1, "h", 60, "a", "1", "b", 2, "c", bytes]);
    expect(command.args[9]).toBe(bytes);
    expect(command.keys).toEqual([2]);
    expect(command.script?.source).toContain("call('EXPIRE', KEYS[1], ARGV[1])");
    expect(transformOf(command, 2)).toBe(2);
  });

  it("the HSETNX-then-EXPIRE script: 1 is KeySet, 0 KeyNotSet", () => {
    const command = HSETNX_WITH_EXPIRY("h", "f", "v", 900);
    expect(command.name).toBe("EVALSHA");
    expect(command.args).toEqual([command.script?.sha, 1, "h", "f", "v", 900]);
    expect(command.keys).toEqual([2]);
    expect(transformOf(command, 1)).toBe("KeySet");
    expect(transformOf(command, 0)).toBe("KeyNotSet");
  });

  it("HGET key field: null is a miss", () => {
    const command = HGET("h", "f");
    expect(command).toEqual({ name: "HGET", args: ["h", "f"], keys: [0], miss: expect.any(Function) });
    expect(command.miss?.(null)).toBe(true);
    expect(command.miss?.("")).toBe(false);
  });

  it("HGETALL key: the flat reply as a record, [] a miss, a __proto__ field kept as data", () => {
    const command = HGETALL("h");
    expect(command).toMatchObject({ name: "HGETALL", args: ["h"], keys: [0] });
    expect(transformOf(command, ["f", "v", "g", "w"])).toEqual({ f: "v", g: "w" });
    expect(transformOf(command, [])).toEqual({});
    expect(command.miss?.([])).toBe(true);
    expect(command.miss?.(["f", "v"])).toBe(false);
    const record = transformOf(command, ["__proto__", "p", "x", "1"]);
    expect(Object.keys(record).sort()).toEqual(["__proto__", "x"]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(record["__proto__"]).toBe("p");
  });

  it("the all-or-nothing HINCRBY script: EVALSHA sha 1 key f1 by1 …, the new values as numbers", () => {
    const command = HINCRBY_EACH("counters", [["ok", 5], ["failed", -3]]);
    expect(command.name).toBe("EVALSHA");
    expect(command.args).toEqual([command.script?.sha, 1, "counters", "ok", 5, "failed", -3]);
    expect(command.keys).toEqual([2]);
    expect(transformOf(command, [5, -3])).toEqual([5, -3]);
  });

  it("HDEL key field…", () => {
    expect(HDEL("h", ["a", "b"])).toEqual({ name: "HDEL", args: ["h", "a", "b"], keys: [0] });
  });

  it("HSCAN key cursor MATCH pattern [COUNT n]: the page's cursor and flat fields and values", () => {
    expect(HSCAN("h", "0", "pm:*")).toMatchObject({ name: "HSCAN", args: ["h", "0", "MATCH", "pm:*"], keys: [0] });
    expect(HSCAN("h", "17", "*", 10).args).toEqual(["h", "17", "MATCH", "*", "COUNT", 10]);
    expect(HSCAN("h", "0", "*").miss).toBeUndefined();
    expect(transformOf(HSCAN("h", "0", "*"), ["17", ["f", "v", "g", "w"]])).toEqual({ cursor: "17", fieldsAndValues: ["f", "v", "g", "w"] });
    expect(transformOf(HSCAN("h", "0", "*"), ["0", []])).toEqual({ cursor: "0", fieldsAndValues: [] });
  });
});
