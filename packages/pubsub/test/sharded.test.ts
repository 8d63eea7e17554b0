import { RedisConnectionPool, keySlot } from "@redis-interface/core";
import { randomId, randomKey, waitFor } from "@redis-interface/testing";
import { pubsub } from "../src/index.js";
import { recorder, rejection, sharedPool, sharedRaw } from "./support/targets.js";

describe.each([
  { name: "standalone", cluster: false },
  { name: "cluster", cluster: true },
])("sharded pub/sub — $name", ({ cluster }) => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("SPUBLISH reaches SSUBSCRIBE handlers on channels spread over every shard", async () => {
    const view = pool.withKeyPrefix(`s${randomId(8)}`);
    const bus = pubsub(view, { sharded: true });
    try {
      const channels = Array.from({ length: 12 }, (_, i) => randomKey(`shard${i}`));
      if (cluster) expect(new Set(channels.map((channel) => Math.floor(keySlot(view.keys.key(channel)) / 5462))).size).toBeGreaterThan(1);
      const heard = recorder();
      for (const channel of channels) await bus.subscribe(channel, heard.handler);
      for (const [i, channel] of channels.entries()) expect(await bus.publish(channel, { i, at: new Date(i) })).toBe(1);
      await waitFor(() => heard.received.length === channels.length, { description: "every sharded message" });
      expect(heard.received.map((entry) => entry.channel).sort()).toEqual([...channels].sort());
      expect(heard.received.find((entry) => entry.channel === channels[3])?.message).toEqual({ i: 3, at: new Date(3) });
    } finally {
      await bus.close();
    }
  });

  it("a plain SUBSCRIBE does not see SPUBLISH, and unsubscribe sends SUNSUBSCRIBE", async () => {
    const sharded = pubsub(pool, { sharded: true });
    const plain = pubsub(pool);
    const raw = await sharedRaw(cluster);
    try {
      const channel = randomKey("sun");
      const plainHeard = recorder();
      const shardHeard = recorder();
      await plain.subscribe(channel, plainHeard.handler);
      const subscription = await sharded.subscribe(channel, shardHeard.handler);
      await sharded.publish(channel, "sharded");
      await plain.publish(channel, "plain");
      await waitFor(() => plainHeard.received.length === 1 && shardHeard.received.length === 1, { description: "one message each" });
      expect(plainHeard.received[0]?.message).toBe("plain");
      expect(shardHeard.received[0]?.message).toBe("sharded");
      await subscription.unsubscribe();
      expect(await sharded.publish(channel, "late")).toBe(0);
      if (!cluster) expect(await raw.pubsub("SHARDNUMSUB", channel)).toEqual([channel, 0]);
    } finally {
      raw.disconnect();
      await Promise.all([sharded.close(), plain.close()]);
    }
  });

  it("rejects pattern subscriptions", async () => {
    const bus = pubsub(pool, { sharded: true });
    try {
      expect(await rejection(bus.psubscribe("x*", () => undefined))).toMatchObject({ code: "INVALID_ARGUMENT", operation: "psubscribe" });
    } finally {
      await bus.close();
    }
  });
});
