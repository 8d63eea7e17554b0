import { FIRST_KEY } from "@redis-interface/core";
import { DEL, EXISTS, GET, GET_BUFFER, SET, SET_EX, SET_KEEPTTL, SET_NX_EX, SET_NX_GET_EX, SET_PX, UNLINK_KEY } from "../../src/commands/strings.js";
import { transformOf } from "./through.js";

describe("string command builders", () => {
  it("GET key: the reply as is, null a miss", () => {
    const command = GET("order:1");
    expect(command).toEqual({ name: "GET", args: ["order:1"], keys: [0], miss: expect.any(Function) });
    expect(command.keys).toBe(FIRST_KEY);
    expect(command.transform).toBeUndefined();
    expect(command.buffers).toBeUndefined();
    expect(command.miss?.(null)).toBe(true);
    expect(command.miss?.("")).toBe(false);
    expect(command.miss?.("v")).toBe(false);
  });

  it("GET key as bytes", () => {
    const command = GET_BUFFER("bin");
    expect(command).toEqual({ name: "GET", args: ["bin"], keys: [0], buffers: true, miss: expect.any(Function) });
    expect(command.miss?.(null)).toBe(true);
    expect(command.miss?.(Buffer.alloc(0))).toBe(false);
  });

  it("SET key value EX seconds, with strings, numbers and Buffers passed through untouched", () => {
    const bytes = Buffer.from([0xff, 0x00]);
    expect(SET_EX("k", "v", 60)).toEqual({ name: "SET", args: ["k", "v", "EX", 60], keys: [0], transform: expect.any(Function) });
    expect(SET_EX("k", 42.5, 1).args).toEqual(["k", 42.5, "EX", 1]);
    expect(SET_EX("k", bytes, 1).args[1]).toBe(bytes);
    expect(transformOf(SET_EX("k", "v", 60), "OK")).toBeUndefined();
    expect(SET_EX("k", "v", 60).keys).toBe(FIRST_KEY);
  });

  it("SET key value KEEPTTL", () => {
    expect(SET_KEEPTTL("k", "v")).toEqual({ name: "SET", args: ["k", "v", "KEEPTTL"], keys: [0], transform: expect.any(Function) });
    expect(transformOf(SET_KEEPTTL("k", "v"), "OK")).toBeUndefined();
  });

  it("SET key value EX seconds NX: OK is KeySet, null is KeyNotSet", () => {
    const command = SET_NX_EX("lock", "req_1", 180);
    expect(command).toMatchObject({ name: "SET", args: ["lock", "req_1", "EX", 180, "NX"], keys: [0] });
    expect(command.miss).toBeUndefined();
    expect(transformOf(command, "OK")).toBe("KeySet");
    expect(transformOf(command, null)).toBe("KeyNotSet");
  });

  it("SET key value EX seconds NX GET: null means this call set the value, a string is the value there", () => {
    const command = SET_NX_GET_EX("k", "mine", 30);
    expect(command).toMatchObject({ name: "SET", args: ["k", "mine", "EX", 30, "NX", "GET"], keys: [0] });
    expect(transformOf(command, null)).toEqual({ status: "ValueSet", value: "mine" });
    expect(transformOf(command, "theirs")).toEqual({ status: "ValueExists", value: "theirs" });
    expect(transformOf(SET_NX_GET_EX("k", 5, 30), null)).toEqual({ status: "ValueSet", value: "5" });
    expect(transformOf(SET_NX_GET_EX("k", Buffer.from("bytes"), 30), null)).toEqual({ status: "ValueSet", value: "bytes" });
  });

  it("EXISTS key: 1 is true; 0 is false and a miss", () => {
    const command = EXISTS("k");
    expect(command).toMatchObject({ name: "EXISTS", args: ["k"], keys: [0] });
    expect(transformOf(command, 1)).toBe(true);
    expect(transformOf(command, 0)).toBe(false);
    expect(command.miss?.(0)).toBe(true);
    expect(command.miss?.(1)).toBe(false);
  });

  it("DEL key: 1 is KeyDeleted, 0 KeyNotDeleted", () => {
    const command = DEL("k");
    expect(command).toMatchObject({ name: "DEL", args: ["k"], keys: [0] });
    expect(command.miss).toBeUndefined();
    expect(transformOf(command, 1)).toBe("KeyDeleted");
    expect(transformOf(command, 0)).toBe("KeyNotDeleted");
  });

  it("SET key value PX ms, and plain SET key value (no expiry option at all)", () => {
    const bytes = Buffer.from([0xff, 0x00]);
    expect(SET_PX("k", "v", 1500)).toEqual({ name: "SET", args: ["k", "v", "PX", 1500], keys: [0], transform: expect.any(Function) });
    expect(SET_PX("k", bytes, 1).args[1]).toBe(bytes);
    expect(SET("k", "v")).toEqual({ name: "SET", args: ["k", "v"], keys: [0], transform: expect.any(Function) });
    expect(SET("k", 7).args).toEqual(["k", 7]);
    for (const command of [SET_PX("k", "v", 1), SET("k", "v")]) {
      expect(command.keys).toBe(FIRST_KEY);
      expect(command.miss).toBeUndefined();
      expect(transformOf(command, "OK")).toBeUndefined();
    }
  });

  it("UNLINK key: 1 is KeyDeleted, 0 KeyNotDeleted; a write, never a miss", () => {
    const command = UNLINK_KEY("k");
    expect(command).toMatchObject({ name: "UNLINK", args: ["k"], keys: [0] });
    expect(command.miss).toBeUndefined();
    expect(transformOf(command, 1)).toBe("KeyDeleted");
    expect(transformOf(command, 0)).toBe("KeyNotDeleted");
  });
});
