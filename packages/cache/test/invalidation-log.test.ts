import { InvalidationLog } from "../src/invalidation-log.js";

describe("InvalidationLog (the read-versus-invalidation race)", () => {
  it("a read sees an invalidation of its own key made while it was in flight, not of other keys, not of earlier ones", () => {
    const log = new InvalidationLog();
    log.record("a");
    const position = log.position;
    expect(log.changedSince("a", position)).toBe(false);
    log.record("b");
    expect(log.changedSince("a", position)).toBe(false);
    expect(log.changedSince("b", position)).toBe(true);
    log.record("a");
    expect(log.changedSince("a", position)).toBe(true);
    expect(log.changedSince("a", log.position)).toBe(false);
  });

  it("a flush changes every key in flight, and none read after it", () => {
    const log = new InvalidationLog();
    const before = log.position;
    log.recordAll();
    expect(log.changedSince("any", before)).toBe(true);
    expect(log.changedSince("any", log.position)).toBe(false);
  });

  it("a read that saw more invalidations go by than the log remembers counts as changed; one that saw exactly that many is checked", () => {
    const log = new InvalidationLog();
    const position = log.position;
    for (let index = 0; index < 1024; index++) log.record(`other:${index}`);
    expect(log.changedSince("a", position)).toBe(false);
    log.record("other:last");
    expect(log.changedSince("a", position)).toBe(true);
    const later = log.position;
    log.record("a");
    expect(log.changedSince("a", later)).toBe(true);
  });
});
