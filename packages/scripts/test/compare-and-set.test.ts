import { isRedisError } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { scripts } from "../src/index.js";
import { counting, describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("compareAndSet", (target) => {
  it("version 0 creates; each success bumps the version; a stale version fails with the current one", async () => {
    const { lua } = target();
    const key = randomKey("cas");
    const v1 = { id: "pay_1", amount: 1000n, status: "created", at: new Date("2024-01-01T00:00:00Z") };
    expect(await lua.getVersioned(key)).toBeNull();
    expect(await lua.compareAndSet(key, 0, v1)).toEqual({ ok: true, version: 1 });
    expect(await lua.getVersioned(key)).toEqual({ version: 1, value: v1 });
    expect(await lua.compareAndSet(key, 0, { status: "again" })).toEqual({ ok: false, version: 1 });

    const v2 = { ...v1, status: "captured" };
    expect(await lua.compareAndSet(key, 1, v2)).toEqual({ ok: true, version: 2 });
    expect(await lua.compareAndSet(key, 1, { status: "stale" })).toEqual({ ok: false, version: 2 });
    expect(await lua.getVersioned<typeof v2>(key)).toEqual({ version: 2, value: v2 });
  });

  it("an expected version on an absent key fails with version null", async () => {
    const { lua } = target();
    const key = randomKey("cas");
    expect(await lua.compareAndSet(key, 3, "x")).toEqual({ ok: false, version: null });
    expect(await lua.getVersioned(key)).toBeNull();
  });

  it("concurrent updates with the same expected version: exactly one wins", async () => {
    const { lua } = target();
    const key = randomKey("cas");
    expect(await lua.compareAndSet(key, 0, { n: 0 })).toEqual({ ok: true, version: 1 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => lua.compareAndSet(key, 1, { n: n + 1 })));
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, version: 2 }]);
    expect(results.filter((r) => !r.ok).every((r) => r.version === 2)).toBe(true);
    const winner = results.findIndex((r) => r.ok);
    expect(await lua.getVersioned(key)).toEqual({ version: 2, value: { n: winner + 1 } });

    const creates = await Promise.all(Array.from({ length: 20 }, (_, n) => lua.compareAndSet(`${key}:new`, 0, n)));
    expect(creates.filter((r) => r.ok)).toHaveLength(1);
  });

  it("stores a hash { version, value } under the prefixed key", async () => {
    const { lua, raw, rawKey, connection } = target();
    const key = randomKey("cas");
    await lua.compareAndSet(key, 0, { a: 1 });
    expect(await raw.hgetall(rawKey(key))).toEqual({ version: "1", value: connection.codec.encode({ a: 1 }) });
  });

  it("corrupt data is DESERIALIZATION_FAILED; another type is WRONG_TYPE; bad input INVALID_ARGUMENT before I/O", async () => {
    const { connection, raw, rawKey } = target();
    const probe = counting(connection);
    const lua = scripts(probe.connection);
    for (const call of [lua.compareAndSet("", 0, 1), lua.compareAndSet("k", -1, 1), lua.compareAndSet("k", 1.5, 1), lua.compareAndSet("k", 0, undefined), lua.getVersioned("")]) {
      expect(isRedisError(await rejection(call), "INVALID_ARGUMENT")).toBe(true);
    }
    expect(probe.sends()).toBe(0);

    const [corrupt, noValue, list] = [randomKey("cas"), randomKey("cas"), randomKey("cas")];
    await raw.hset(rawKey(corrupt), "version", "1", "value", "{nope");
    await raw.hset(rawKey(noValue), "version", "x");
    await raw.rpush(rawKey(list), "x");
    const error = await rejection(lua.getVersioned(corrupt));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
    expect(error.key).toBe(corrupt);
    expect(isRedisError(await rejection(lua.getVersioned(noValue)), "DESERIALIZATION_FAILED")).toBe(true);
    expect(isRedisError(await rejection(lua.compareAndSet(noValue, 1, 1)), "SCRIPT_FAILED")).toBe(true);
    expect(isRedisError(await rejection(lua.getVersioned(list)), "WRONG_TYPE")).toBe(true);
    expect(isRedisError(await rejection(lua.compareAndSet(list, 0, 1)), "WRONG_TYPE")).toBe(true);
  });
});
