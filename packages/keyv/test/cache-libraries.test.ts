import { RedisConnectionPool } from "@redis-interface/core";
import { forTenant } from "@redis-interface/tenancy";
import { randomId, sharedRedisFromEnv } from "@redis-interface/testing";
import { createCache } from "cache-manager";
import { Cacheable } from "cacheable";
import { Redis } from "ioredis";
import { Keyv } from "keyv";
import { KeyvRedisInterface } from "../src/index.js";

// Two service instances (two pools, each with its own in-memory first level) sharing Redis through
// the store: what one loads, the other reads from Redis without loading, with a server-side TTL.
interface Payment {
  id: string;
  amount: number;
}

describe("under cache-manager 7 and cacheable 2", () => {
  const pools: RedisConnectionPool[] = [];
  let raw: Redis;
  beforeAll(async () => {
    const { port } = sharedRedisFromEnv();
    for (let index = 0; index < 2; index++) pools.push(await RedisConnectionPool.connect({ port, poolSize: 1 }));
    raw = new Redis({ port, lazyConnect: true });
    await raw.connect();
  });
  afterAll(async () => {
    raw.disconnect();
    await Promise.all(pools.map((pool) => pool.close()));
  });

  /** A loader that counts its calls. */
  function loader(payment: Payment): { load: () => Promise<Payment>; calls: () => number } {
    let calls = 0;
    return {
      load: async () => {
        calls++;
        return payment;
      },
      calls: () => calls,
    };
  }

  it("cache-manager: wrap on one instance loads once and the other reads it from Redis; mset/mget/del/clear", async () => {
    const namespace = `cm-${randomId(8)}`;
    const [first, second] = pools.map((pool) => createCache({ stores: [new Keyv(), new Keyv({ store: new KeyvRedisInterface(pool), namespace })] }));
    const payment = { id: "pay_1", amount: 1000 };
    const one = loader(payment);
    const two = loader({ id: "other", amount: 0 });
    expect(await first!.wrap("payment:pay_1", one.load, 1500)).toEqual(payment);
    expect(await second!.wrap("payment:pay_1", two.load, 1500)).toEqual(payment);
    expect([one.calls(), two.calls()]).toEqual([1, 0]);
    const left = await raw.pttl(`${namespace}:payment:pay_1`);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(1500);

    await first!.mset([{ key: "a", value: 1 }, { key: "b", value: 2, ttl: 60_000 }]);
    expect(await second!.mget(["a", "b", "missing"])).toEqual([1, 2, undefined]);
    expect(await raw.pttl(`${namespace}:a`)).toBe(-1);
    await second!.del("a");
    expect(await raw.exists(`${namespace}:a`)).toBe(0);
    await first!.clear();
    expect(await raw.exists(`${namespace}:b`, `${namespace}:payment:pay_1`)).toBe(0);
  });

  it("cacheable: getOrSet on one instance loads once and the other reads the secondary store; tenant views stay apart", async () => {
    const namespace = `ca-${randomId(8)}`;
    const tenant = `merchant_${randomId(8)}`;
    const [first, second] = pools.map((pool) => new Cacheable({ secondary: new KeyvRedisInterface(forTenant(pool, tenant)), namespace }));
    const outsider = new Cacheable({ secondary: new KeyvRedisInterface(forTenant(pools[0]!, `${tenant}X`)), namespace });
    const payment = { id: "pay_2", amount: 2500 };
    const one = loader(payment);
    const two = loader({ id: "other", amount: 0 });
    const three = loader({ id: "outsider", amount: 1 });
    expect(await first!.getOrSet("payment:pay_2", one.load, { ttl: 1500 })).toEqual(payment);
    expect(await second!.getOrSet("payment:pay_2", two.load, { ttl: 1500 })).toEqual(payment);
    expect(await outsider.getOrSet("payment:pay_2", three.load, { ttl: 1500 })).toEqual({ id: "outsider", amount: 1 });
    expect([one.calls(), two.calls(), three.calls()]).toEqual([1, 0, 1]);
    const left = await raw.pttl(`${tenant}:${namespace}:payment:pay_2`);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(1500);

    await first!.delete("payment:pay_2");
    expect(await raw.exists(`${tenant}:${namespace}:payment:pay_2`)).toBe(0);
    expect(await raw.exists(`${tenant}X:${namespace}:payment:pay_2`)).toBe(1);
    await Promise.all([first!.disconnect(), second!.disconnect(), outsider.clear()]);
    expect(await pools[0]!.ping()).toBe("PONG"); // disconnecting a store leaves the application's pool open
  });
});
