import { randomKey, type RedisServerHandle, rejection, startRedis, waitFor } from "@redis-interface/testing";
import { RedisConnectionPool, isRedisError, type RedisError } from "../src/index.js";


function settle<T>(promise: Promise<T>): { done: () => boolean; result: Promise<PromiseSettledResult<T>> } {
  let finished = false;
  const result = promise.then(
    (value) => ({ status: "fulfilled" as const, value }),
    (reason: unknown) => ({ status: "rejected" as const, reason }),
  );
  void result.then(() => (finished = true));
  return { done: () => finished, result };
}

describe("failure behaviour against a real server", () => {
  let server: RedisServerHandle;
  const pools: RedisConnectionPool[] = [];

  beforeEach(async () => {
    server = await startRedis();
  });

  afterEach(async () => {
    server.thaw();
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
    await server.stop();
  });

  async function connect(settings: Parameters<typeof RedisConnectionPool.connect>[0]): Promise<RedisConnectionPool> {
    const pool = await RedisConnectionPool.connect({ port: server.port, ...settings });
    pools.push(pool);
    return pool;
  }

  it("fails connect with INVALID_CONFIGURATION naming db when Redis refuses the database (no writes land in database 0)", async () => {
    const error = await rejection(RedisConnectionPool.connect({ port: server.port, db: 16, poolSize: 2, connectTimeoutMs: 5_000 }));
    expect(isRedisError(error, "INVALID_CONFIGURATION")).toBe(true);
    expect((error as RedisError).message).toMatch(/db: Redis refused to SELECT .*out of range/);
    const pool = await connect({ db: 15, poolSize: 1 });
    const key = randomKey("db15");
    await pool.send("setKey", { name: "SET", args: [key, "v"], keys: [0] });
    const zero = await connect({ db: 0, poolSize: 1 });
    expect(await zero.send("exists", { name: "EXISTS", args: [key], keys: [0] })).toBe(0);
    expect(await pool.send("exists", { name: "EXISTS", args: [key], keys: [0] })).toBe(1);
  });

  it("reconnects with exponential backoff and jitter after the server is killed, and works again", async () => {
    const pool = await connect({ poolSize: 1, reconnectMaxAttempts: 0, reconnectDelayMs: 40, reconnectMaxDelayMs: 400 });
    const attempts: Array<{ attempt: number; delayMs: number }> = [];
    pool.on("reconnecting", (info) => attempts.push(info));
    await server.kill();
    await waitFor(() => attempts.length >= 6, { description: "six reconnect attempts" });
    for (const { attempt, delayMs } of attempts.slice(0, 6)) {
      const ceiling = Math.min(400, 40 * 2 ** (attempt - 1));
      expect(delayMs).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delayMs).toBeLessThanOrEqual(ceiling);
    }
    expect(attempts.slice(0, 6).map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    await server.restart();
    const key = randomKey("after-restart");
    await waitFor(async () => (await pool.execute("setKey", key, (client) => client.set(key, "1"))) === "OK", { description: "pool serves again" });
  });

  it("keeps commands issued while the server is down and sends them once it is back", async () => {
    const pool = await connect({ poolSize: 2, reconnectMaxAttempts: 0, reconnectDelayMs: 20, reconnectMaxDelayMs: 100 });
    await server.kill();
    const keys = Array.from({ length: 20 }, () => randomKey("offline"));
    const writes = keys.map((key) => pool.execute("setKey", key, (client) => client.set(key, "v")));
    await server.restart();
    expect(await Promise.all(writes)).toEqual(keys.map(() => "OK"));
    expect(await pool.execute("getMultipleKeys", undefined, (client) => client.mget(keys))).toEqual(keys.map(() => "v"));
  });

  it("times out with COMMAND_TIMEOUT when the server is frozen, and recovers after", async () => {
    const pool = await connect({ poolSize: 1, defaultCommandTimeoutMs: 600, unresponsiveTimeoutMs: 600 });
    server.freeze();
    const started = Date.now();
    const error = await rejection(pool.execute("getKey", "frozen-key", (client) => client.get("frozen-key")));
    expect(isRedisError(error, "COMMAND_TIMEOUT")).toBe(true);
    expect(error.key).toBe("frozen-key");
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    server.thaw();
    await waitFor(async () => (await pool.ping().catch(() => "no")) === "PONG", { description: "answers after thaw" });
  });

  it("recycles a connection that stays unanswered past unresponsiveTimeoutMs and never sends its written command twice (UNCERTAIN)", async () => {
    const pool = await connect({ poolSize: 1, defaultCommandTimeoutMs: 10_000, unresponsiveTimeoutMs: 300, reconnectMaxAttempts: 0 });
    const attempts: number[] = [];
    pool.on("reconnecting", ({ attempt }) => attempts.push(attempt));
    const counter = randomKey("ctr");
    server.freeze();
    const stuck = settle(pool.send("incrementKey", { name: "INCRBY", args: [counter, 1], keys: [0] }));
    await waitFor(() => attempts.length > 0, { description: "stuck connection reconnected" });
    server.thaw();
    const result = await stuck.result;
    // the INCRBY was on the wire when the connection was recycled: it may have run, so it fails
    // UNCERTAIN and is not sent again (ioredis would re-send it after the reconnect: 2)
    expect(result.status).toBe("rejected");
    const error = (result as PromiseRejectedResult).reason as RedisError;
    expect(isRedisError(error, "UNCERTAIN")).toBe(true);
    expect(error.key).toBe(counter);
    expect(error.message).toContain("may or may not have been applied");
    await waitFor(async () => (await pool.ping().catch(() => "no")) === "PONG", { description: "answers after thaw" });
    const stored = await pool.send("getKey", { name: "GET", args: [counter], keys: [0] });
    expect(stored === null || stored === "1").toBe(true);
  });

  it("lets at most maxInFlightCommands wait while the server is away; the next fails at once with BACKPRESSURE", async () => {
    const pool = await connect({ poolSize: 2, maxInFlightCommands: 25, reconnectMaxAttempts: 0, reconnectDelayMs: 20, reconnectMaxDelayMs: 200, defaultCommandTimeoutMs: 60_000 });
    await server.stop(); // a graceful SHUTDOWN this time, not a crash
    const keys = Array.from({ length: 25 }, () => randomKey("bp"));
    const waiting = keys.map((key) => settle(pool.execute("setKey", key, (client) => client.set(key, key))));
    expect(pool.inFlightCommands).toBe(25);
    const overflow = await rejection(pool.execute("setKey", "one-too-many", (client) => client.set("one-too-many", "x")));
    expect(isRedisError(overflow, "BACKPRESSURE")).toBe(true);
    expect(overflow.message).toContain("maxInFlightCommands 25");
    expect(waiting.some((entry) => entry.done())).toBe(false);
    await server.restart();
    const results = await Promise.all(waiting.map((entry) => entry.result));
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    expect(await pool.execute("getMultipleKeys", undefined, (client) => client.mget(keys))).toEqual(keys);
    expect(pool.inFlightCommands).toBe(0);
  });

  it("keeps memory bounded: 100,000 commands against a dead server hold at most maxInFlightCommands", async () => {
    const pool = await connect({ poolSize: 1, maxInFlightCommands: 1_000, reconnectMaxAttempts: 0, defaultCommandTimeoutMs: 60_000 });
    await server.kill();
    let rejected = 0;
    const admitted: Array<Promise<unknown>> = [];
    for (let i = 0; i < 100_000; i++) {
      const attempt = pool.execute("getKey", "k", (client) => client.get("k"));
      if (pool.inFlightCommands > 1_000) throw new Error("in-flight bound exceeded");
      admitted.push(attempt.catch((error: RedisError) => (error.code === "BACKPRESSURE" ? rejected++ : undefined)));
    }
    await Promise.all(admitted.slice(1_000));
    expect(rejected).toBe(99_000);
    expect(pool.inFlightCommands).toBe(1_000);
    await server.restart();
    await Promise.all(admitted);
    expect(pool.inFlightCommands).toBe(0);
  });

  it("emits unavailable after maxFailureThresholdSeconds and available once Redis is back", async () => {
    const pool = await connect({ poolSize: 1, maxFailureThresholdSeconds: 1, reconnectMaxAttempts: 0, reconnectDelayMs: 20, reconnectMaxDelayMs: 200 });
    const events: string[] = [];
    pool.on("unavailable", () => events.push("unavailable"));
    pool.on("available", () => events.push("available"));
    expect(pool.isAvailable).toBe(true);
    const killedAt = Date.now();
    await server.kill();
    await waitFor(() => events.includes("unavailable"), { description: "unavailable event" });
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(900);
    expect(pool.isAvailable).toBe(false);
    await server.restart();
    await waitFor(() => events.includes("available"), { description: "available event" });
    expect(pool.isAvailable).toBe(true);
    expect(events).toEqual(["unavailable", "available"]);
  });

  it("treats a frozen server as unavailable too", async () => {
    const pool = await connect({ poolSize: 1, maxFailureThresholdSeconds: 1, defaultCommandTimeoutMs: 20_000, unresponsiveTimeoutMs: 10_000 });
    const events: string[] = [];
    pool.on("unavailable", () => events.push("unavailable"));
    pool.on("available", () => events.push("available"));
    server.freeze();
    await waitFor(() => events.includes("unavailable"), { description: "unavailable while frozen" });
    server.thaw();
    await waitFor(() => events.includes("available"), { description: "available after thaw" });
  });

  it("fails waiting commands with CONNECTION_FAILED once reconnectMaxAttempts are spent, then recovers in the background", async () => {
    const pool = await connect({ poolSize: 2, reconnectMaxAttempts: 2, reconnectDelayMs: 20, reconnectMaxDelayMs: 50, maxFailureThresholdSeconds: 1 });
    const errors: Error[] = [];
    pool.on("error", (error) => errors.push(error));
    await server.kill();
    const waiting = await rejection(pool.execute("getKey", "k", (client) => client.get("k")));
    expect(isRedisError(waiting, "CONNECTION_FAILED")).toBe(true);
    const immediate = await rejection(pool.execute("getKey", "k", (client) => client.get("k")));
    expect(isRedisError(immediate, "CONNECTION_FAILED")).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => isRedisError(error, "CONNECTION_FAILED"))).toBe(true);
    await server.restart();
    await waitFor(async () => (await pool.ping().catch(() => "down")) === "PONG", { description: "background reconnect" });
  });

  it("fails a blocking read with CONNECTION_FAILED when its server dies, never re-sending it", async () => {
    const pool = await connect({ poolSize: 1 });
    const list = randomKey("blocking");
    const blocked = rejection(pool.executeBlocking("popBlocking", list, { timeoutMs: 30_000 }, (client) => client.blpop(list, 20)));
    await waitFor(async () => {
      const clients = (await pool.execute("clientList", undefined, (client) => client.call("CLIENT", "LIST"))) as string;
      return clients.includes("cmd=blpop");
    }, { description: "BLPOP is blocking" });
    await server.kill();
    const error = await blocked;
    expect(isRedisError(error, "CONNECTION_FAILED")).toBe(true);
    expect(error.key).toBe(list);
  });

  it("drains in-flight commands on close() even when the server is away, bounded by the command timeout", async () => {
    const pool = await connect({ poolSize: 1, reconnectMaxAttempts: 0, defaultCommandTimeoutMs: 800, unresponsiveTimeoutMs: 800 });
    await server.kill();
    const pending = rejection(pool.execute("getKey", "k", (client) => client.get("k")));
    await pool.close();
    expect(isRedisError(await pending, "COMMAND_TIMEOUT")).toBe(true);
  });
});
