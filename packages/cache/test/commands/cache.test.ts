import { FIRST_KEY, NO_KEYS } from "@redis-interface/core";
import { DEL, GET, LEASE_ACQUIRE, LEASE_HELD, LEASE_RELEASE, PTTL, PUBLISH, SET_PX } from "../../src/commands/cache.js";
import { CLIENT_ID, TRACKING_BROADCAST, TRACKING_REDIRECT } from "../../src/commands/tracking.js";
import { clearMessage, keyMessage, parsePublished } from "../../src/published.js";

const through = {} as never;

describe("cache commands", () => {
  it("GET returns the text or null and has no miss (no tenant fallback)", () => {
    const command = GET("k");
    expect([command.name, command.args, command.keys, command.miss]).toEqual(["GET", ["k"], FIRST_KEY, undefined]);
    expect(command.transform?.(null, through)).toBeNull();
    expect(command.transform?.(Buffer.from("v"), through)).toBe("v");
    expect(command.transform?.("v", through)).toBe("v");
  });

  it("PTTL, SET PX, DEL", () => {
    expect(PTTL("k").transform?.(-2, through)).toBe(-2);
    expect(SET_PX("k", "t", 500)).toMatchObject({ name: "SET", args: ["k", "t", "PX", 500], keys: FIRST_KEY });
    expect(SET_PX("k", "t", 500).transform?.("OK", through)).toBeUndefined();
    expect(DEL("k")).toMatchObject({ name: "DEL", args: ["k"], keys: FIRST_KEY });
  });

  it("the lease: SET NX PX (true on OK), EXISTS, and an owner-checked release script", () => {
    const acquire = LEASE_ACQUIRE("k:cache-lease", "tok", 5000);
    expect([acquire.name, acquire.args, acquire.keys]).toEqual(["SET", ["k:cache-lease", "tok", "NX", "PX", 5000], FIRST_KEY]);
    expect(acquire.transform?.("OK", through)).toBe(true);
    expect(acquire.transform?.(null, through)).toBe(false);
    expect(LEASE_HELD("k").transform?.(1, through)).toBe(true);
    expect(LEASE_HELD("k").transform?.(0, through)).toBe(false);
    const release = LEASE_RELEASE("k:cache-lease", "tok");
    expect(release.name).toBe("EVALSHA");
    expect(release.args.slice(1)).toEqual([1, "k:cache-lease", "tok"]);
    expect(release.keys).toEqual([2]);
  });

  it("PUBLISH names no key (a global channel)", () => {
    expect(PUBLISH("ch", "m")).toMatchObject({ name: "PUBLISH", args: ["ch", "m"], keys: NO_KEYS });
  });

  it("tracking set-up commands", () => {
    expect(CLIENT_ID).toEqual(["CLIENT", "ID"]);
    expect(TRACKING_REDIRECT(7)).toEqual(["CLIENT", "TRACKING", "on", "REDIRECT", "7"]);
    expect(TRACKING_BROADCAST(7, "")).toEqual(["CLIENT", "TRACKING", "on", "REDIRECT", "7", "BCAST"]);
    expect(TRACKING_BROADCAST(7, "t:")).toEqual(["CLIENT", "TRACKING", "on", "REDIRECT", "7", "BCAST", "PREFIX", "t:"]);
  });

  it("pub/sub messages in Hyperswitch's shape, filtered by tenant", () => {
    expect(JSON.parse(keyMessage("t:", "k"))).toEqual({ tenant: "t:", kind: { All: "k" } });
    expect(parsePublished(keyMessage("t:", "k"), "t:")).toEqual({ key: "k" });
    expect(parsePublished('{"tenant":"t:","kind":{"Config":"k2"}}', "t:")).toEqual({ key: "k2" });
    expect(parsePublished(clearMessage("t:"), "t:")).toEqual({ clear: true });
    expect(parsePublished(keyMessage("other:", "k"), "t:")).toBeUndefined();
    expect(parsePublished("not json", "t:")).toBeUndefined();
    expect(parsePublished('{"tenant":"t:","kind":{"All":""}}', "t:")).toBeUndefined();
  });
});
