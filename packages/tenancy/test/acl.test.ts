import { Redis } from "ioredis";
import { RedisConnectionPool } from "@redis-interface/core";
import { consumerGroups } from "@redis-interface/consumer-groups";
import { kv } from "@redis-interface/kv";
import { pubsub } from "@redis-interface/pubsub";
import { scripts } from "@redis-interface/scripts";
import { streams } from "@redis-interface/streams";
import { randomId, rejection, sharedRedisFromEnv, waitFor } from "@redis-interface/testing";
import { forTenant, tenantAclRules } from "../src/index.js";

/** A Redis user confined by `tenantAclRules`, and a pool that logs in as it. */
interface TenantUser {
  readonly tenantId: string;
  readonly username: string;
  readonly pool: RedisConnectionPool;
}

const NOPERM = { name: "RedisError", code: "COMMAND_FAILED", replyCode: "NOPERM" };

describe("tenantAclRules on a real server: one tenant's credentials cannot reach another tenant", () => {
  const run = randomId();
  let admin: Redis;
  let alice: TenantUser;
  let bob: TenantUser;

  async function createUser(tenantId: string): Promise<TenantUser> {
    const username = `user-${tenantId}`;
    const password = randomId(24);
    await admin.call("ACL", "SETUSER", username, "reset", "on", `>${password}`, ...tenantAclRules(tenantId));
    const pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1, username, password });
    return { tenantId, username, pool };
  }

  beforeAll(async () => {
    admin = new Redis({ port: sharedRedisFromEnv().port });
    alice = await createUser(`alice${run}`);
    bob = await createUser(`bob${run}`);
    await kv(forTenant(bob.pool, bob.tenantId)).setKey("secret", "bob's value");
  });
  afterAll(async () => {
    await Promise.all([alice?.pool.close(), bob?.pool.close()]);
    await admin.call("ACL", "DELUSER", `user-alice${run}`, `user-bob${run}`);
    const leftovers = await admin.keys(`*${run}*`);
    if (leftovers.length > 0) await admin.del(...leftovers);
    admin.disconnect();
  });

  it("works on the tenant's own data through every package", async () => {
    const own = forTenant(alice.pool, alice.tenantId);
    const store = kv(own);
    await store.setKey("k", "v");
    expect(await store.getKey("k")).toBe("v");
    await store.setHashFields("h", { f: "1" });
    expect(await store.getHashFields("h")).toEqual({ f: "1" });
    const id = await streams(own).streamAppendEntry("events", "*", { n: "1" });
    await consumerGroups(own).consumerGroupCreate("events", "g", "0");
    const read = await consumerGroups(own).streamReadWithOptions("events", ">", { group: { name: "g", consumer: "c" } });
    expect(read.events?.map((entry) => entry.id)).toEqual([id]);
    expect(await scripts(own).evaluateRedisScript("return redis.call('GET', KEYS[1])", ["k"])).toBe("v");
    const lock = await scripts(own).acquireLock("lock", { ttlMs: 10_000 });
    expect(lock.acquired).toBe(true);
    const bus = pubsub(own);
    try {
      const received: unknown[] = [];
      await bus.subscribe("news", (message) => void received.push(message));
      await bus.publish("news", "hello");
      await waitFor(() => received.length === 1, { description: "the tenant's own message" });
      expect(received).toEqual(["hello"]);
    } finally {
      await bus.close();
    }
  });

  it("cannot read, write or delete the other tenant's keys, not even from a script", async () => {
    const intruder = forTenant(alice.pool, bob.tenantId);
    expect(await rejection(kv(intruder).getKey("secret"))).toMatchObject({ ...NOPERM, key: "secret" });
    expect(await rejection(kv(intruder).setKey("secret", "overwritten"))).toMatchObject(NOPERM);
    expect(await rejection(kv(intruder).deleteKey("secret"))).toMatchObject(NOPERM);
    expect(await rejection(streams(intruder).streamAppendEntry("events", "*", { n: "1" }))).toMatchObject(NOPERM);
    expect(await rejection(scripts(intruder).evaluateRedisScript("return redis.call('GET', KEYS[1])", ["secret"]))).toMatchObject({ name: "RedisError", replyCode: "NOPERM" });
    // a script declaring its own key but touching another tenant's inside Lua is stopped by Redis too
    const smuggled = await rejection(scripts(forTenant(alice.pool, alice.tenantId)).evaluateRedisScript("return redis.call('GET', ARGV[1])", ["k"], [`${bob.tenantId}:secret`]));
    expect(smuggled).toMatchObject({ name: "RedisError", code: "SCRIPT_FAILED" });
    expect(smuggled.message).toMatch(/can't access at least one of the keys/);
    expect(await kv(forTenant(bob.pool, bob.tenantId)).getKey("secret")).toBe("bob's value");
  });

  it("without an ACL user nothing confines a script: Lua reaches another tenant's key by a literal name (what the README says)", async () => {
    const unconfined = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
    try {
      const lua = scripts(forTenant(unconfined, alice.tenantId));
      expect(await lua.evaluateRedisScript("return redis.call('GET', ARGV[1])", ["k"], [`${bob.tenantId}:secret`])).toBe("bob's value");
    } finally {
      await unconfined.close();
    }
  });

  it("cannot scan the keyspace, nor publish or subscribe to the other tenant's channels", async () => {
    expect(await rejection(kv(forTenant(alice.pool, alice.tenantId)).scan("*"))).toMatchObject(NOPERM);
    const intruder = pubsub(forTenant(alice.pool, bob.tenantId));
    try {
      expect(await rejection(intruder.publish("news", "spoofed"))).toMatchObject(NOPERM);
      const subscribed = await rejection(intruder.subscribe("news", () => undefined));
      expect(subscribed).toMatchObject({ name: "RedisError" });
      expect(subscribed.message).toMatch(/NOPERM|no permissions/i);
    } finally {
      await intruder.close();
    }
  });

  it("cannot run the commands a key pattern does not confine", async () => {
    const raw = new Redis({ port: sharedRedisFromEnv().port, username: alice.username, password: await passwordOf(alice) });
    try {
      for (const command of [["KEYS", "*"], ["FLUSHALL"], ["RANDOMKEY"], ["DBSIZE"], ["PUBSUB", "CHANNELS"], ["CONFIG", "GET", "*"], ["SCAN", "0"]]) {
        await expect(raw.call(command[0] as string, ...command.slice(1))).rejects.toThrow(/NOPERM/);
      }
    } finally {
      raw.disconnect();
    }
  });

  /** Alice's password is set anew (it is random and kept nowhere), so a raw client can log in. */
  async function passwordOf(user: TenantUser): Promise<string> {
    const password = randomId(24);
    await admin.call("ACL", "SETUSER", user.username, `>${password}`);
    return password;
  }
});
