import { Redis } from "ioredis";
import { randomKey, type RedisServerHandle, startRedis, waitFor } from "@redis-interface/testing";
import { RedisConnectionPool } from "../src/index.js";

let server: RedisServerHandle;
let admin: Redis;

beforeAll(async () => {
  server = await startRedis();
  admin = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await admin.connect();
});

afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

describe("pool.stats()", () => {
  it("reports ready connections, commands in flight per connection, and nothing left once answered", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 3 });
    try {
      expect(pool.stats()).toEqual({
        inFlightCommands: 0,
        queuedCommands: 0,
        available: true,
        closed: false,
        reconnects: 0,
        reconnectAttempts: 0,
        dedicatedConnections: 0,
        idleBlockingConnections: 0,
        connections: Array.from({ length: 3 }, () => ({ status: "ready", ready: true, inFlightCommands: 0 })),
      });
      const key = randomKey("stats");
      const replies = Array.from({ length: 20 }, () => pool.execute("incrementKey", key, (client) => client.incr(key)));
      const during = pool.stats();
      expect(during.inFlightCommands).toBe(20);
      expect(during.queuedCommands).toBe(0);
      expect(during.connections.reduce((sum, connection) => sum + connection.inFlightCommands, 0)).toBe(20);
      await Promise.all(replies);
      expect(pool.stats().inFlightCommands).toBe(0);
      expect(pool.stats().connections.every((connection) => connection.inFlightCommands === 0)).toBe(true);
    } finally {
      await pool.close();
    }
    expect(pool.stats().closed).toBe(true);
  });

  it("counts reconnects after Redis drops the pool's connections", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 2 });
    try {
      await admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
      await waitFor(() => pool.stats().reconnects >= 2 && pool.stats().connections.every((connection) => connection.ready), { timeoutMs: 20_000 });
      const stats = pool.stats();
      expect(stats.reconnectAttempts).toBeGreaterThanOrEqual(2);
      expect(await pool.ping()).toBe("PONG");
    } finally {
      await pool.close();
    }
  });

  it("counts commands queued while no connection is ready, and availability", async () => {
    const lonely = await startRedis();
    const pool = await RedisConnectionPool.connect({
      host: lonely.host,
      port: lonely.port,
      poolSize: 2,
      reconnectMaxAttempts: 0,
      reconnectDelayMs: 20,
      reconnectMaxDelayMs: 200, // reconnect soon after the restart, however long Redis was down
      maxFailureThresholdSeconds: 1,
      defaultCommandTimeoutMs: 60_000,
    });
    try {
      await lonely.kill();
      await waitFor(() => pool.stats().connections.every((connection) => !connection.ready), { timeoutMs: 20_000, description: "every connection lost" });
      const key = randomKey("queued");
      const replies = [1, 2, 3].map(() => pool.execute("getKey", key, (client) => client.get(key)).catch((error: unknown) => error));
      const stats = pool.stats();
      expect(stats.inFlightCommands).toBe(3);
      expect(stats.queuedCommands).toBe(3);
      await waitFor(() => !pool.stats().available, { timeoutMs: 20_000, description: "pool unavailable" });
      await lonely.restart();
      await waitFor(() => pool.stats().connections.some((connection) => connection.ready), { timeoutMs: 30_000, description: "a connection ready again" });
      expect(await Promise.all(replies)).toEqual([null, null, null]);
      await waitFor(() => pool.stats().available, { timeoutMs: 20_000, description: "pool available" });
      expect(pool.stats()).toMatchObject({ inFlightCommands: 0, queuedCommands: 0 });
    } finally {
      await pool.close();
      await lonely.stop();
    }
  }, 120_000);

  it("counts dedicated connections (blocking leases kept idle, subscribers)", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 1 });
    try {
      await pool.executeBlocking("blockingPop", undefined, { timeoutMs: 10_000 }, (client) => client.blpop(randomKey("list"), 0.01));
      const subscriber = await pool.createDedicatedConnection("subscribe");
      expect(pool.stats()).toMatchObject({ dedicatedConnections: 2, idleBlockingConnections: 1 });
      await pool.releaseDedicatedConnection(subscriber);
      expect(pool.stats()).toMatchObject({ dedicatedConnections: 1, idleBlockingConnections: 1 });
    } finally {
      await pool.close();
    }
  });
});
