import { KeyResolver, type RedisConnection } from "@redis-interface/core";
import { XGROUP_CREATE, XGROUP_DELCONSUMER, XGROUP_DESTROY, XGROUP_SETID, XINFO_GROUPS } from "../../src/commands/groups.js";

const through = { keys: KeyResolver.none } as unknown as RedisConnection;

describe("group builders (no Redis)", () => {
  it("XGROUP CREATE: the stream (second argument) is the key; MKSTREAM only when asked; OK is true", () => {
    const command = XGROUP_CREATE("s", "g", "$", true);
    expect(command).toMatchObject({ name: "XGROUP", args: ["CREATE", "s", "g", "$", "MKSTREAM"], keys: [1] });
    expect(command.transform?.("OK", through)).toBe(true);
    expect(XGROUP_CREATE("s", "g", "0", false).args).toEqual(["CREATE", "s", "g", "0"]);
  });

  it("XGROUP DESTROY: 1 is true, 0 is false", () => {
    const command = XGROUP_DESTROY("s", "g");
    expect(command).toMatchObject({ name: "XGROUP", args: ["DESTROY", "s", "g"], keys: [1] });
    expect([command.transform?.(1, through), command.transform?.(0, through)]).toEqual([true, false]);
  });

  it("XGROUP DELCONSUMER: the pending count as a number", () => {
    const command = XGROUP_DELCONSUMER("s", "g", "c");
    expect(command).toMatchObject({ name: "XGROUP", args: ["DELCONSUMER", "s", "g", "c"], keys: [1] });
    expect(command.transform?.(3, through)).toBe(3);
  });

  it("XGROUP SETID: no result", () => {
    const command = XGROUP_SETID("s", "g", "5-0");
    expect(command).toMatchObject({ name: "XGROUP", args: ["SETID", "s", "g", "5-0"], keys: [1] });
    expect(command.transform?.("OK", through)).toBeUndefined();
  });

  const redis7 = ["name", "g", "consumers", 1, "pending", 2, "last-delivered-id", "1-2", "entries-read", 2, "lag", 0];
  const other = ["name", "h", "consumers", 0, "pending", 0, "last-delivered-id", "0-0", "entries-read", null, "lag", null];

  it.each([
    ["flat maps (RESP2, and RESP3 through ioredis's default mapping)", [other, redis7]],
    ["pairs", [other, redis7].map((flat) => flat.flatMap((item, index) => (index % 2 === 0 ? [[item, flat[index + 1]]] : [])))],
    ["Maps", [other, redis7].map((flat) => new Map(flat.flatMap((item, index) => (index % 2 === 0 ? [[item, flat[index + 1]] as const] : []))))],
  ])("XINFO GROUPS picks the group from %s", (_shape, reply) => {
    const command = XINFO_GROUPS("s", "g");
    expect(command).toMatchObject({ name: "XINFO", args: ["GROUPS", "s"], keys: [1] });
    expect(command.transform?.(reply, through)).toEqual({ name: "g", consumers: 1, pending: 2, lastDeliveredId: "1-2", entriesRead: 2, lag: 0 });
  });

  it("XINFO GROUPS: null for a missing group; Redis 6's missing counters and nil lag as null", () => {
    expect(XINFO_GROUPS("s", "nope").transform?.([redis7], through)).toBeNull();
    expect(XINFO_GROUPS("s", "g").transform?.([], through)).toBeNull();
    expect(XINFO_GROUPS("s", "h").transform?.([["name", "h", "consumers", 0, "pending", 0, "last-delivered-id", "0-0"]], through)).toEqual({
      name: "h",
      consumers: 0,
      pending: 0,
      lastDeliveredId: "0-0",
      entriesRead: null,
      lag: null,
    });
  });
});
