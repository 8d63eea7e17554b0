import { Cluster } from "ioredis";
import { randomKey, type RedisClusterHandle, rejection, startRedisCluster } from "@redis-interface/testing";
import { RedisConnectionPool, groupBySlot, isRedisError, keySlot, type RedisError } from "../src/index.js";

let cluster: RedisClusterHandle;
let pool: RedisConnectionPool;

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1 });
  pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls.slice(0, 1) });
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await cluster?.stop();
});


describe("RedisConnectionPool on a real local cluster", () => {
  it("uses an ioredis Cluster discovered from one seed node", async () => {
    expect(pool.isCluster).toBe(true);
    expect(await pool.ping()).toBe("PONG");
  });

  it("routes keys of every master (MOVED handled by the client)", async () => {
    const keys = ["{a}" + randomKey(), "{b}" + randomKey(), "{c}" + randomKey(), "{d}" + randomKey()];
    await Promise.all(keys.map((key) => pool.execute("setKey", key, (client) => client.set(key, key))));
    const owners = new Set<string>();
    for (const key of keys) {
      expect(await pool.execute("getKey", key, (client) => client.get(key))).toBe(key);
      const slots = (await pool.execute("clusterSlots", undefined, (client) => client.call("CLUSTER", "SLOTS"))) as Array<[number, number, [string, number]]>;
      const slot = keySlot(key);
      const owner = slots.find(([start, end]) => slot >= start && slot <= end);
      owners.add(String(owner?.[2][1]));
    }
    expect(owners.size).toBeGreaterThanOrEqual(2);
  });

  it("computes the same slot as the server for plain and hash-tagged keys", async () => {
    const keys = ["user:1", "order:9", "{merchant_1}:payment:1", "{merchant_1}:payment:2", randomKey(), "€uro", ""];
    for (const key of keys) {
      const serverSlot = await pool.execute("keySlot", key, (client) => client.call("CLUSTER", "KEYSLOT", key));
      expect(keySlot(key)).toBe(serverSlot);
    }
    const groups = groupBySlot(["{m}:a", "x", "{m}:b"]);
    expect(groups.map((group) => group.keys)).toEqual([["{m}:a", "{m}:b"], ["x"]]);
  });

  it("maps a multi-key command across slots to CROSS_SLOT", async () => {
    const error = await rejection(pool.execute("setMultipleKeysIfNotExist", "foo", (client) => client.mset("foo", "1", "bar", "2")));
    expect(isRedisError(error, "CROSS_SLOT")).toBe(true);
    expect(error.message).toMatch(/same slot|CROSSSLOT/);
  });

  it("accepts multi-key commands inside one hash tag, through a hash-tagged view", async () => {
    const tenant = pool.withKeyPrefix(randomKey("merchant"), { hashTag: true });
    const [a, b] = [tenant.keys.key("a"), tenant.keys.key("b")];
    expect(keySlot(a)).toBe(keySlot(b));
    await tenant.execute("setMultiple", "a", (client) => client.mset(a, "1", b, "2"));
    expect(await tenant.execute("getMultipleKeys", "a", (client) => client.mget(a, b))).toEqual(["1", "2"]);
  });

  it("runs blocking commands on a dedicated cluster connection", async () => {
    const list = randomKey("cluster-list");
    const blocked = pool.executeBlocking("popBlocking", list, { timeoutMs: 10_000 }, (client) => client.blpop(list, 5));
    await pool.execute("appendElementsToList", list, (client) => client.rpush(list, "x"));
    expect(await blocked).toEqual([list, "x"]);
  });

  it("closes gracefully", async () => {
    const other = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls });
    const key = randomKey();
    const write = other.execute("setKey", key, (client) => client.set(key, "1"));
    await other.close();
    expect(await write).toBe("OK");
    expect(isRedisError(await rejection(other.ping()), "CLOSED")).toBe(true);
    const check = new Cluster([{ host: "127.0.0.1", port: cluster.nodes[0]!.port }], { lazyConnect: true });
    await check.connect();
    expect(await check.get(key)).toBe("1");
    check.disconnect();
  });

  it("fails with CONNECTION_FAILED when no seed node answers", async () => {
    const error = await rejection(RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: ["127.0.0.1:1"], reconnectMaxAttempts: 1, connectTimeoutMs: 3_000 }));
    expect(isRedisError(error, "CONNECTION_FAILED")).toBe(true);
  });
});
