import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { randomKey, rejection, waitFor } from "@redis-interface/testing";
import { createIdempotency } from "../src/index.js";
import { deferred, describeEachTarget } from "./support/targets.js";

describeEachTarget("run", (target) => {
  it("calls the handler once, then replays an equal value without calling it", async () => {
    const idem = createIdempotency(target().connection);
    const key = randomKey("idem");
    const handler = jest.fn(async ({ fencingToken }: { fencingToken: number }) => ({ id: "pay_1", amount: 1234n, at: new Date(5), fencingToken }));
    const first = await idem.run(key, "fp", handler);
    expect(first).toMatchObject({ replayed: false, fencingToken: 1 });
    const second = await idem.run(key, "fp", handler);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(second).toEqual({ value: first.value, replayed: true, fencingToken: 1 });
    expect(second.value.amount).toBe(1234n);
    // stored under the view's prefix, in one slot, the lease gone
    expect(await target().raw.exists(target().rawKey(`{idem:${key}}:record`))).toBe(1);
    expect(await target().raw.exists(target().rawKey(`{idem:${key}}:lease`))).toBe(0);
    const ttl = await target().raw.pttl(target().rawKey(`{idem:${key}}:record`));
    expect(ttl).toBeGreaterThan(86_000_000);
  });

  it("refuses the key with another fingerprint, in flight and after completion", async () => {
    const idem = createIdempotency(target().connection);
    const key = randomKey("idem");
    const gate = deferred();
    const running = idem.run(key, "fp-a", () => gate.promise.then(() => "a"));
    await waitFor(async () => (await target().raw.exists(target().rawKey(`{idem:${key}}:lease`))) === 1, { description: "lease taken" });
    expect((await rejection(idem.run(key, "fp-b", () => "b"))).code).toBe("IDEMPOTENCY_MISMATCH");
    gate.resolve();
    await running;
    const error = await rejection(idem.run(key, "fp-b", () => "b"));
    expect(error).toMatchObject({ code: "IDEMPOTENCY_MISMATCH", key });
  });

  it("answers IDEMPOTENCY_IN_PROGRESS with retryAfterMs while a lease is held", async () => {
    const idem = createIdempotency(target().connection, { leaseMs: 5_000 });
    const key = randomKey("idem");
    const gate = deferred();
    const running = idem.run(key, "fp", () => gate.promise.then(() => "done"));
    await waitFor(async () => (await target().raw.exists(target().rawKey(`{idem:${key}}:lease`))) === 1, { description: "lease taken" });
    const error = (await rejection(idem.run(key, "fp", () => "again"))) as Error & { code?: string; retryAfterMs?: number };
    expect(error.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(5_000);
    gate.resolve();
    expect((await running).value).toBe("done");
  });

  it("stores nothing when the handler throws, releases the lease, and the next call runs with a larger token", async () => {
    const idem = createIdempotency(target().connection);
    const key = randomKey("idem");
    const boom = new Error("card declined by the network");
    const error = await rejection(idem.run(key, "fp", () => Promise.reject(boom)));
    expect(error).toBe(boom);
    expect(await target().raw.exists(target().rawKey(`{idem:${key}}:lease`))).toBe(0);
    const again = await idem.run(key, "fp", ({ fencingToken }) => `ran with ${fencingToken}`);
    expect(again).toEqual({ value: "ran with 2", replayed: false, fencingToken: 2 });
  });

  it("stores what storeError returns as the final result", async () => {
    const idem = createIdempotency(target().connection, { storeError: (error) => (error instanceof RangeError ? { declined: true } : undefined) });
    const key = randomKey("idem");
    const first = await idem.run(key, "fp", () => Promise.reject(new RangeError("declined")));
    expect(first).toEqual({ value: { declined: true }, replayed: false, fencingToken: 1 });
    const handler = jest.fn(() => ({ declined: false }));
    expect(await idem.run(key, "fp", handler)).toEqual({ value: { declined: true }, replayed: true, fencingToken: 1 });
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler once for 32 concurrent duplicates that wait", async () => {
    const idem = createIdempotency(target().connection, { waitMs: 30_000 });
    const key = randomKey("idem");
    let calls = 0;
    const handler = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { charge: "ch_1" };
    };
    const results = await Promise.all(Array.from({ length: 32 }, () => idem.run(key, "fp", handler)));
    expect(calls).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    for (const result of results) expect(result).toMatchObject({ value: { charge: "ch_1" }, fencingToken: 1 });
  });

  it("refuses a stalled holder's result after its lease expired and another call took over", async () => {
    const leaseMs = 300;
    const idem = createIdempotency(target().connection, { leaseMs });
    const key = randomKey("idem");
    let takeover: Promise<unknown> | undefined;
    let stalledSignal: AbortSignal | undefined;
    const stalled = idem.run(key, "fp", async ({ signal }) => {
      stalledSignal = signal;
      // the process stalls (GC pause, blocked event loop): no renewal can run
      const until = Date.now() + 3 * leaseMs;
      while (Date.now() < until) {
        // busy
      }
      takeover = idem.run(key, "fp", ({ fencingToken }) => `second with ${fencingToken}`);
      await takeover;
      return "first";
    });
    const error = await rejection(stalled);
    expect(error.code).toBe("IDEMPOTENCY_LEASE_LOST");
    expect(await takeover).toEqual({ value: "second with 2", replayed: false, fencingToken: 2 });
    expect(stalledSignal?.aborted).toBe(true);
    expect(await idem.run(key, "fp", () => "third")).toEqual({ value: "second with 2", replayed: true, fencingToken: 2 });
  });

  it("keeps two views' keys apart", async () => {
    const key = randomKey("idem");
    const left = createIdempotency(target().connection.withKeyPrefix("left"));
    const right = createIdempotency(target().connection.withKeyPrefix("right"));
    expect((await left.run(key, "fp-left", () => "L")).value).toBe("L");
    expect(await right.run(key, "fp-right", () => "R")).toEqual({ value: "R", replayed: false, fencingToken: 1 });
  });
});

describe("run, crash of the holder", () => {
  it("a holder whose process died blocks the key for one lease only; the next call gets a larger token", async () => {
    const { port } = (await import("@redis-interface/testing")).sharedRedisFromEnv();
    const holderPool = await RedisConnectionPool.connect({ port });
    const pool = await RedisConnectionPool.connect({ port });
    try {
      const leaseMs = 600;
      const key = randomKey("idem");
      let signal: AbortSignal | undefined;
      const taken = deferred();
      const never = createIdempotency(holderPool, { leaseMs }).run(key, "fp", (context) => {
        signal = context.signal;
        taken.resolve();
        return new Promise<string>(() => undefined);
      });
      never.catch(() => undefined);
      await taken.promise;
      await holderPool.close(); // the holder's process is gone: nothing renews its lease
      await waitFor(() => signal?.aborted === true, { description: "holder's signal aborted" });
      const idem = createIdempotency(pool, { leaseMs });
      const busy = await rejection(idem.run(key, "fp", () => "next"));
      expect(busy.code).toBe("IDEMPOTENCY_IN_PROGRESS");
      const startedAt = Date.now();
      let result: unknown;
      await waitFor(
        async () => {
          try {
            result = await idem.run(key, "fp", ({ fencingToken }) => `next with ${fencingToken}`);
            return true;
          } catch {
            return false;
          }
        },
        { timeoutMs: 30_000, description: "the lease expired" },
      );
      expect(result).toEqual({ value: "next with 2", replayed: false, fencingToken: 2 });
      expect(Date.now() - startedAt).toBeLessThan(leaseMs + 10_000);
    } finally {
      await Promise.all([holderPool.close(), pool.close()]);
    }
  });
});

describe("run, validation", () => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    const { sharedRedisFromEnv } = await import("@redis-interface/testing");
    pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port });
  });
  afterAll(() => pool.close());

  it("rejects unknown and bad options at once", () => {
    expect(() => createIdempotency(pool, { leaseMS: 5 } as never)).toThrow(/unknown option "leaseMS"/);
    expect(() => createIdempotency(pool, { leaseMs: 0 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => createIdempotency(pool, { retentionSeconds: 1.5 })).toThrow(/retentionSeconds/);
    expect(() => createIdempotency(pool, { durability: "sync" as never })).toThrow(/durability/);
    expect(() => createIdempotency(pool, { storeError: "yes" as never })).toThrow(/storeError/);
    expect(() => createIdempotency(null as unknown as RedisConnection)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });

  it("rejects a bad key, fingerprint or handler before any I/O", async () => {
    let sends = 0;
    const counted = new Proxy(pool, { get: (real, property, receiver) => (property === "send" ? (...args: Parameters<RedisConnection["send"]>) => (sends++, real.send(...args)) : Reflect.get(real, property, receiver)) });
    const idem = createIdempotency(counted);
    const handler = jest.fn(() => "x");
    for (const call of [idem.run("", "fp", handler), idem.run("k", "", handler), idem.run(7 as never, "fp", handler), idem.run("k", "fp", "no" as never)]) {
      expect((await rejection(call)).code).toBe("INVALID_ARGUMENT");
    }
    expect(sends).toBe(0);
    expect(handler).not.toHaveBeenCalled();
  });
});
