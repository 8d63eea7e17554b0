import type { RedisConnection } from "@redis-interface/core";
import { pubsub } from "@redis-interface/pubsub";
import { expectEqual, type DemoSteps } from "./step.js";

/** What a write publishes: which cache entry is stale (Hyperswitch's `CacheRedact`). */
interface Invalidation {
  key: string;
  at: Date;
}

const CHANNEL = "hyperswitch_invalidate";

/** Resolves once `condition` holds, polling briefly (the demo's only wait). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Hyperswitch's cache-invalidation pattern with `@redis-interface/pubsub`: two application
 * instances each keep an in-process cache subscribed to an invalidation channel; a write deletes
 * the Redis key and publishes an invalidation, and both caches evict the entry.
 */
export async function pubsubUsage(redis: RedisConnection, steps: DemoSteps): Promise<void> {
  const instances = [
    { name: "instance A", bus: pubsub(redis), cache: new Map<string, string>() },
    { name: "instance B", bus: pubsub(redis), cache: new Map<string, string>() },
  ];
  const key = "config:merchant_1";
  try {
    await steps.run("pubsub: two in-process caches subscribe to the invalidation channel", async () => {
      for (const { bus, cache } of instances) {
        bus.on("resubscribed", () => cache.clear()); // messages may have been missed while disconnected
        await bus.subscribe<Invalidation>(CHANNEL, ({ key: stale }) => void cache.delete(stale));
      }
      await redis.execute("set", key, (client) => client.set(redis.keys.key(key), "stripe,adyen", "EX", 300));
      const value = (await redis.execute("get", key, (client) => client.get(redis.keys.key(key)))) ?? "";
      for (const { cache } of instances) cache.set(key, value);
      return `both instances cached ${key} = "${value}" and listen on ${redis.keys.key(CHANNEL)}`;
    });

    await steps.run("pubsub: a write deletes the Redis key and publishes an invalidation; both caches evict", async () => {
      const deleted = await redis.execute("deleteKey", key, (client) => client.del(redis.keys.key(key)));
      const receivers = await instances[0]!.bus.publish(CHANNEL, { key, at: new Date() } satisfies Invalidation);
      await until(() => instances.every(({ cache }) => !cache.has(key)), "both caches to evict");
      expectEqual(deleted, 1, "deleted Redis keys");
      return `DEL removed ${deleted} key, PUBLISH reached ${receivers} subscriber(s), ${instances.map(({ name }) => name).join(" and ")} evicted ${key}`;
    });
  } finally {
    await Promise.all(instances.map(({ bus }) => bus.close()));
  }
}
