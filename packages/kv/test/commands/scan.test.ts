import { NO_KEYS } from "@redis-interface/core";
import { SCAN } from "../../src/commands/scan.js";
import { through, transformOf } from "./through.js";

describe("SCAN builder", () => {
  it("SCAN cursor MATCH pattern [COUNT n] [TYPE t], with no key arguments", () => {
    expect(SCAN("0", "t1:order:*")).toMatchObject({ name: "SCAN", args: ["0", "MATCH", "t1:order:*"], keys: [] });
    expect(SCAN("0", "*").keys).toBe(NO_KEYS);
    expect(SCAN("17", "*", 100).args).toEqual(["17", "MATCH", "*", "COUNT", 100]);
    expect(SCAN("17", "*", undefined, "hash").args).toEqual(["17", "MATCH", "*", "TYPE", "hash"]);
    expect(SCAN("17", "*", 5, "zset").args).toEqual(["17", "MATCH", "*", "COUNT", 5, "TYPE", "zset"]);
  });

  it("the page: the next cursor and the names without the prefix of the connection it went through", () => {
    const page = transformOf(SCAN("0", "t1:*"), ["42", ["t1:a", "t1:b:c", "other:x"]], through("t1"));
    expect(page).toEqual({ cursor: "42", keys: ["a", "b:c", "other:x"] });
    expect(transformOf(SCAN("0", "*"), ["0", []])).toEqual({ cursor: "0", keys: [] });
  });

  it("rejects a reply of another shape", () => {
    expect(() => transformOf(SCAN("0", "*"), "OK")).toThrow("unexpected SCAN reply");
    expect(() => transformOf(SCAN("0", "*"), [0, []])).toThrow("unexpected SCAN reply");
  });
});
