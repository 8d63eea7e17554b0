import { isRedisError } from "@redis-interface/core";
import { randomKey, waitFor } from "@redis-interface/testing";
import { scripts } from "../src/index.js";
import { counting, describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("rateLimit", (target) => {
  it("1,000 concurrent calls with limit 100: exactly 100 allowed, with sensible remaining and retry-after", async () => {
    const { lua, raw, rawKey } = target();
    const key = randomKey("rl");
    const windowMs = 60_000;
    const results = await Promise.all(Array.from({ length: 1_000 }, () => lua.rateLimit(key, { limit: 100, windowMs })));
    const allowed = results.filter((r) => r.allowed);
    const denied = results.filter((r) => !r.allowed);
    expect(allowed).toHaveLength(100);
    expect(allowed.map((r) => r.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(allowed.every((r) => r.retryAfterMs === 0)).toBe(true);
    expect(denied.every((r) => r.remaining === 0 && r.retryAfterMs > 0 && r.retryAfterMs <= windowMs)).toBe(true);
    expect(await raw.zcard(rawKey(key))).toBe(100);
    const pttl = await raw.pttl(rawKey(key));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(windowMs);
  });

  it("counts down remaining, and admits again once the window has slid past old calls", async () => {
    const { lua } = target();
    const key = randomKey("rl");
    const options = { limit: 3, windowMs: 200 };
    expect(await lua.rateLimit(key, options)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    expect(await lua.rateLimit(key, options)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
    expect(await lua.rateLimit(key, options)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    const denied = await lua.rateLimit(key, options);
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBeGreaterThan(0);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(200);
    await waitFor(async () => (await lua.rateLimit(key, options)).allowed, { description: "the window to slide" });
  });

  it("keeps separate keys (and tenants' prefixes) apart", async () => {
    const { lua, connection } = target();
    const key = randomKey("rl");
    expect((await lua.rateLimit(key, { limit: 1, windowMs: 60_000 })).allowed).toBe(true);
    expect((await lua.rateLimit(key, { limit: 1, windowMs: 60_000 })).allowed).toBe(false);
    expect((await lua.rateLimit(randomKey("rl"), { limit: 1, windowMs: 60_000 })).allowed).toBe(true);
    const other = scripts(connection.withKeyPrefix("other_tenant"));
    expect((await other.rateLimit(key, { limit: 1, windowMs: 60_000 })).allowed).toBe(true);
  });

  it("rejects bad options before any I/O; a key of another type is WRONG_TYPE", async () => {
    const { connection, raw, rawKey } = target();
    const probe = counting(connection);
    const lua = scripts(probe.connection);
    for (const options of [{ limit: 0, windowMs: 1_000 }, { limit: 1, windowMs: 0 }, { limit: 1.5, windowMs: 1_000 }, { limit: 1, windowMs: 1_000, burst: 2 }, undefined]) {
      const error = await rejection(lua.rateLimit("k", options as { limit: number; windowMs: number }));
      expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    }
    expect(probe.sends()).toBe(0);
    const key = randomKey("rl");
    await raw.set(rawKey(key), "x");
    const error = await rejection(lua.rateLimit(key, { limit: 1, windowMs: 1_000 }));
    expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
    expect(error.operation).toBe("rateLimit");
  });
});
