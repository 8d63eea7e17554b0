import { CRASH_POINTS } from "./driver.js";
import { UNUSABLE_SLACK_MS, type TortureResult } from "./torture.js";

/**
 * The conformance checks of issue #19, asserted on our run: a worker was SIGKILLed at each of the
 * six points, 0 duplicate side effects, 0 lost completions, every 2xx byte-identical to the first
 * of its key, 409s seen and each with a Retry-After, 422 for every mismatch probe, every key
 * answered, none unusable for longer than one lease (plus slack) after a crash.
 */
export function expectConformance(result: TortureResult): void {
  const { row } = result;
  expect(CRASH_POINTS.filter((point) => (result.crashesByPoint.get(point) ?? 0) === 0)).toEqual([]);
  expect(row.duplicateEffects).toBe(0);
  expect(row.lostCompletions).toBe(0);
  expect(row.notIdentical).toBe(0);
  expect(row.successes).toBeGreaterThan(row.keys);
  expect(row.conflicts).toBeGreaterThan(0);
  expect(row.conflictsWithoutRetryAfter).toBe(0);
  expect(result.unanswered).toEqual([]);
  expect(row.mismatchAnswers).toBe(`422×${row.keys}`);
  expect(result.wedged).toEqual([]);
  expect(row.longestUnusableMs).toBeLessThanOrEqual(row.leaseMs + UNUSABLE_SLACK_MS);
}
