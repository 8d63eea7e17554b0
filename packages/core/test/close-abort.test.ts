import { Redis } from "ioredis";
import { blockedClients, randomKey, rejection, startRedis, waitFor, type RedisServerHandle } from "@redis-interface/testing";
import { RedisConnectionPool, isRedisError, type RedisCommand, type RedisConnection } from "../src/index.js";
import { poolCloseSignal } from "../src/internal.js";

/** `XREAD BLOCK blockMs STREAMS stream $`: waits for an entry added after the call. */
function XREAD_BLOCK(stream: string, blockMs: number): RedisCommand<unknown> {
  return { name: "XREAD", args: ["BLOCK", blockMs, "STREAMS", stream, "$"], keys: [3] };
}

/** Lets the event loop run a few turns (no timer): what a lease resolved has been written by then. */
async function turns(count: number): Promise<void> {
  for (let index = 0; index < count; index++) await new Promise((resolve) => setImmediate(resolve));
}

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

describe.each([
  ["the pool", (pool: RedisConnectionPool): RedisConnection => pool],
  ["a withKeyPrefix view", (pool: RedisConnectionPool): RedisConnection => pool.withKeyPrefix(randomKey("view"))],
])("close() through %s", (_title, through) => {
  it("ends an XREAD BLOCK 30000 at once: the read fails CLOSED and close() resolves well under the BLOCK time", async () => {
    const pool = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    const connection = through(pool);
    const before = await blockedClients(admin, "xread");
    const reading = rejection(connection.sendBlocking("streamReadWithOptions", XREAD_BLOCK(randomKey("close"), 30_000), {}));
    await waitFor(async () => [...(await blockedClients(admin, "xread"))].some((id) => !before.has(id)), { timeoutMs: 10_000, description: "the XREAD blocked on the server" });
    const started = performance.now();
    await pool.close();
    const closeMs = performance.now() - started;
    const error = await reading;
    expect(isRedisError(error, "CLOSED")).toBe(true);
    expect(error.operation).toBe("streamReadWithOptions");
    expect(closeMs).toBeLessThan(1_000);
    await waitFor(async () => [...(await blockedClients(admin, "xread"))].every((id) => before.has(id)), { timeoutMs: 10_000, description: "the blocked connection gone" });
  });

  it("aborts the close signal that work built on the pool listens to", async () => {
    const pool = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    const signal = poolCloseSignal(through(pool));
    expect(signal.aborted).toBe(false);
    const closing = pool.close();
    expect(signal.aborted).toBe(true);
    await closing;
  });
});

describe("a blocking read while the server is frozen", () => {
  let frozen: RedisServerHandle;
  let pool: RedisConnectionPool;

  beforeEach(async () => {
    frozen = await startRedis();
    pool = await RedisConnectionPool.connect({ port: frozen.port, poolSize: 1, connectTimeoutMs: 10_000 });
  });

  afterEach(async () => {
    frozen.thaw();
    await pool.close();
    await frozen.stop();
  });

  it("an abort while its connection is being opened (the handshake never answered) rejects ABORTED at once, not CONNECTION_FAILED after connectTimeoutMs", async () => {
    frozen.freeze();
    const controller = new AbortController();
    const reading = rejection(pool.sendBlocking("streamReadWithOptions", XREAD_BLOCK(randomKey("frozen"), 0), { signal: controller.signal }));
    await waitFor(() => pool.stats().dedicatedConnections === 1, { description: "a blocking connection being opened" });
    const started = performance.now();
    controller.abort();
    const error = await reading;
    expect(isRedisError(error, "ABORTED")).toBe(true);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("an abort after the read was written to the frozen server rejects ABORTED at once, and the read is never sent again", async () => {
    const stream = randomKey("frozenWritten");
    // a first read leaves an open blocking connection for the next one
    await pool.sendBlocking("streamReadWithOptions", XREAD_BLOCK(stream, 1), { timeoutMs: 5_000 });
    expect(pool.stats().idleBlockingConnections).toBe(1);
    frozen.freeze();
    const controller = new AbortController();
    const reading = rejection(pool.sendBlocking("streamReadWithOptions", XREAD_BLOCK(stream, 0), { signal: controller.signal }));
    await waitFor(() => pool.stats().idleBlockingConnections === 0 && pool.stats().dedicatedConnections === 1, { description: "the connection leased" });
    await turns(3);
    const started = performance.now();
    controller.abort();
    const error = await reading;
    expect(isRedisError(error, "ABORTED")).toBe(true);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(pool.stats().dedicatedConnections).toBe(0);
    frozen.thaw();
    // the connection that carried it was dropped and nothing sent it again: two XREADs at most
    // reached the server (the first read, and the aborted one if it was read before the close)
    const raw = new Redis({ port: frozen.port });
    try {
      await waitFor(async () => (await blockedClients(raw, "xread")).size === 0, { description: "no XREAD blocked" });
      expect(await pool.ping()).toBe("PONG");
      const stats = String(await raw.info("commandstats"));
      expect(Number(/cmdstat_xread:calls=(\d+)/.exec(stats)?.[1])).toBeLessThanOrEqual(2);
    } finally {
      raw.disconnect();
    }
  });

  it("close() while a blocking read waits for its connection ends the read with CLOSED at once", async () => {
    frozen.freeze();
    const reading = rejection(pool.sendBlocking("streamReadWithOptions", XREAD_BLOCK(randomKey("frozenClose"), 0), {}));
    await waitFor(() => pool.stats().dedicatedConnections === 1, { description: "a blocking connection being opened" });
    const started = performance.now();
    const closing = pool.close();
    const error = await reading;
    expect(isRedisError(error, "CLOSED")).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
    frozen.thaw();
    await closing;
  });
});
