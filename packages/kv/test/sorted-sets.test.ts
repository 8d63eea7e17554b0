import { Cluster, Redis } from "ioredis";
import type { RedisCommand } from "@redis-interface/core";
import { randomKey, sharedRedisFromEnv } from "@redis-interface/testing";
import { ZRANGE_BYSCORE, ZRANGE_WITHSCORES, ZSCORE } from "../src/commands/sorted-sets.js";
import type { ScoredMember } from "../src/index.js";
import { describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("sorted sets", (target) => {
  async function expectError(promise: Promise<unknown>, code: string, operation: string, key: string | undefined): Promise<void> {
    const error = await rejection(promise);
    expect(error).toMatchObject({ name: "RedisError", code, operation, key });
  }

  /** A sorted set of five members with fractional and negative scores. */
  async function fiveMembers(): Promise<string> {
    const key = randomKey("zset");
    await target().store.zadd(key, [
      { member: "c", score: 3 },
      { member: "a", score: -1.5 },
      { member: "e", score: 10.25 },
      { member: "b", score: 0 },
      { member: "d", score: 3 },
    ]);
    return key;
  }

  describe("zadd", () => {
    it("returns how many members were new, for several new members at once", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("zset");
      await expect(store.zadd(key, [{ member: "a", score: 1 }, { member: "b", score: 2 }, { member: "c", score: 3 }])).resolves.toBe(3);
      await expect(store.zadd(key, [{ member: "a", score: 5 }, { member: "d", score: 4 }])).resolves.toBe(1);
      expect(await raw.zscore(rawKey(key), "a")).toBe("5");
      expect(await raw.zcard(rawKey(key))).toBe(4);
      expect(await raw.ttl(rawKey(key))).toBe(-1);
    });

    it("rejects an empty list, bad entries, non-finite scores and an empty key before any I/O", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("zset");
      const bad: unknown[] = [
        [],
        "a",
        [{ member: "a", score: 1 }, null],
        [{ member: "a", score: Number.NaN }],
        [{ member: "a", score: Infinity }],
        [{ member: "a", score: -Infinity }],
        [{ member: "a", score: "1" }],
        [{ member: "a" }],
        [{ member: null, score: 1 }],
        [{ member: { id: 1 }, score: 1 }],
      ];
      for (const members of bad) {
        await expectError(store.zadd(key, members as ScoredMember[]), "INVALID_ARGUMENT", "zadd", key);
      }
      await expectError(store.zadd("", [{ member: "a", score: 1 }]), "INVALID_ARGUMENT", "zadd", undefined);
      expect(await raw.exists(rawKey(key))).toBe(0);
    });
  });

  describe("zrange", () => {
    it("returns members by rank with numeric scores, lowest first (ties by member)", async () => {
      const { store } = target();
      const key = await fiveMembers();
      await expect(store.zrange(key, 0, -1)).resolves.toEqual([
        { member: "a", score: -1.5 },
        { member: "b", score: 0 },
        { member: "c", score: 3 },
        { member: "d", score: 3 },
        { member: "e", score: 10.25 },
      ]);
      await expect(store.zrange(key, 1, 2)).resolves.toEqual([
        { member: "b", score: 0 },
        { member: "c", score: 3 },
      ]);
      await expect(store.zrange(key, -1, -1)).resolves.toEqual([{ member: "e", score: 10.25 }]);
      await expect(store.zrange(randomKey("missing"), 0, -1)).resolves.toEqual([]);
    });

    it("reads infinite scores written by others as ±Infinity", async () => {
      const { store, raw, rawKey } = target();
      const key = randomKey("zset");
      await raw.zadd(rawKey(key), "+inf", "top", "-inf", "bottom", "1", "one");
      await expect(store.zrange(key, 0, -1)).resolves.toEqual([
        { member: "bottom", score: -Infinity },
        { member: "one", score: 1 },
        { member: "top", score: Infinity },
      ]);
      await expect(store.zscore(key, "top")).resolves.toBe(Infinity);
      await expect(store.zscore(key, "bottom")).resolves.toBe(-Infinity);
    });

    it("rejects non-integer indexes", async () => {
      const { store } = target();
      const key = randomKey("zset");
      await expectError(store.zrange(key, 0.5, 1), "INVALID_ARGUMENT", "zrange", key);
      await expectError(store.zrange(key, 0, "-1" as unknown as number), "INVALID_ARGUMENT", "zrange", key);
      await expectError(store.zrange("", 0, -1), "INVALID_ARGUMENT", "zrange", undefined);
    });
  });

  describe("zrangeByScore", () => {
    it("returns the members within inclusive score bounds", async () => {
      const { store } = target();
      const key = await fiveMembers();
      await expect(store.zrangeByScore(key, 0, 3)).resolves.toEqual([
        { member: "b", score: 0 },
        { member: "c", score: 3 },
        { member: "d", score: 3 },
      ]);
      await expect(store.zrangeByScore(key, "-inf", 0)).resolves.toEqual([
        { member: "a", score: -1.5 },
        { member: "b", score: 0 },
      ]);
      await expect(store.zrangeByScore(key, 3.5, "+inf")).resolves.toEqual([{ member: "e", score: 10.25 }]);
      await expect(store.zrangeByScore(key, -Infinity, Infinity)).resolves.toHaveLength(5);
      await expect(store.zrangeByScore(key, 4, 5)).resolves.toEqual([]);
      await expect(store.zrangeByScore(randomKey("missing"), "-inf", "+inf")).resolves.toEqual([]);
    });

    it("applies LIMIT offset count", async () => {
      const { store } = target();
      const key = await fiveMembers();
      await expect(store.zrangeByScore(key, "-inf", "+inf", { offset: 1, count: 2 })).resolves.toEqual([
        { member: "b", score: 0 },
        { member: "c", score: 3 },
      ]);
      await expect(store.zrangeByScore(key, 0, "+inf", { offset: 3, count: 10 })).resolves.toEqual([{ member: "e", score: 10.25 }]);
      await expect(store.zrangeByScore(key, "-inf", "+inf", { offset: 5, count: 1 })).resolves.toEqual([]);
    });

    it("rejects bad bounds and limits", async () => {
      const { store } = target();
      const key = randomKey("zset");
      const op = "zrangeByScore";
      await expectError(store.zrangeByScore(key, Number.NaN, 1), "INVALID_ARGUMENT", op, key);
      await expectError(store.zrangeByScore(key, "abc" as unknown as number, 1), "INVALID_ARGUMENT", op, key);
      await expectError(store.zrangeByScore(key, 0, "(5" as unknown as number), "INVALID_ARGUMENT", op, key);
      await expectError(store.zrangeByScore(key, 0, 1, { offset: -1, count: 1 }), "INVALID_ARGUMENT", op, key);
      await expectError(store.zrangeByScore(key, 0, 1, { offset: 0, count: 0 }), "INVALID_ARGUMENT", op, key);
      await expectError(store.zrangeByScore(key, 0, 1, { offset: 0.5, count: 1 }), "INVALID_ARGUMENT", op, key);
      await expectError(store.zrangeByScore(key, 0, 1, null as unknown as { offset: number; count: number }), "INVALID_ARGUMENT", op, key);
      await expectError(store.zrangeByScore("", 0, 1), "INVALID_ARGUMENT", op, undefined);
    });
  });

  describe("zscore", () => {
    it("returns the score as a number, null for a missing member or key", async () => {
      const { store } = target();
      const key = await fiveMembers();
      await expect(store.zscore(key, "a")).resolves.toBe(-1.5);
      await expect(store.zscore(key, "e")).resolves.toBe(10.25);
      await expect(store.zscore(key, "zz")).resolves.toBeNull();
      await expect(store.zscore(randomKey("missing"), "a")).resolves.toBeNull();
      await expectError(store.zscore(key, null as unknown as string), "INVALID_ARGUMENT", "zscore", key);
    });
  });

  describe("zrem", () => {
    it("returns how many members were removed, and Redis drops the emptied key", async () => {
      const { store, raw, rawKey } = target();
      const key = await fiveMembers();
      await expect(store.zrem(key, ["a", "b", "nope"])).resolves.toBe(2);
      await expect(store.zcard(key)).resolves.toBe(3);
      await expect(store.zrem(key, ["c", "d", "e"])).resolves.toBe(3);
      expect(await raw.exists(rawKey(key))).toBe(0);
    });

    it("rejects an empty list and a bad member", async () => {
      const { store } = target();
      const key = randomKey("zset");
      await expectError(store.zrem(key, []), "INVALID_ARGUMENT", "zrem", key);
      await expectError(store.zrem(key, [undefined as unknown as string]), "INVALID_ARGUMENT", "zrem", key);
    });
  });

  describe("zcard", () => {
    it("counts the members, 0 when the key is missing", async () => {
      const { store } = target();
      const key = await fiveMembers();
      await expect(store.zcard(key)).resolves.toBe(5);
      await expect(store.zcard(randomKey("missing"))).resolves.toBe(0);
      await expectError(store.zcard(""), "INVALID_ARGUMENT", "zcard", undefined);
    });
  });

  describe("with ioredis's RESP3 reply mapping (pairs, numeric scores)", () => {
    let client: Redis | Cluster;

    beforeAll(async () => {
      const { cluster } = target();
      const { port, clusterUrls: urls } = sharedRedisFromEnv();
      client = cluster
        ? new Cluster(urls.map((url) => ({ host: "127.0.0.1", port: Number(url.split(":")[1]) })), { lazyConnect: true, redisOptions: { replyMapping: "resp3" } })
        : new Redis({ port, lazyConnect: true, replyMapping: "resp3" });
      await client.connect();
    });
    afterAll(() => client?.disconnect());

    /** Sends a described command on the RESP3-mapped client (the key resolved as the view would) and applies its transform. */
    async function onMappedClient<R>(command: RedisCommand<R>): Promise<R> {
      const { connection, rawKey } = target();
      const [key, ...rest] = command.args;
      const reply: unknown = await client.call(command.name, [rawKey(key as string), ...rest] as Array<string | number>);
      return command.transform === undefined ? (reply as R) : command.transform(reply, connection);
    }

    it("the sorted-set transforms parse the scores the same way", async () => {
      const { raw, rawKey } = target();
      const key = randomKey("zset");
      await raw.zadd(rawKey(key), "-inf", "bottom", "-1.5", "a", "2", "b", "+inf", "top");
      await expect(client.zrange(rawKey(key), 0, "0", "WITHSCORES")).resolves.toEqual([["bottom", -Infinity]]);
      const all = [
        { member: "bottom", score: -Infinity },
        { member: "a", score: -1.5 },
        { member: "b", score: 2 },
        { member: "top", score: Infinity },
      ];
      await expect(onMappedClient(ZRANGE_WITHSCORES(key, 0, -1))).resolves.toEqual(all);
      await expect(onMappedClient(ZRANGE_BYSCORE(key, "-inf", "+inf", { offset: 1, count: 2 }))).resolves.toEqual(all.slice(1, 3));
      await expect(onMappedClient(ZSCORE(key, "a"))).resolves.toBe(-1.5);
      await expect(onMappedClient(ZSCORE(key, "top"))).resolves.toBe(Infinity);
      await expect(onMappedClient(ZSCORE(key, "none"))).resolves.toBeNull();
      // and the pool's own connections give the same results
      await expect(target().store.zrange(key, 0, -1)).resolves.toEqual(all);
    });
  });

  it("fails with WRONG_TYPE naming the operation and the caller's key when the key holds a string", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("str");
    await raw.set(rawKey(key), "plain");
    await expectError(store.zadd(key, [{ member: "a", score: 1 }]), "WRONG_TYPE", "zadd", key);
    await expectError(store.zrange(key, 0, -1), "WRONG_TYPE", "zrange", key);
    await expectError(store.zrangeByScore(key, "-inf", "+inf"), "WRONG_TYPE", "zrangeByScore", key);
    await expectError(store.zscore(key, "a"), "WRONG_TYPE", "zscore", key);
    await expectError(store.zrem(key, ["a"]), "WRONG_TYPE", "zrem", key);
    await expectError(store.zcard(key), "WRONG_TYPE", "zcard", key);
    expect(await raw.get(rawKey(key))).toBe("plain");
  });
});
