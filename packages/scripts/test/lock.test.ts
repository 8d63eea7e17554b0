import { isRedisError } from "@redis-interface/core";
import { randomKey, waitFor } from "@redis-interface/testing";
import { counting, describeEachTarget, rejection } from "./support/targets.js";
import { scripts } from "../src/index.js";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describeEachTarget("lock", (target) => {
  it("acquires with SET NX PX and a random token; a second try fails while it is held", async () => {
    const { lua, raw, rawKey } = target();
    const key = randomKey("lock");
    const first = await lua.acquireLock(key, { ttlMs: 30_000 });
    if (!first.acquired) throw new Error("expected the lock");
    expect(first.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await raw.get(rawKey(key))).toBe(first.token);
    const pttl = await raw.pttl(rawKey(key));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(30_000);

    expect(await lua.acquireLock(key, { ttlMs: 30_000 })).toEqual({ acquired: false });
    expect(await first.release()).toBe(true);
    expect(await raw.exists(rawKey(key))).toBe(0);
    expect(await first.release()).toBe(false);
  });

  it("50 concurrent acquirers: at most one holds it at any time, and every one gets it", async () => {
    const { lua } = target();
    const key = randomKey("lock");
    let holding = 0;
    let maxHolding = 0;
    const tokens = new Set<string>();
    const acquirer = async (): Promise<void> => {
      const lock = await lua.acquireLock(key, { ttlMs: 30_000, waitMs: 60_000, retryDelayMs: 2, maxRetryDelayMs: 50 });
      if (!lock.acquired) throw new Error("an acquirer never got the lock");
      holding++;
      maxHolding = Math.max(maxHolding, holding);
      expect(holding).toBe(1);
      tokens.add(lock.token);
      await tick();
      holding--;
      expect(await lock.release()).toBe(true);
    };
    await Promise.all(Array.from({ length: 50 }, acquirer));
    expect(maxHolding).toBe(1);
    expect(tokens.size).toBe(50);
  });

  it("release and extend by a non-owner token fail and leave the lock", async () => {
    const { lua, raw, rawKey } = target();
    const key = randomKey("lock");
    const lock = await lua.acquireLock(key, { ttlMs: 30_000 });
    if (!lock.acquired) throw new Error("expected the lock");
    expect(await lua.releaseLock(key, "someone-else")).toBe(false);
    expect(await lua.extendLock(key, "someone-else", 120_000)).toBe(false);
    expect(await raw.get(rawKey(key))).toBe(lock.token);
    expect(await raw.pttl(rawKey(key))).toBeLessThanOrEqual(30_000);

    expect(await lock.extend(120_000)).toBe(true);
    expect(await raw.pttl(rawKey(key))).toBeGreaterThan(30_000);
    expect(await lua.extendLock(key, lock.token, 90_000)).toBe(true);
    expect(await lua.releaseLock(key, lock.token)).toBe(true);
    expect(await lock.extend(1_000)).toBe(false);
    expect(await raw.exists(rawKey(key))).toBe(0);
  });

  it("TTL expiry frees the lock, and the old owner can no longer release or extend it", async () => {
    const { lua } = target();
    const key = randomKey("lock");
    const old = await lua.acquireLock(key, { ttlMs: 100 });
    if (!old.acquired) throw new Error("expected the lock");
    const got: Array<Awaited<ReturnType<typeof lua.acquireLock>>> = [];
    await waitFor(async () => {
      const attempt = await lua.acquireLock(key, { ttlMs: 30_000 });
      got.push(attempt);
      return attempt.acquired;
    }, { description: "the expired lock to be free" });
    expect(await old.release()).toBe(false);
    expect(await old.extend(30_000)).toBe(false);
    const next = got[got.length - 1];
    if (!next?.acquired) throw new Error("expected the lock");
    expect(await next.release()).toBe(true);
  });

  it("waitMs: a waiter gets the lock once the holder releases it", async () => {
    const { lua } = target();
    const key = randomKey("lock");
    const holder = await lua.acquireLock(key, { ttlMs: 30_000 });
    if (!holder.acquired) throw new Error("expected the lock");
    let settled = false;
    const waiter = lua.acquireLock(key, { ttlMs: 30_000, waitMs: 30_000, retryDelayMs: 5 }).finally(() => {
      settled = true;
    });
    await tick();
    expect(settled).toBe(false);
    expect(await holder.release()).toBe(true);
    const got = await waiter;
    expect(got.acquired).toBe(true);
    if (got.acquired) await got.release();
  });

  it("gives up after waitMs with { acquired: false }", async () => {
    const { lua } = target();
    const key = randomKey("lock");
    const holder = await lua.acquireLock(key, { ttlMs: 30_000 });
    expect(await lua.acquireLock(key, { ttlMs: 1_000, waitMs: 50, retryDelayMs: 5 })).toEqual({ acquired: false });
    if (holder.acquired) await holder.release();
  });

  it("rejects bad input with INVALID_ARGUMENT before any I/O; a non-string key is WRONG_TYPE", async () => {
    const { connection, raw, rawKey } = target();
    const probe = counting(connection);
    const lua = scripts(probe.connection);
    for (const call of [
      lua.acquireLock("", { ttlMs: 1_000 }),
      lua.acquireLock("k", { ttlMs: 0 }),
      lua.acquireLock("k", { ttlMs: 1.5 }),
      lua.acquireLock("k", { ttlMs: 1_000, waitMs: -1 }),
      lua.acquireLock("k", undefined as unknown as { ttlMs: number }),
      lua.acquireLock("k", { ttlMs: 1_000, ttl: 5 } as unknown as { ttlMs: number }),
      lua.releaseLock("k", ""),
      lua.extendLock("k", "t", 0),
    ]) {
      expect(isRedisError(await rejection(call), "INVALID_ARGUMENT")).toBe(true);
    }
    expect(probe.sends()).toBe(0);
    const key = randomKey("lock");
    await raw.rpush(rawKey(key), "x");
    expect(isRedisError(await rejection(lua.releaseLock(key, "t")), "WRONG_TYPE")).toBe(true);
  });
});
