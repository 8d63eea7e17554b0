import { RedisConnectionPool } from "@redis-interface/core";
import { randomId, sharedRedisFromEnv } from "@redis-interface/testing";
import { kv } from "../src/index.js";

// deleteKeysMatching requests the next SCAN page before it UNLINKs the current page's keys, so Redis
// answers the SCAN first (a namespace clear was otherwise one UNLINK slower per page than @keyv/redis's).
it("deleteKeysMatching sends each next SCAN before the UNLINK of the page before it", async () => {
  const pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  try {
    const view = pool.withKeyPrefix(`order_${randomId(8)}`);
    const store = kv(view);
    await store.setMultipleKeysWithExpiry(Array.from({ length: 300 }, (_, index) => [`k${index}`, "v"] as const), { ms: 600_000 });
    const sent: string[] = [];
    const send = view.send.bind(view);
    const spy = jest.spyOn(view, "send").mockImplementation((operation, command) => {
      sent.push(command.name);
      return send(operation, command);
    });
    const removed = await store.deleteKeysMatching("*", { count: 10 });
    spy.mockRestore();
    expect(removed).toBe(300);
    const commands = sent;
    const firstUnlink = commands.indexOf("UNLINK");
    expect(firstUnlink).toBeGreaterThan(0);
    expect(commands.slice(0, firstUnlink + 1).filter((name) => name === "SCAN").length).toBe(2);
  } finally {
    await pool.close();
  }
});
