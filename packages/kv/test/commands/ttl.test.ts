import { EXPIRE, EXPIREAT, PERSIST, PEXPIRE, PEXPIREAT, PTTL, TTL } from "../../src/commands/ttl.js";
import { transformOf } from "./through.js";

describe("TTL command builders", () => {
  it("EXPIRE key seconds and EXPIREAT key timestamp: 1 when the key exists", () => {
    expect(EXPIRE("k", 100)).toMatchObject({ name: "EXPIRE", args: ["k", 100], keys: [0] });
    expect(EXPIREAT("k", 1_900_000_000)).toMatchObject({ name: "EXPIREAT", args: ["k", 1_900_000_000], keys: [0] });
    for (const command of [EXPIRE("k", 1), EXPIREAT("k", 1), PERSIST("k")]) {
      expect(transformOf(command, 1)).toBe(true);
      expect(transformOf(command, 0)).toBe(false);
      expect(command.miss).toBeUndefined();
    }
  });

  it("TTL key: Redis's integer as is (-1 no expiry, -2 missing)", () => {
    expect(TTL("k")).toEqual({ name: "TTL", args: ["k"], keys: [0] });
  });

  it("PERSIST key", () => {
    expect(PERSIST("k")).toMatchObject({ name: "PERSIST", args: ["k"], keys: [0] });
  });

  it("PEXPIRE key ms and PEXPIREAT key unixMs: 1 when the key exists", () => {
    expect(PEXPIRE("k", 1500)).toMatchObject({ name: "PEXPIRE", args: ["k", 1500], keys: [0] });
    expect(PEXPIREAT("k", 1_900_000_000_000)).toMatchObject({ name: "PEXPIREAT", args: ["k", 1_900_000_000_000], keys: [0] });
    for (const command of [PEXPIRE("k", 1), PEXPIREAT("k", 1)]) {
      expect(transformOf(command, 1)).toBe(true);
      expect(transformOf(command, 0)).toBe(false);
      expect(command.miss).toBeUndefined();
    }
  });

  it("PTTL key: Redis's integer as is (-1 no expiry, -2 missing)", () => {
    expect(PTTL("k")).toEqual({ name: "PTTL", args: ["k"], keys: [0] });
  });
});
