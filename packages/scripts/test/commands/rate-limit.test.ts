import { RATE_LIMIT, SLIDING_WINDOW_SCRIPT } from "../../src/commands/rate-limit.js";
import { through } from "../support/through.js";

describe("rate limit command (pure)", () => {
  it("is EVALSHA of the sliding-window script: KEYS[1] the window, ARGV limit, window and member", () => {
    const command = RATE_LIMIT("refunds", 100, 60_000, "member-1");
    expect(command).toMatchObject({ name: "EVALSHA", args: [SLIDING_WINDOW_SCRIPT.sha, 1, "refunds", 100, 60_000, "member-1"], keys: [2], script: SLIDING_WINDOW_SCRIPT });
    expect(SLIDING_WINDOW_SCRIPT.source).toContain("redis.call('TIME')");
    expect(command.miss).toBeUndefined();
  });

  it("turns [allowed, remaining, retryAfterMs] into the result", () => {
    const { transform } = RATE_LIMIT("k", 3, 200, "m");
    expect(transform?.([1, 2, 0], through())).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    expect(transform?.([1, 0, 0], through())).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    expect(transform?.([0, 0, 150], through())).toEqual({ allowed: false, remaining: 0, retryAfterMs: 150 });
  });
});
