import { RedisConnectionPool, keySlot } from "@redis-interface/core";
import { randomKey, startRedisCluster, waitFor, type RedisClusterHandle } from "@redis-interface/testing";
import { pubsub } from "../src/index.js";
import { recorder } from "./support/targets.js";

describe("sharded pub/sub after a failover (own cluster with replicas)", () => {
  let cluster: RedisClusterHandle;
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
    pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls, reconnectDelayMs: 20, reconnectMaxDelayMs: 200 });
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
    await cluster?.stop();
  });

  it("keeps delivering a channel whose master was killed, once its replica took over", async () => {
    const bus = pubsub(pool, { sharded: true });
    bus.on("error", () => undefined);
    try {
      let channel = randomKey("fo");
      while (keySlot(channel) > 5000) channel = randomKey("fo");
      const heard = recorder<number>();
      await bus.subscribe(channel, heard.handler);
      await bus.publish(channel, 0);
      await waitFor(() => heard.received.length === 1, { description: "the message before the failover" });

      await cluster.nodes[0]?.kill();
      let next = 1;
      await waitFor(
        async () => {
          await bus.publish(channel, next++).catch(() => 0);
          return heard.received.length > 1;
        },
        { timeoutMs: 45_000, intervalMs: 200, description: "a message after the failover" },
      );
      expect(heard.received[0]?.message).toBe(0);
      expect(heard.received.at(-1)?.channel).toBe(channel);
    } finally {
      await bus.close();
    }
  });
});
