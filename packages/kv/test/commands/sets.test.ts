import { SADD, SCARD, SISMEMBER, SMEMBERS, SREM } from "../../src/commands/sets.js";
import { transformOf } from "./through.js";

describe("set command builders", () => {
  it("SADD and SREM key member…, members passed through untouched", () => {
    const bytes = Buffer.from([0xff]);
    expect(SADD("s", ["a", 1, bytes])).toEqual({ name: "SADD", args: ["s", "a", 1, bytes], keys: [0] });
    expect(SREM("s", ["a"])).toEqual({ name: "SREM", args: ["s", "a"], keys: [0] });
  });

  it("SMEMBERS and SCARD key: the reply as is", () => {
    expect(SMEMBERS("s")).toEqual({ name: "SMEMBERS", args: ["s"], keys: [0] });
    expect(SCARD("s")).toEqual({ name: "SCARD", args: ["s"], keys: [0] });
  });

  it("SISMEMBER key member: 1 is true", () => {
    const command = SISMEMBER("s", 7);
    expect(command).toMatchObject({ name: "SISMEMBER", args: ["s", 7], keys: [0] });
    expect(transformOf(command, 1)).toBe(true);
    expect(transformOf(command, 0)).toBe(false);
  });
});
