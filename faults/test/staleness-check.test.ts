import { judgeStaleness, type StalenessInput } from "./support/staleness.js";

/** The checker itself: the cache scenarios pass only if it can fail. */
describe("judgeStaleness", () => {
  // key a: seq 1 acked at 100, seq 3 acked at 200; key b: seq 2 acked at 150
  const base: StalenessInput = {
    maxStalenessMs: 50,
    writes: [
      { key: "a", seq: 1, sentAt: 90, ackAt: 100 },
      { key: "b", seq: 2, sentAt: 140, ackAt: 150 },
      { key: "a", seq: 3, sentAt: 190, ackAt: 200 },
    ],
    flushes: [],
    failedSeqs: new Set(),
    values: [],
    missing: [],
  };

  it("a read of the old value that started within the bound after the newer write's ack is fine", () => {
    const verdict = judgeStaleness({ ...base, values: [{ key: "a", seq: 1, count: 10, lastStart: 250, lastEnd: 251 }] });
    expect(verdict).toMatchObject({ reads: 10, maxStalenessMs: 50, violations: 0 });
  });

  it("a read of the old value that started beyond the bound is a violation, whatever other keys did", () => {
    const verdict = judgeStaleness({
      ...base,
      values: [
        { key: "a", seq: 1, count: 3, lastStart: 250.5, lastEnd: 251 },
        { key: "b", seq: 2, count: 5, lastStart: 900, lastEnd: 901 },
      ],
    });
    expect(verdict.violations).toBe(1);
    expect(verdict.maxStalenessMs).toBe(50.5);
    expect(verdict.examples[0]).toContain("a returned seq 1");
  });

  it("a value nobody wrote is a violation; a failed write's value is counted apart", () => {
    const verdict = judgeStaleness({
      ...base,
      failedSeqs: new Set([4]),
      values: [
        { key: "a", seq: 2, count: 1, lastStart: 120, lastEnd: 121 },
        { key: "a", seq: 4, count: 7, lastStart: 9_000, lastEnd: 9_001 },
      ],
    });
    expect(verdict).toMatchObject({ violations: 1, unacknowledgedReads: 7, reads: 1 });
  });

  it("FLUSHALL: a value from before it is stale after the bound, a miss is fine until a write after it is acknowledged", () => {
    const flushes = [{ sentAt: 300, ackAt: 310 }];
    const writes = [...base.writes, { key: "a", seq: 5, sentAt: 400, ackAt: 410 }];
    const fine = judgeStaleness({
      ...base,
      writes,
      flushes,
      values: [{ key: "a", seq: 3, count: 1, lastStart: 350, lastEnd: 351 }],
      missing: [["a", 320, 321], ["a", 455, 456], ["b", 5_000, 5_001]],
    });
    expect(fine).toMatchObject({ violations: 0, reads: 4 });
    const stale = judgeStaleness({
      ...base,
      writes,
      flushes,
      values: [{ key: "b", seq: 2, count: 1, lastStart: 361, lastEnd: 362 }],
      missing: [["a", 461, 462]],
    });
    expect(stale.violations).toBe(2);
  });

  it("a miss before any FLUSHALL is stale once the first write was acknowledged longer than the bound ago", () => {
    expect(judgeStaleness({ ...base, missing: [["b", 201, 202]] }).violations).toBe(1);
    expect(judgeStaleness({ ...base, missing: [["b", 199, 202]] }).violations).toBe(0);
  });
});
