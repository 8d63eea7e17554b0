import { Redis } from "ioredis";
import type { RedisConnectionPool } from "@redis-interface/core";
import { pubsub, type MessageInfo } from "@redis-interface/pubsub";
import { randomId, sharedRedisFromEnv, waitFor } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";
import { sharedPool } from "./support/servers.js";

interface Heard {
  readonly messages: Array<{ message: unknown } & MessageInfo>;
  handler(message: unknown, info: MessageInfo): void;
}

function heard(): Heard {
  const messages: Heard["messages"] = [];
  return { messages, handler: (message, info) => void messages.push({ message, ...info }) };
}

describe.each([
  { title: "standalone", cluster: false, hashTag: false, sharded: false },
  { title: "cluster, sharded, with hashTag", cluster: true, hashTag: true, sharded: true },
])("pub/sub through two tenant views — $title", ({ cluster, hashTag, sharded }) => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("a tenant hears its own channels (and patterns) only, under its own names", async () => {
    const id = randomId();
    const a = forTenant(pool, `a${id}`, { hashTag });
    const b = forTenant(pool, `b${id}`, { hashTag });
    const busA = pubsub(a, { sharded });
    const busB = pubsub(b, { sharded });
    const spy = cluster ? undefined : new Redis({ port: sharedRedisFromEnv().port });
    const rawChannels: string[] = [];
    try {
      if (spy) {
        spy.on("pmessage", (_pattern: string, channel: string) => void rawChannels.push(channel));
        await spy.psubscribe(`*${id}*`);
      }
      const ownA = heard();
      const ownB = heard();
      const patternA = heard();
      await busA.subscribe("orders", ownA.handler);
      await busB.subscribe("orders", ownB.handler);
      if (!sharded) await busA.psubscribe("ord*", patternA.handler);

      await busB.publish("orders", "from b");
      await busA.publish("orders", "from a");
      await waitFor(() => ownA.messages.length === 1 && ownB.messages.length === 1 && (sharded || patternA.messages.length === 1), { description: "each tenant's own message" });
      await busA.publish("orders", "again from a");
      await waitFor(() => ownA.messages.length === 2 && (sharded || patternA.messages.length === 2), { description: "tenant a's second message" });

      expect(ownA.messages).toEqual([
        { message: "from a", channel: "orders" },
        { message: "again from a", channel: "orders" },
      ]);
      expect(ownB.messages).toEqual([{ message: "from b", channel: "orders" }]);
      if (!sharded) expect(patternA.messages.map((entry) => [entry.message, entry.channel, entry.pattern])).toEqual([["from a", "orders", "ord*"], ["again from a", "orders", "ord*"]]);
      if (spy) {
        await waitFor(() => rawChannels.length === 3, { description: "the raw subscriber's three messages" });
        expect(rawChannels.sort()).toEqual([a.keys.key("orders"), a.keys.key("orders"), b.keys.key("orders")].sort());
      }
    } finally {
      spy?.disconnect();
      await Promise.all([busA.close(), busB.close()]);
    }
  });
});
