import { spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import { randomKey, type RedisServerHandle, rejection, startRedis, waitFor } from "@redis-interface/testing";
import { RedisConnectionPool, isRedisError, type RedisError } from "../src/index.js";

let server: RedisServerHandle;
let pool: RedisConnectionPool;
let admin: Redis;

beforeAll(async () => {
  server = await startRedis();
  admin = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await admin.connect();
  pool = await RedisConnectionPool.connect({ host: server.host, port: server.port });
});

afterAll(async () => {
  await pool?.close();
  admin?.disconnect();
  await server?.stop();
});


async function poolClientNames(): Promise<string[]> {
  const list = (await admin.call("CLIENT", "LIST")) as string;
  return list
    .split("\n")
    .filter((line) => line.includes("name=redis-interface"))
    .map((line) => /cmd=(\S+)/.exec(line)?.[1] ?? "");
}

describe("RedisConnectionPool", () => {
  it("opens poolSize connections and sends commands through them", async () => {
    expect(await pool.ping()).toBe("PONG");
    expect(await poolClientNames()).toHaveLength(5);
    const key = randomKey("pool");
    expect(await pool.execute("setKey", key, (client) => client.set(key, "v1"))).toBe("OK");
    expect(await admin.get(key)).toBe("v1");
  });

  it("rotates over every connection from one busy event-loop turn to the next (round-robin)", async () => {
    const ids: Array<Promise<unknown>> = [];
    for (let i = 0; i < 10; i++) {
      // three commands per turn: the second finds the connection busy, so the next turn moves on
      for (let j = 0; j < 3; j++) ids.push(pool.execute("clientId", undefined, (client) => client.call("CLIENT", "ID")));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(new Set(await Promise.all(ids)).size).toBe(5);
  });

  it("stays on an idle connection while one caller awaits each command", async () => {
    const ids: unknown[] = [];
    for (let i = 0; i < 10; i++) ids.push(await pool.execute("clientId", undefined, (client) => client.call("CLIENT", "ID")));
    expect(new Set(ids).size).toBeLessThanOrEqual(2);
  });

  it("keeps the commands of one turn on one connection, so auto-pipelining batches them", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => pool.execute("clientId", undefined, (client) => client.call("CLIENT", "ID"))));
    expect(new Set(ids).size).toBe(1);
  });

  it("maps server replies to typed errors naming operation and key", async () => {
    const key = randomKey("list");
    await admin.rpush(key, "x");
    const wrongType = await rejection(pool.execute("getKey", key, (client) => client.get(key)));
    expect(isRedisError(wrongType, "WRONG_TYPE")).toBe(true);
    expect(wrongType.operation).toBe("getKey");
    expect(wrongType.key).toBe(key);
    const failed = await rejection(pool.execute("incrementKey", key, (client) => client.call("INCRBY", randomKey(), "abc")));
    expect(isRedisError(failed, "COMMAND_FAILED")).toBe(true);
    expect(failed.replyCode).toBe("ERR");
    expect(failed.message).toContain("not an integer");
  });

  it("turns a throw inside the command callback into a typed error", async () => {
    const error = await rejection(
      pool.execute("broken", "k", () => {
        throw new TypeError("bad argument");
      }),
    );
    expect(isRedisError(error, "COMMAND_FAILED")).toBe(true);
  });

  it("gives views their prefix while sharing the pool's connections", async () => {
    const tenant = pool.withKeyPrefix("tenant_a");
    const nested = tenant.withKeyPrefix("orders");
    expect(tenant.keys.key("k")).toBe("tenant_a:k");
    expect(nested.keys.key("k")).toBe("tenant_a:orders:k");
    expect(pool.withKeyPrefix("m", { hashTag: true }).keys.key("k")).toBe("{m}:k");
    expect(tenant.settings).toBe(pool.settings);
    expect(tenant.codec).toBe(pool.codec);
    const key = randomKey("view");
    await tenant.execute("setKey", key, (client) => client.set(tenant.keys.key(key), "1"));
    expect(await admin.get(`tenant_a:${key}`)).toBe("1");
    expect(await tenant.ping()).toBe("PONG");
    expect(await poolClientNames()).toHaveLength(5);
  });

  it("applies the settings' keyPrefix to the pool itself", async () => {
    const prefixed = await RedisConnectionPool.connect({ port: server.port, keyPrefix: "svc", poolSize: 1 });
    try {
      expect(prefixed.keys.key("a")).toBe("svc:a");
      expect(prefixed.withKeyPrefix("t").keys.key("a")).toBe("svc:t:a");
    } finally {
      await prefixed.close();
    }
  });
});

describe("blocking commands and dedicated connections", () => {
  it("runs a blocking read on a dedicated connection that the command timeout does not kill", async () => {
    const fast = await RedisConnectionPool.connect({ port: server.port, poolSize: 1, defaultCommandTimeoutMs: 300, unresponsiveTimeoutMs: 300 });
    try {
      const list = randomKey("blpop");
      const order: string[] = [];
      const blocked = fast.executeBlocking("popBlocking", list, { timeoutMs: 20_000 }, (client) => client.blpop(list, 1.5)).then((value) => {
        order.push("blpop");
        return value;
      });
      await waitFor(async () => ((await admin.call("CLIENT", "LIST")) as string).includes("cmd=blpop"), { description: "BLPOP is blocking" });
      // The only shared connection is free: a GET goes through while BLPOP blocks.
      await fast.execute("getKey", "k", (client) => client.get(randomKey()));
      order.push("get");
      expect(await blocked).toBeNull();
      expect(order).toEqual(["get", "blpop"]);
      expect(await poolClientNames()).toHaveLength(5 + 1 + 1);
    } finally {
      await fast.close();
    }
  });

  it("reuses an idle blocking connection and drops one whose command timed out", async () => {
    const list = randomKey("blpop");
    await admin.rpush(list, "a");
    expect(await pool.executeBlocking("pop", list, { timeoutMs: 5_000 }, (client) => client.blpop(list, 1))).toEqual([list, "a"]);
    const timedOut = await rejection(pool.executeBlocking("pop", list, { timeoutMs: 200 }, (client) => client.blpop(list, 10)));
    expect(isRedisError(timedOut, "COMMAND_TIMEOUT")).toBe(true);
    expect(timedOut.key).toBe(list);
    await waitFor(async () => !((await admin.call("CLIENT", "LIST")) as string).includes("cmd=blpop"), { description: "timed-out BLPOP connection dropped" });
    await admin.rpush(list, "b");
    expect(await pool.executeBlocking("pop", list, { timeoutMs: 5_000 }, (client) => client.blpop(list, 1))).toEqual([list, "b"]);
  });

  it("aborts a blocking command through its signal, dropping only its connection", async () => {
    const list = randomKey("abort");
    const controller = new AbortController();
    const blocked = rejection(pool.executeBlocking("popBlocking", list, { signal: controller.signal }, (client) => client.blpop(list, 0)));
    await waitFor(async () => ((await admin.call("CLIENT", "LIST")) as string).includes("cmd=blpop"), { description: "BLPOP is blocking" });
    controller.abort();
    const error = await blocked;
    expect(isRedisError(error, "ABORTED")).toBe(true);
    expect(error.key).toBe(list);
    await waitFor(async () => !((await admin.call("CLIENT", "LIST")) as string).includes("cmd=blpop"), { description: "aborted connection dropped" });
    expect(isRedisError(await rejection(pool.executeBlocking("pop", list, { signal: controller.signal }, (client) => client.blpop(list, 1))), "ABORTED")).toBe(true);
    expect(await pool.ping()).toBe("PONG");
  });

  it("an abort while the blocking connection is still being opened ends the command at once, and keeps the connection", async () => {
    const own = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    try {
      const list = randomKey("abortOpening");
      const controller = new AbortController();
      // every client's commands wait, so a new connection cannot finish its handshake for 2 s
      await admin.call("CLIENT", "PAUSE", 2_000, "ALL");
      const started = performance.now();
      const blocked = rejection(own.executeBlocking("popBlocking", list, { signal: controller.signal }, (client) => client.blpop(list, 0)));
      controller.abort();
      expect(isRedisError(await blocked, "ABORTED")).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_000);
      await waitFor(() => own.stats().idleBlockingConnections === 1, { timeoutMs: 10_000, description: "the opened connection kept for the next blocking command" });
      await admin.rpush(list, "a");
      expect(await own.executeBlocking("pop", list, { timeoutMs: 5_000 }, (client) => client.blpop(list, 1))).toEqual([list, "a"]);
      expect(own.stats().dedicatedConnections).toBe(1);
    } finally {
      await own.close();
    }
  });

  it("gives subscribers their own connection, which close() ends", async () => {
    const own = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    const subscriber = await own.createDedicatedConnection("subscribe");
    const channel = randomKey("chan");
    const received: string[] = [];
    subscriber.on("message", (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe(channel);
    await own.execute("publish", channel, (client) => client.publish(channel, "hello"));
    await waitFor(() => received.length === 1, { description: "message received" });
    expect(received).toEqual(["hello"]);
    await own.close();
    await waitFor(() => subscriber.status === "end", { description: "subscriber closed with the pool" });
  });

  it("releases a dedicated connection early", async () => {
    const client = await pool.createDedicatedConnection("reader", { reconnect: false });
    expect(await client.ping()).toBe("PONG");
    await pool.releaseDedicatedConnection(client);
    await waitFor(() => client.status === "end", { description: "released" });
  });

  it("opens a RESP2 dedicated connection when asked (resp2: true), RESP3 otherwise", async () => {
    const resp2 = await pool.createDedicatedConnection("reader", { reconnect: false, resp2: true });
    const resp3 = await pool.createDedicatedConnection("reader", { reconnect: false });
    expect(String(await resp2.call("CLIENT", "INFO"))).toMatch(/ resp=2\b/);
    expect(String(await resp3.call("CLIENT", "INFO"))).toMatch(/ resp=3\b/);
    await pool.releaseDedicatedConnection(resp2);
    await pool.releaseDedicatedConnection(resp3);
  });
});

describe("close()", () => {
  it("lets admitted commands finish, then quits, then rejects with CLOSED", async () => {
    const connectionsBefore = (await poolClientNames()).length;
    const closing = await RedisConnectionPool.connect({ port: server.port });
    expect((await poolClientNames()).length).toBe(connectionsBefore + 5);
    const key = randomKey("drain");
    const writes = Array.from({ length: 200 }, (_, i) => closing.execute("appendElementsToList", key, (client) => client.rpush(key, String(i))));
    const closed = closing.close();
    expect(closing.close()).toBe(closed);
    const results = await Promise.all(writes);
    await closed;
    expect(results).toHaveLength(200);
    expect(await admin.llen(key)).toBe(200);
    const later = await rejection(closing.execute("getKey", key, (client) => client.get(key)));
    expect(isRedisError(later, "CLOSED")).toBe(true);
    expect(isRedisError(await rejection(closing.executeBlocking("pop", key, {}, (client) => client.blpop(key, 1))), "CLOSED")).toBe(true);
    expect(isRedisError(await rejection(closing.createDedicatedConnection("sub")), "CLOSED")).toBe(true);
    await waitFor(async () => (await poolClientNames()).length === connectionsBefore, { description: "closed pool's connections gone" });
  });

  it("ends a blocking command in flight with CLOSED", async () => {
    const closing = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    const list = randomKey("never");
    const blocked = rejection(closing.executeBlocking("popBlocking", list, {}, (client) => client.blpop(list, 0)));
    await waitFor(async () => ((await admin.call("CLIENT", "LIST")) as string).includes("cmd=blpop"), { description: "BLPOP is blocking" });
    await closing.close();
    expect(isRedisError(await blocked, "CLOSED")).toBe(true);
  });
});

describe("connect failures", () => {
  it("fails with CONNECTION_FAILED, without hanging, when nothing listens", async () => {
    const closedPort = await startRedis();
    const port = closedPort.port;
    await closedPort.stop();
    const started = Date.now();
    const error = await rejection(RedisConnectionPool.connect({ port, reconnectMaxAttempts: 3 }));
    expect(isRedisError(error, "CONNECTION_FAILED")).toBe(true);
    expect(error.operation).toBe("connect");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("fails within connectTimeoutMs when Redis never answers the handshake (frozen)", async () => {
    const frozen = await startRedis();
    frozen.freeze();
    try {
      const error = await rejection(RedisConnectionPool.connect({ port: frozen.port, connectTimeoutMs: 500, poolSize: 2 }));
      expect(isRedisError(error, "CONNECTION_FAILED")).toBe(true);
      expect(error.message).toContain("500 ms");
    } finally {
      frozen.thaw();
      await frozen.stop();
    }
  });

  it("fails with CONNECTION_FAILED on a wrong password, never printing it", async () => {
    const secured = await startRedis({ args: ["--save", "", "--appendonly", "no", "--requirepass", "right-pw"] });
    try {
      const error = await rejection(RedisConnectionPool.connect({ port: secured.port, password: "wrong-pw-123", reconnectMaxAttempts: 1 }));
      expect(isRedisError(error, "CONNECTION_FAILED")).toBe(true);
      expect(error.message).not.toContain("wrong-pw-123");
      expect(JSON.stringify(error)).not.toContain("wrong-pw-123");
      const good = await RedisConnectionPool.connect({ port: secured.port, password: "right-pw", poolSize: 1 });
      expect(await good.ping()).toBe("PONG");
      expect(JSON.stringify(good.settings)).not.toContain("right-pw");
      await good.close();
    } finally {
      await secured.stop();
    }
  });

  it("leaves nothing running after a failed connect: the process exits at once", async () => {
    const closedPort = await startRedis();
    const port = closedPort.port;
    await closedPort.stop();
    // the built package, in a process of its own: a leaked timer or socket would keep it alive
    const script = `
      const { RedisConnectionPool } = require(${JSON.stringify(require.resolve("../dist/cjs/index.js"))});
      RedisConnectionPool.connect({ port: ${port}, reconnectMaxAttempts: 1, connectTimeoutMs: 60000 })
        .catch((error) => console.log(error.code));`;
    const started = Date.now();
    const { stdout, status } = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(stdout.trim()).toBe("CONNECTION_FAILED");
    expect(status).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("rejects bad settings before any I/O", async () => {
    const error = await rejection(RedisConnectionPool.connect({ poolSize: 0 }));
    expect(isRedisError(error, "INVALID_CONFIGURATION")).toBe(true);
  });
});
