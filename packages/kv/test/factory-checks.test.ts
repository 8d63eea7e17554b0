import { RedisConnectionPool, isRedisError, type RedisConnection } from "@redis-interface/core";
import { randomKey, rejection, startRedis, type RedisServerHandle } from "@redis-interface/testing";
import { Redis } from "ioredis";
import { kv } from "../src/index.js";

// Issue #17 item 8: a factory given something that is not a pool or a view says what it expects
// (it threw `TypeError: through.execute is not a function` on first use).
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("kv(connection) checks its argument", () => {
  it("kv(null) throws INVALID_ARGUMENT naming RedisConnectionPool", () => {
    const error = thrown(() => kv(null as unknown as RedisConnection));
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect((error as Error).message).toContain("RedisConnectionPool");
  });

  it("kv(new Redis()) throws INVALID_ARGUMENT naming RedisConnectionPool, without connecting", () => {
    const client = new Redis({ lazyConnect: true });
    try {
      const error = thrown(() => kv(client as unknown as RedisConnection));
      expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
      expect((error as Error).message).toContain("RedisConnectionPool");
      expect(client.status).toBe("wait");
    } finally {
      client.disconnect();
    }
  });
});

describe("a TTL beyond what Redis accepts fails before I/O", () => {
  let server: RedisServerHandle;
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    server = await startRedis();
    pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 1 });
  });
  afterAll(async () => {
    await pool?.close();
    await server?.stop();
  });

  it.each([1e20, Number.MAX_SAFE_INTEGER + 1, Infinity])("setKeyWithExpiry and setExpiry reject %p with INVALID_ARGUMENT and write nothing", async (ttl) => {
    const store = kv(pool);
    const key = randomKey("ttl");
    const written = await rejection(store.setKeyWithExpiry(key, "v", ttl));
    expect(isRedisError(written, "INVALID_ARGUMENT")).toBe(true);
    expect(await store.exists(key)).toBe(false);
    await store.setKeyWithoutModifyingTtl(key, "v");
    const expired = await rejection(store.setExpiry(key, ttl));
    expect(isRedisError(expired, "INVALID_ARGUMENT")).toBe(true);
    expect(await store.getTtl(key)).toBe(-1);
  });
});
