import { PendingReads } from "../src/pending-reads.js";

describe("PendingReads (the read-versus-invalidation race)", () => {
  it("an invalidation spoils the reads in flight of its key only, and reads started later form a new group", () => {
    const pending = new PendingReads();
    const first = pending.start("a");
    const second = pending.start("a");
    const other = pending.start("b");
    expect(second).toBe(first);
    expect(pending.invalidate("a")).toBe(true);
    expect(first.invalidated).toBe(true);
    expect(other.invalidated).toBe(false);
    const later = pending.start("a");
    expect(later).not.toBe(first);
    expect(later.invalidated).toBe(false);
  });

  it("a finished group stays for the next read of its key, and an invalidation of it spoils nothing", () => {
    const pending = new PendingReads();
    const group = pending.start("a");
    pending.finish(group);
    expect(pending.start("a")).toBe(group);
    pending.finish(group);
    expect(pending.invalidate("a")).toBe(false);
    expect(pending.invalidate("never read")).toBe(false);
  });

  it("invalidateAll spoils every read in flight", () => {
    const pending = new PendingReads();
    const groups = ["a", "b", "c"].map((key) => pending.start(key));
    pending.invalidateAll();
    expect(groups.every((group) => group.invalidated)).toBe(true);
    expect(pending.size).toBe(0);
  });

  it("idle groups are swept once the map is large; groups with reads in flight survive the sweep", () => {
    const pending = new PendingReads();
    const inFlight = pending.start("in flight");
    for (let index = 0; index < 10_000; index++) pending.finish(pending.start(`idle:${index}`));
    expect(pending.size).toBeLessThan(5_000);
    expect(pending.start("in flight")).toBe(inFlight);
    expect(pending.invalidate("in flight")).toBe(true);
    expect(inFlight.invalidated).toBe(true);
  });
});
