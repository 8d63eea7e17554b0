import { RedisConnectionPool, isRedisError, type RedisConnection } from "@redis-interface/core";
import { randomId, sharedRedisFromEnv } from "@redis-interface/testing";
import { KeyvRedisInterface, type KeyvRedisInterfaceOptions } from "../src/index.js";
import { expectInvalid, spyOnRedis } from "./support/targets.js";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("KeyvRedisInterface refuses bad input before any I/O", () => {
  let pool: RedisConnectionPool;
  let view: RedisConnection;
  beforeAll(async () => {
    pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
    view = pool.withKeyPrefix(`checks_${randomId(8)}`);
  });
  afterAll(async () => {
    await pool.close();
  });

  it.each<[string, unknown, string]>([
    ["an unknown option name", { namespaces: "x" }, 'unknown option "namespaces"'],
    ["options that are not an object", "keyv", "options must be an object"],
    ["a scanCount of 0", { scanCount: 0 }, "scanCount must be a positive integer, got 0"],
    ["a fractional scanCount", { scanCount: 1.5 }, "scanCount must be a positive integer, got 1.5"],
    ["a namespace that is not a string", { namespace: 7 }, "namespace must be a string or undefined, got 7"],
  ])("the constructor: %s", (_, options, message) => {
    const error = thrown(() => new KeyvRedisInterface(view, options as KeyvRedisInterfaceOptions));
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it("the constructor: a connection that is not a pool or a view", () => {
    const error = thrown(() => new KeyvRedisInterface({} as RedisConnection));
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect((error as Error).message).toContain("RedisConnectionPool");
  });

  it("the namespace setter refuses anything but a string or undefined", () => {
    const store = new KeyvRedisInterface(view);
    const error = thrown(() => {
      (store as { namespace: unknown }).namespace = { name: "x" };
    });
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect(store.namespace).toBeUndefined();
  });

  it.each<[string, (store: KeyvRedisInterface) => Promise<unknown>, string]>([
    ["set: a value that is not a string", (store) => store.set("k", { card: "4242" } as unknown as string), "KeyvRedisInterface.set"],
    ["set: a ttl of 0", (store) => store.set("k", "v", 0), "KeyvRedisInterface.set"],
    ["set: a negative ttl", (store) => store.set("k", "v", -5), "KeyvRedisInterface.set"],
    ["set: a fractional ttl", (store) => store.set("k", "v", 1.5), "KeyvRedisInterface.set"],
    ["set: an empty key", (store) => store.set("", "v"), "KeyvRedisInterface.set"],
    ["setMany: not an array", (store) => store.setMany({ key: "k" } as never), "KeyvRedisInterface.setMany"],
    ["setMany: a bad entry after a good one", (store) => store.setMany([{ key: "a", value: "1" }, { key: "b", value: "2", ttl: 0 }]), "KeyvRedisInterface.setMany"],
    ["setMany: an unknown entry field", (store) => store.setMany([{ key: "a", value: "1", expires: 5 } as never]), "KeyvRedisInterface.setMany"],
    ["get: a key that is not a string", (store) => store.get(7 as unknown as string), "getKey"],
    ["getMany: a bad key", (store) => store.getMany(["a", ""]), "getMultipleKeys"],
    ["has: an empty key", (store) => store.has(""), "exists"],
    ["hasMany: a bad key after a good one", (store) => store.hasMany(["a", 1 as unknown as string]), "KeyvRedisInterface.hasMany"],
    ["delete: an empty key", (store) => store.delete(""), "unlinkKey"],
    ["deleteMany: not an array", (store) => store.deleteMany("k" as unknown as string[]), "unlinkMultipleKeys"],
  ])("%s", async (_, call, operation) => {
    const store = new KeyvRedisInterface(view);
    const error = await expectInvalid(view, () => call(store), operation);
    expect(error.message).not.toContain("4242");
  });

  it("clear without a namespace on a bare pool is refused (it would empty the database); on a view it is the view's", async () => {
    const store = new KeyvRedisInterface(pool);
    const error = await expectInvalid(pool, () => store.clear(), "KeyvRedisInterface.clear");
    expect(error.message).toContain("namespace");
    store.namespace = "";
    await expectInvalid(pool, () => store.clear(), "KeyvRedisInterface.clear");
  });

  it("an iterator namespace that is not a string is refused before any I/O", async () => {
    const store = new KeyvRedisInterface(view);
    const redis = spyOnRedis(view);
    try {
      await expect(store.iterator(5 as unknown as string).next()).rejects.toMatchObject({ code: "INVALID_ARGUMENT", operation: "KeyvRedisInterface.iterator" });
      expect(redis.calls()).toBe(0);
    } finally {
      redis.restore();
    }
  });

  it("opts shows Keyv the redis dialect and the options, and writing to it changes nothing", () => {
    const store = new KeyvRedisInterface(view, { namespace: "n", scanCount: 50 });
    expect(store.opts).toEqual({ dialect: "redis", namespace: "n", scanCount: 50 });
    (store.opts as unknown as Record<string, unknown>).scanCount = 1;
    expect(store.opts.scanCount).toBe(50);
  });
});
