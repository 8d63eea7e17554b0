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
    // every send and every page received, in order: "SCAN <cursor>", "page <next cursor> <keys>", "UNLINK"
    const events: string[] = [];
    const send = view.send.bind(view);
    const spy = jest.spyOn(view, "send").mockImplementation((operation, command) => {
      if (command.name !== "SCAN") {
        events.push(command.name);
        return send(operation, command);
      }
      events.push(`SCAN ${String(command.args[0])}`);
      return send(operation, command).then((page) => {
        const { cursor, keys } = page as unknown as { cursor: string; keys: string[] };
        events.push(`page ${cursor} ${keys.length}`);
        return page;
      });
    });
    const removed = await store.deleteKeysMatching("*", { count: 10 });
    spy.mockRestore();
    expect(removed).toBe(300);
    let checked = 0;
    events.forEach((event, index) => {
      const [kind, cursor, keys] = event.split(" ");
      if (kind !== "page" || cursor === "0" || keys === "0") return;
      const next = events.indexOf(`SCAN ${cursor}`, index);
      const unlink = events.indexOf("UNLINK", index);
      expect(next).toBeGreaterThan(index);
      expect(next).toBeLessThan(unlink);
      checked++;
    });
    expect(checked).toBeGreaterThan(3);
  } finally {
    await pool.close();
  }
});
