import type { RedisConnectionPool } from "@redis-interface/core";
import { pubsub, type MessageInfo } from "@redis-interface/pubsub";
import { randomId, waitFor } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";
import { sharedPool } from "./support/servers.js";

/** A handler that records what it receives. */
function heard(): { messages: Array<{ message: unknown } & MessageInfo>; handler(message: unknown, info: MessageInfo): void } {
  const messages: Array<{ message: unknown } & MessageInfo> = [];
  return { messages, handler: (message, info) => void messages.push({ message, ...info }) };
}

describe.each([
  { title: "standalone", cluster: false, hashTag: false, sharded: false },
  { title: "cluster, sharded, with hashTag", cluster: true, hashTag: true, sharded: true },
])("pub/sub global channels through a tenant view — $title", ({ cluster, hashTag, sharded }) => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("a tenant's invalidation on `hyperswitch_invalidate` reaches a plain-pool subscriber; its other channels stay its own", async () => {
    const id = randomId();
    const channel = `hyperswitch_invalidate_${id}`;
    const acme = pubsub(forTenant(pool, `acme${id}`, { hashTag }), { sharded, globalChannels: [channel] });
    const globex = pubsub(forTenant(pool, `globex${id}`, { hashTag }), { sharded, globalChannels: [channel] });
    const service = pubsub(pool, { sharded });
    try {
      const atService = heard();
      const atGlobex = heard();
      const privateAtService = heard();
      await service.subscribe(channel, atService.handler);
      await globex.subscribe(channel, atGlobex.handler);
      await service.subscribe(`orders_${id}`, privateAtService.handler);

      await acme.publish(channel, { tenant: `acme${id}`, kind: { Config: "routing" } });
      await acme.publish(`orders_${id}`, "acme only");
      await service.publish(channel, { tenant: `globex${id}`, kind: "All" });
      await waitFor(() => atService.messages.length === 2 && atGlobex.messages.length === 2, { description: "both invalidations at both subscribers" });
      expect(atService.messages).toEqual([
        { message: { tenant: `acme${id}`, kind: { Config: "routing" } }, channel },
        { message: { tenant: `globex${id}`, kind: "All" }, channel },
      ]);
      expect(atGlobex.messages).toEqual(atService.messages);
      // acme's `orders_…` went out under acme's prefix: the plain pool's `orders_…` heard nothing
      await service.publish(`orders_${id}`, "service's own");
      await waitFor(() => privateAtService.messages.length === 1, { description: "the service's own orders message" });
      expect(privateAtService.messages).toEqual([{ message: "service's own", channel: `orders_${id}` }]);
    } finally {
      await Promise.all([acme.close(), globex.close(), service.close()]);
    }
  });
});
