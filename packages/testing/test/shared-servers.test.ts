import { Redis } from "ioredis";
import { setupSharedRedis, sharedRedisFromEnv, teardownSharedRedis } from "../src/index.js";

describe("shared servers for a Jest run", () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  it("starts a server, publishes it through the environment, and stops it", async () => {
    const shared = await setupSharedRedis({ cluster: false });
    try {
      expect(sharedRedisFromEnv()).toEqual({ port: shared.port, clusterUrls: [] });
      const client = new Redis({ port: shared.port, lazyConnect: true });
      await client.connect();
      expect(await client.ping()).toBe("PONG");
      client.disconnect();
    } finally {
      await teardownSharedRedis();
    }
    const probe = new Redis({ port: shared.port, lazyConnect: true, retryStrategy: () => null });
    probe.on("error", () => undefined);
    await expect(probe.connect()).rejects.toThrow();
  });

  it("says how to fix a missing global setup", () => {
    delete process.env.REDIS_INTERFACE_TEST_PORT;
    expect(() => sharedRedisFromEnv()).toThrow(/setupSharedRedis/);
  });
});
