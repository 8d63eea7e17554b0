import { DEL_EACH, MGET, MSETNX, SET_EACH_WITH_EXPIRY, UNLINK } from "../../src/commands/multi-key.js";
import { transformOf } from "./through.js";

describe("multi-key command builders", () => {
  it("MGET key…: every argument a key; without a fallback the reply as is", () => {
    const command = MGET(["a", "b", "c"]);
    expect(command).toMatchObject({ name: "MGET", args: ["a", "b", "c"], keys: [0, 1, 2] });
    const reply = ["1", null, "3"];
    expect(transformOf(command, reply)).toBe(reply);
  });

  it("MGET: a reply with a null is a miss; the fallback's reply fills only the nulls", () => {
    const command = MGET(["a", "b", "c"]);
    expect(command.miss?.(["own a", null, null])).toBe(true);
    expect(transformOf(command, ["bare a", "bare b", null])).toEqual(["own a", "bare b", null]);
  });

  it("MGET: a reply without nulls is no miss and is the result", () => {
    const command = MGET(["a", "b"]);
    const reply = ["1", "2"];
    expect(command.miss?.(reply)).toBe(false);
    expect(transformOf(command, reply)).toBe(reply);
  });

  it("MGET: only the first reply shown to miss is kept as this view's", () => {
    const command = MGET(["a", "b"]);
    expect(command.miss?.(["own", null])).toBe(true);
    expect(command.miss?.(["bare", null])).toBe(true);
    expect(transformOf(command, ["bare", null])).toEqual(["own", null]);
  });

  it("the DEL-each script: EVALSHA sha n key…, a DelReply per key", () => {
    const command = DEL_EACH(["a", "b", "c"]);
    expect(command.name).toBe("EVALSHA");
    expect(command.args).toEqual([command.script?.sha, 3, "a", "b", "c"]);
    expect(command.keys).toEqual([2, 3, 4]);
    expect(transformOf(command, [1, 0, 1])).toEqual(["KeyDeleted", "KeyNotDeleted", "KeyDeleted"]);
  });

  it("MSETNX key value …: the keys at even indexes, 1 is true", () => {
    const bytes = Buffer.from([1]);
    const command = MSETNX([["a", "1"], ["b", 2], ["c", bytes]]);
    expect(command).toMatchObject({ name: "MSETNX", args: ["a", "1", "b", 2, "c", bytes], keys: [0, 2, 4] });
    expect(transformOf(command, 1)).toBe(true);
    expect(transformOf(command, 0)).toBe(false);
  });

  it("UNLINK key…: every argument a key, the count as a number", () => {
    const command = UNLINK(["a", "b", "c"]);
    expect(command).toMatchObject({ name: "UNLINK", args: ["a", "b", "c"], keys: [0, 1, 2] });
    expect(command.miss).toBeUndefined();
    expect(transformOf(command, 2)).toBe(2);
  });

  it("the SET-each-with-expiry script: EVALSHA sha n key… unit ttl value…", () => {
    const bytes = Buffer.from([0]);
    const command = SET_EACH_WITH_EXPIRY(["a", "b"], ["1", bytes], "PX", 1500);
    expect(command.name).toBe("EVALSHA");
    expect(command.args).toEqual([command.script?.sha, 2, "a", "b", "PX", 1500, "1", bytes]);
    expect(command.keys).toEqual([2, 3]);
    expect(command.miss).toBeUndefined();
    expect(transformOf(command, 2)).toBeUndefined();
    expect(SET_EACH_WITH_EXPIRY(["a"], [7], "EX", 60).args.slice(1)).toEqual([1, "a", "EX", 60, 7]);
    expect(command.script?.source).toContain("call('SET', key, ARGV[index + 2], unit, ttl)");
  });
});
