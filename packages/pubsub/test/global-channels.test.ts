import { RedisConnectionPool } from "@redis-interface/core";
import { randomId, waitFor } from "@redis-interface/testing";
import { pubsub } from "../src/index.js";
import { recorder, rejection, sharedPool } from "./support/targets.js";

describe.each([
  { name: "standalone", cluster: false, sharded: false },
  { name: "cluster", cluster: true, sharded: false },
  { name: "cluster, sharded", cluster: true, sharded: true },
])("globalChannels — $name", ({ cluster, sharded }) => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("a view publishes and subscribes a global channel under its bare name; other channels stay prefixed", async () => {
    const id = randomId(8);
    const global = `hyperswitch_invalidate_${id}`;
    const view = pubsub(pool.withKeyPrefix(`acme_${id}`), { sharded, globalChannels: [global] });
    const plain = pubsub(pool, { sharded });
    try {
      const onPlain = recorder();
      const onView = recorder();
      const localOnPlain = recorder();
      const localOnView = recorder();
      await plain.subscribe(global, onPlain.handler);
      await view.subscribe(global, onView.handler);
      await plain.subscribe(`local_${id}`, localOnPlain.handler);
      await view.subscribe(`local_${id}`, localOnView.handler);

      await view.publish(global, { tenant: "acme", key: "config" });
      await plain.publish(global, "from the plain pool");
      await view.publish(`local_${id}`, "prefixed");
      await waitFor(() => onPlain.received.length === 2 && onView.received.length === 2 && localOnView.received.length === 1, { description: "the global and the local messages" });
      expect(onPlain.received).toEqual([
        { message: { tenant: "acme", key: "config" }, channel: global },
        { message: "from the plain pool", channel: global },
      ]);
      expect(onView.received).toEqual(onPlain.received);
      expect(localOnView.received).toEqual([{ message: "prefixed", channel: `local_${id}` }]);
      // the local channel went out as acme_…:local_…, which the plain pool's `local_…` is not
      await plain.publish(`local_${id}`, "bare");
      await waitFor(() => localOnPlain.received.length === 1, { description: "the plain pool's own local message" });
      expect(localOnPlain.received).toEqual([{ message: "bare", channel: `local_${id}` }]);
      expect(localOnView.received).toHaveLength(1);
    } finally {
      await Promise.all([view.close(), plain.close()]);
    }
  });
});

describe("globalChannels — validation and patterns (standalone)", () => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(false);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("patterns stay under the view's prefix: they do not hear a global channel", async () => {
    const id = randomId(8);
    const global = `g_${id}`;
    const view = pubsub(pool.withKeyPrefix(`acme_${id}`), { globalChannels: [global] });
    try {
      const pattern = recorder();
      const own = recorder();
      await view.psubscribe("*", pattern.handler);
      await view.subscribe(global, own.handler);
      await view.publish(global, "global");
      await view.publish("mine", "prefixed");
      await waitFor(() => own.received.length === 1 && pattern.received.length === 1, { description: "both messages" });
      expect(pattern.received).toEqual([{ message: "prefixed", channel: "mine", pattern: "*" }]);
    } finally {
      await view.close();
    }
  });

  it("rejects a globalChannels that is not an array of non-empty strings, and unknown option names", async () => {
    const bad: unknown[] = ["hyperswitch_invalidate", [""], ["a", 1], [null], {}, 5];
    for (const globalChannels of bad) {
      const error = await rejection(Promise.resolve().then(() => pubsub(pool, { globalChannels } as never)));
      expect(error).toMatchObject({ name: "RedisError", code: "INVALID_ARGUMENT", operation: "pubsub" });
      expect(error.message).toContain("globalChannels");
    }
    const unknown = await rejection(Promise.resolve().then(() => pubsub(pool, { globalChannel: ["x"] } as never)));
    expect(unknown).toMatchObject({ code: "INVALID_ARGUMENT", operation: "pubsub" });
    expect(unknown.message).toContain('unknown option "globalChannel"');
    await pubsub(pool, { globalChannels: [] }).close();
  });
});
