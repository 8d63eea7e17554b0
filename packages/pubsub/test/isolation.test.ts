import { RedisConnectionPool } from "@redis-interface/core";
import { randomId, waitFor } from "@redis-interface/testing";
import { pubsub } from "../src/index.js";
import { recorder, sharedPool } from "./support/targets.js";

describe.each([
  { name: "standalone", cluster: false },
  { name: "cluster", cluster: true },
])("tenant isolation — $name", ({ cluster }) => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("a subscriber on view A does not hear view B's publish on the same channel name", async () => {
    const id = randomId(8);
    const a = pubsub(pool.withKeyPrefix(`a_${id}`));
    const b = pubsub(pool.withKeyPrefix(`b_${id}`));
    try {
      const heardA = recorder();
      const heardB = recorder();
      await a.subscribe("invalidate", heardA.handler);
      await b.subscribe("invalidate", heardB.handler);
      await b.publish("invalidate", "from b");
      await a.publish("invalidate", "from a");
      await waitFor(() => heardA.received.length === 1 && heardB.received.length === 1, { description: "each tenant's own message" });
      await a.publish("invalidate", "again a");
      await waitFor(() => heardA.received.length === 2, { description: "the second message of a" });
      expect(heardA.received.map((entry) => entry.message)).toEqual(["from a", "again a"]);
      expect(heardB.received).toEqual([{ message: "from b", channel: "invalidate" }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("a pattern under a prefix with glob characters only matches that prefix", async () => {
    const id = randomId(8);
    const star = pubsub(pool.withKeyPrefix(`g*${id}`));
    const other = pubsub(pool.withKeyPrefix(`gZ${id}`));
    try {
      const heard = recorder();
      await star.psubscribe("*", heard.handler);
      await other.publish("c", "must not arrive");
      await star.publish("c", "own");
      await waitFor(() => heard.received.length === 1, { description: "the own message" });
      await star.publish("d", "own 2");
      await waitFor(() => heard.received.length === 2, { description: "the second own message" });
      expect(heard.received).toEqual([
        { message: "own", channel: "c", pattern: "*" },
        { message: "own 2", channel: "d", pattern: "*" },
      ]);
    } finally {
      await Promise.all([star.close(), other.close()]);
    }
  });
});
