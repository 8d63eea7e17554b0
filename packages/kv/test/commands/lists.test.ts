import { LLEN, LPOP, LRANGE, RPUSH } from "../../src/commands/lists.js";
import { transformOf } from "./through.js";

describe("list command builders", () => {
  it("RPUSH key element…, LRANGE key start stop, LLEN key", () => {
    expect(RPUSH("l", ["a", 2])).toEqual({ name: "RPUSH", args: ["l", "a", 2], keys: [0] });
    expect(LRANGE("l", 0, -1)).toEqual({ name: "LRANGE", args: ["l", 0, -1], keys: [0] });
    expect(LLEN("l")).toEqual({ name: "LLEN", args: ["l"], keys: [0] });
  });

  it("LPOP key: one element or null, as a list", () => {
    const command = LPOP("l");
    expect(command).toMatchObject({ name: "LPOP", args: ["l"], keys: [0] });
    expect(transformOf(command, "a")).toEqual(["a"]);
    expect(transformOf(command, null)).toEqual([]);
  });

  it("LPOP key count: an array, or null for a missing key", () => {
    const command = LPOP("l", 3);
    expect(command).toMatchObject({ name: "LPOP", args: ["l", 3], keys: [0] });
    expect(transformOf(command, ["a", "b"])).toEqual(["a", "b"]);
    expect(transformOf(command, null)).toEqual([]);
  });
});
