import fc from "fast-check";
import { formatIsoDate, parseIsoDate } from "../src/iso-date.js";

const MAX_TIME = 8_640_000_000_000_000;
/** Mostly the years 1000–9999 that take the fast path, sometimes anywhere in the Date range. */
const time = fc.oneof(
  { arbitrary: fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(10_000, 0, 1) - 1 }), weight: 4 },
  { arbitrary: fc.integer({ min: -MAX_TIME, max: MAX_TIME }), weight: 1 },
);

describe("ISO date fast path", () => {
  it("formats exactly as toISOString over the whole Date range", () => {
    fc.assert(
      fc.property(time, (ms) => {
        const date = new Date(ms);
        expect(formatIsoDate(date)).toBe(date.toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it("parses toISOString output as new Date does", () => {
    fc.assert(
      fc.property(time, (ms) => {
        const text = new Date(ms).toISOString();
        expect(parseIsoDate(text).getTime()).toBe(ms);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    "2026-02-31T00:00:00.000Z",
    "2026-13-01T00:00:00.000Z",
    "2026-00-10T00:00:00.000Z",
    "2026-01-10T24:00:00.000Z",
    "2026-01-10T23:60:00.000Z",
    "2026-01-10T23:59:60.000Z",
    "2026-01-1xT00:00:00.000Z",
    "0099-01-10T00:00:00.000Z",
    "2026-01-10T00:00:00.000+01:00",
    "2026-01-10",
    "not a date",
    "",
  ])("gives what new Date gives for %j", (text) => {
    expect(parseIsoDate(text).getTime()).toStrictEqual(new Date(text).getTime());
  });
});
