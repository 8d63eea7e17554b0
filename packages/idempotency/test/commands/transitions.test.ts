import { ACQUIRE, ACQUIRE_SCRIPT, COMPLETE, RELEASE, RENEW, acquireReply, leaseKey, recordKey } from "../../src/commands/transitions.js";

describe("transition commands", () => {
  it("keep both keys of one idempotency key in one hash tag", () => {
    expect(recordKey("pay_1")).toBe("{idem:pay_1}:record");
    expect(leaseKey("pay_1")).toBe("{idem:pay_1}:lease");
  });

  it("ACQUIRE is EVALSHA over record and lease with fingerprint, leaseMs, retentionMs", () => {
    const command = ACQUIRE("k", "fp", 10_000, 86_400_000);
    expect(command.name).toBe("EVALSHA");
    expect(command.args).toEqual([ACQUIRE_SCRIPT.sha, 2, "{idem:k}:record", "{idem:k}:lease", "fp", 10_000, 86_400_000]);
    expect(command.keys).toEqual([2, 3]);
    expect(command.script).toBe(ACQUIRE_SCRIPT);
  });

  it("RENEW, COMPLETE and RELEASE carry the token and answer true only for 1", () => {
    const renew = RENEW("k", 7, 900, 5_000);
    expect(renew.args.slice(1)).toEqual([2, "{idem:k}:lease", "{idem:k}:record", 7, 900, 5_000]);
    const complete = COMPLETE("k", 7, "fp", '{"v":1}', 5_000);
    expect(complete.args.slice(1)).toEqual([2, "{idem:k}:record", "{idem:k}:lease", 7, "fp", '{"v":1}', 5_000]);
    const release = RELEASE("k", 7);
    expect(release.args.slice(1)).toEqual([1, "{idem:k}:lease", 7]);
    for (const command of [renew, complete, release]) {
      expect(command.transform?.(1, undefined as never)).toBe(true);
      expect(command.transform?.(0, undefined as never)).toBe(false);
    }
  });

  it("reads every reply shape of the acquire script", () => {
    expect(acquireReply(["ACQUIRED", 3])).toEqual({ state: "acquired", token: 3 });
    expect(acquireReply(["STORED", "text", 2])).toEqual({ state: "stored", value: "text", token: 2 });
    expect(acquireReply(["BUSY", 1500])).toEqual({ state: "busy", pttlMs: 1500 });
    expect(acquireReply(["MISMATCH"])).toEqual({ state: "mismatch" });
    expect(() => acquireReply(["WHAT"])).toThrow("unexpected reply");
    expect(() => acquireReply(null)).toThrow("unexpected reply");
  });
});
