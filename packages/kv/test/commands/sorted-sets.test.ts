import { ZADD, ZCARD, ZRANGE_BYSCORE, ZRANGE_WITHSCORES, ZREM, ZSCORE, parseScore, scoredMembers } from "../../src/commands/sorted-sets.js";
import { transformOf } from "./through.js";

describe("sorted-set command builders", () => {
  it("ZADD key score member … in the order given", () => {
    expect(ZADD("z", [{ member: "a", score: 1.5 }, { member: "b", score: -2 }])).toEqual({ name: "ZADD", args: ["z", 1.5, "a", -2, "b"], keys: [0] });
  });

  it("ZRANGE key start stop WITHSCORES", () => {
    const command = ZRANGE_WITHSCORES("z", 0, -1);
    expect(command).toMatchObject({ name: "ZRANGE", args: ["z", 0, -1, "WITHSCORES"], keys: [0] });
    // what the pool's connections get (RESP3 through ioredis): pairs with string scores
    expect(transformOf(command, [["c", "-2"], ["a", "1.5"], ["b", "inf"]])).toEqual([
      { member: "c", score: -2 },
      { member: "a", score: 1.5 },
      { member: "b", score: Infinity },
    ]);
    expect(transformOf(command, [])).toEqual([]);
  });

  it("ZRANGE key min max BYSCORE [LIMIT offset count] WITHSCORES, ±Infinity sent as ±inf", () => {
    expect(ZRANGE_BYSCORE("z", 0, 3).args).toEqual(["z", 0, 3, "BYSCORE", "WITHSCORES"]);
    expect(ZRANGE_BYSCORE("z", "-inf", "+inf", { offset: 1, count: 2 }).args).toEqual(["z", "-inf", "+inf", "BYSCORE", "LIMIT", 1, 2, "WITHSCORES"]);
    expect(ZRANGE_BYSCORE("z", -Infinity, Infinity).args).toEqual(["z", "-inf", "+inf", "BYSCORE", "WITHSCORES"]);
    expect(ZRANGE_BYSCORE("z", 0, 3).keys).toEqual([0]);
    expect(transformOf(ZRANGE_BYSCORE("z", 0, 3), [["b", "0"]])).toEqual([{ member: "b", score: 0 }]);
  });

  it("reads WITHSCORES replies in every shape ioredis gives: RESP3 pairs (string or numeric scores) and RESP2 flat", () => {
    const expected = [
      { member: "bottom", score: -Infinity },
      { member: "a", score: -1.5 },
      { member: "top", score: Infinity },
    ];
    expect(scoredMembers([["bottom", "-inf"], ["a", "-1.5"], ["top", "inf"]])).toEqual(expected);
    expect(scoredMembers([["bottom", -Infinity], ["a", -1.5], ["top", Infinity]])).toEqual(expected);
    expect(scoredMembers(["bottom", "-inf", "a", "-1.5", "top", "+inf"])).toEqual(expected);
    expect(scoredMembers(null)).toEqual([]);
  });

  it("ZSCORE key member: the score as a number, null when missing", () => {
    const command = ZSCORE("z", "a");
    expect(command).toMatchObject({ name: "ZSCORE", args: ["z", "a"], keys: [0] });
    expect(transformOf(command, "1.5")).toBe(1.5);
    expect(transformOf(command, "inf")).toBe(Infinity);
    expect(transformOf(command, "-inf")).toBe(-Infinity);
    expect(transformOf(command, -1.5)).toBe(-1.5);
    expect(transformOf(command, null)).toBeNull();
    expect(parseScore(Buffer.from("2"))).toBe(2);
  });

  it("ZREM key member… and ZCARD key", () => {
    expect(ZREM("z", ["a", "b"])).toEqual({ name: "ZREM", args: ["z", "a", "b"], keys: [0] });
    expect(ZCARD("z")).toEqual({ name: "ZCARD", args: ["z"], keys: [0] });
  });
});
