import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { leakedSecrets, printedErrorForms, printedForms, randomId, rejection, sharedRedisFromEnv } from "@redis-interface/testing";
import { Keyv } from "keyv";
import { KeyvRedisInterface } from "../src/index.js";

const connect = (): Promise<RedisConnectionPool> => RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });

/** A Keyv on a new store, with every `error` it emits collected. */
function observedKeyv(store: KeyvRedisInterface, namespace: string): { keyv: Keyv<string>; errors: unknown[] } {
  const keyv = new Keyv<string>({ store, namespace });
  const errors: unknown[] = [];
  keyv.on("error", (error: unknown) => errors.push(error));
  return { keyv, errors };
}

describe("KeyvRedisInterface failures", () => {
  it("a read that fails is emitted once (Keyv's get turns it into a miss) and rejects from the store", async () => {
    const pool = await connect();
    try {
      const namespace = `err-${randomId(8)}`;
      await kv(pool).setHashFields(`${namespace}:hash`, { field: "x" }); // not a string: GET fails WRONGTYPE
      const store = new KeyvRedisInterface(pool);
      const { keyv, errors } = observedKeyv(store, namespace);
      expect(await keyv.get("hash")).toBeUndefined();
      expect(errors).toHaveLength(1);
      expect(isRedisError(errors[0], "WRONG_TYPE")).toBe(true);
      const direct = await rejection(store.get(`${namespace}:hash`));
      expect(direct.code).toBe("WRONG_TYPE");
      expect(errors).toHaveLength(2);
      await expect(keyv.has("hash")).resolves.toBe(true);
      await kv(pool).unlinkKey(`${namespace}:hash`);
    } finally {
      await pool.close();
    }
  });

  it("closing the pool ends the store: a set reports false and one CLOSED error, without the value anywhere", async () => {
    const pool = await connect();
    const store = new KeyvRedisInterface(pool.withKeyPrefix(`closing_${randomId(8)}`));
    const { keyv, errors } = observedKeyv(store, "n");
    expect(await keyv.set("k", "v", 1000)).toBe(true);
    await pool.close();
    const secret = `card-${randomId(12)}`;
    expect(await keyv.set("k", secret, 1000)).toBe(false);
    expect(errors).toHaveLength(1);
    expect(isRedisError(errors[0], "CLOSED")).toBe(true);
    expect(leakedSecrets(printedErrorForms(errors[0]), [secret])).toEqual([]);
    expect(await keyv.get("k")).toBeUndefined();
    expect(errors).toHaveLength(2);
    expect(isRedisError(errors[1], "CLOSED")).toBe(true);
    await expect(store.clear()).rejects.toMatchObject({ code: "CLOSED" });
    expect(leakedSecrets(printedForms(store), [secret])).toEqual([]);
  });

  it("disconnect() ends the store only: its calls fail with CLOSED, the pool and other stores go on", async () => {
    const pool = await connect();
    try {
      const view = pool.withKeyPrefix(`disconnect_${randomId(8)}`);
      const ended = new KeyvRedisInterface(view);
      const other = new KeyvRedisInterface(view);
      await ended.set("k", "v");
      await new Keyv({ store: ended }).disconnect();
      for (const call of [() => ended.get("k"), () => ended.set("k", "v"), () => ended.delete("k"), () => ended.clear(), () => ended.iterator().next()]) {
        await expect(call()).rejects.toMatchObject({ name: "RedisError", code: "CLOSED" });
      }
      expect(await other.get("k")).toBe("v");
      expect(await pool.ping()).toBe("PONG");
      await other.delete("k");
    } finally {
      await pool.close();
    }
  });

  it("a read failure with no error listener rejects without an unhandled 'error' event", async () => {
    const pool = await connect();
    const store = new KeyvRedisInterface(pool);
    await pool.close();
    expect(store.listenerCount("error")).toBe(0);
    await expect(store.get("k")).rejects.toMatchObject({ code: "CLOSED" });
  });
});
