import { INCRBY, INCRBY_WITH_TTL } from "../../src/commands/counters.js";
import { transformOf } from "./through.js";

describe("counter command builders", () => {
  it("INCRBY key by (negative to decrement)", () => {
    expect(INCRBY("c", 5)).toEqual({ name: "INCRBY", args: ["c", 5], keys: [0] });
    expect(INCRBY("c", -3).args).toEqual(["c", -3]);
  });

  it("the INCRBY-then-EXPIRE script: EVALSHA sha 1 key by seconds, the key at index 2", () => {
    const command = INCRBY_WITH_TTL("attempts", 1, 300);
    expect(command.name).toBe("EVALSHA");
    expect(command.args).toEqual([command.script?.sha, 1, "attempts", 1, 300]);
    expect(command.keys).toEqual([2]);
    expect(command.script?.source).toContain("call('INCRBY', KEYS[1], ARGV[1])");
    expect(command.script?.source).toContain("== -1 then call('EXPIRE', KEYS[1], ARGV[2])");
    expect(transformOf(command, 8)).toBe(8);
    expect(INCRBY_WITH_TTL("x", -2, 5).args).toEqual([command.script?.sha, 1, "x", -2, 5]);
  });
});
