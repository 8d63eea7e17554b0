import { tracingChannel } from "node:diagnostics_channel";
import { Cluster, Redis } from "ioredis";
import { randomKey, type RedisClusterHandle, type RedisServerHandle, rejection, startRedis, startRedisCluster, waitFor } from "@redis-interface/testing";
import {
  FIRST_KEY,
  NO_KEYS,
  RedisConnectionPool,
  RedisError,
  isRedisError,
  keySlot,
  leadingKeys,
  luaScript,
  scriptCommand,
  type RedisCommand,
  type RedisConnection,
} from "../src/index.js";
import { RedisConnectionView } from "../src/view.js";

let server: RedisServerHandle;
let cluster: RedisClusterHandle;
let raw: Redis;

beforeAll(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster({ masters: 3, replicas: 0 })]);
  raw = new Redis({ port: server.port, lazyConnect: true });
  await raw.connect();
}, 120_000);

afterAll(async () => {
  raw?.disconnect();
  await Promise.all([server?.stop(), cluster?.stop()]);
});

const GET = (key: string): RedisCommand<string | null> => ({ name: "GET", args: [key], keys: FIRST_KEY });
const GET_BYTES = (key: string): RedisCommand<Buffer | null> => ({ name: "GET", args: [key], keys: FIRST_KEY, buffers: true });
const SET = (key: string, value: string | Buffer): RedisCommand<string> => ({ name: "SET", args: [key, value], keys: FIRST_KEY });
const INCR = (key: string): RedisCommand<number> => ({ name: "INCR", args: [key], keys: FIRST_KEY });

/** The ioredis client behind a standalone pool of one connection. */
async function onlyClient(pool: RedisConnectionPool): Promise<Redis> {
  return pool.execute("probe", undefined, async (client) => client as Redis);
}

/** Counts `stream.write` calls on `clients` while `body` runs (the writes still happen). */
async function countingWrites<T>(clients: Redis[], body: () => Promise<T>): Promise<{ writes: number; value: T }> {
  let writes = 0;
  const restore = clients.map((client) => {
    const stream = client.stream as unknown as { write: (...args: unknown[]) => boolean };
    const write = stream.write;
    stream.write = function (this: unknown, ...args: unknown[]) {
      writes++;
      return write.apply(this, args);
    };
    return () => (stream.write = write);
  });
  try {
    const value = await body();
    return { writes, value };
  } finally {
    for (const undo of restore) undo();
  }
}

describe("send on a standalone server", () => {
  let pool: RedisConnectionPool;

  beforeAll(async () => {
    pool = await RedisConnectionPool.connect({ port: server.port, keyPrefix: "app" });
  });

  afterAll(async () => {
    await pool?.close();
  });

  it("applies the pool's keyPrefix and every nested view's prefix to the keys only, and hands the view to transform", async () => {
    const view = pool.withKeyPrefix("t1").withKeyPrefix("orders", { hashTag: true });
    const key = randomKey("order");
    expect(await view.send("setKey", SET(key, "t1:not-a-key"))).toBe("OK");
    expect(await raw.get(`app:t1:{orders}:${key}`)).toBe("t1:not-a-key");
    expect(await view.send("getKey", GET(key))).toBe("t1:not-a-key");
    expect(await pool.send("getKey", GET(key))).toBeNull();

    let through: RedisConnection | undefined;
    const echo = scriptCommand(luaScript("return KEYS[1]"), [key], [], (reply, connection) => {
      through = connection;
      return connection.keys.strip(reply as string);
    });
    expect(await view.send("echoKey", echo)).toBe(key);
    expect(through).toBe(view);
  });

  it("writes the commands of one turn together and answers each caller with its own reply, in order", async () => {
    const single = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    try {
      const counter = randomKey("counter");
      const keys = Array.from({ length: 500 }, () => randomKey("own"));
      await Promise.all(keys.map((key) => single.send("setKey", SET(key, `value of ${key}`))));
      const client = await onlyClient(single);
      const { writes, value } = await countingWrites([client], async () => {
        const incrs: Array<Promise<number>> = [];
        const gets: Array<Promise<string | null>> = [];
        for (const key of keys) {
          incrs.push(single.send("incrementKey", INCR(counter)));
          gets.push(single.send("getKey", GET(key)));
        }
        return { incrs: await Promise.all(incrs), gets: await Promise.all(gets) };
      });
      expect(value.incrs).toEqual(keys.map((_, index) => index + 1));
      expect(value.gets).toEqual(keys.map((key) => `value of ${key}`));
      // 1,000 commands of one turn: at most the first alone, then one write for the rest
      expect(writes).toBeLessThanOrEqual(2);
    } finally {
      await single.close();
    }
  });

  it("keeps replies with their callers when described commands and execute closures share a connection in one turn", async () => {
    const single = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    try {
      const keys = Array.from({ length: 300 }, () => randomKey("mixed"));
      await Promise.all(keys.map((key) => single.send("setKey", SET(key, key))));
      const replies = keys.map((key, index) => (index % 3 === 0 ? single.execute("getKey", key, (client) => client.get(key)) : single.send("getKey", GET(key))));
      expect(await Promise.all(replies)).toEqual(keys);
    } finally {
      await single.close();
    }
  });

  it("returns Buffers with buffers: true and UTF-8 strings otherwise, and writes Buffer arguments byte for byte", async () => {
    const binary = Buffer.from([0, 1, 0xfe, 0xff, 0x0d, 0x0a]);
    const [bytesKey, textKey] = [randomKey("bytes"), randomKey("text")];
    // one turn: a Buffer argument between string commands
    const [, setBytes] = await Promise.all([pool.send("setKey", SET(textKey, "€uro")), pool.send("setKey", SET(bytesKey, binary)), pool.send("getKey", GET(textKey))]);
    expect(setBytes).toBe("OK");
    const bytes = await pool.send("getBytes", GET_BYTES(bytesKey));
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes?.equals(binary)).toBe(true);
    expect(await pool.send("getKey", GET(textKey))).toBe("€uro");
    expect(await pool.send("getBytes", GET_BYTES(textKey))).toEqual(Buffer.from("€uro"));
    const array = await pool.send("getMultipleKeys", { name: "MGET", args: [textKey, bytesKey, randomKey("missing")], keys: leadingKeys(3), buffers: true });
    expect(array).toEqual([Buffer.from("€uro"), binary, null]);
  });

  it("maps what a transform throws to a RedisError naming the operation and key, and keeps a RedisError as it is", async () => {
    const key = randomKey("shape");
    await pool.send("setKey", SET(key, "not json"));
    const broken = await rejection(pool.send("readDocument", { ...GET(key), transform: (reply) => JSON.parse(reply as string) as unknown }));
    expect(broken).toBeInstanceOf(RedisError);
    expect(broken).toMatchObject({ code: "COMMAND_FAILED", operation: "readDocument", key });
    const own = new RedisError("INVALID_ARGUMENT", { operation: "readDocument", key, message: "stored value has the wrong shape" });
    expect(
      await rejection(
        pool.send("readDocument", {
          ...GET(key),
          transform: () => {
            throw own;
          },
        }),
      ),
    ).toBe(own);
    expect(await pool.send("getKey", GET(key))).toBe("not json");
  });

  it("retries a read that missed under a view's read fallback, then transforms once; writes never fall back", async () => {
    const view = new RedisConnectionView(pool, pool.keys.extend("tenant", { fallbackFor: (name) => !name.startsWith("private") }));
    const [shared, own] = [randomKey("shared"), randomKey("own")];
    await pool.send("setKey", SET(shared, "from the unprefixed name"));
    await view.send("setKey", SET(own, "from the tenant"));
    let transforms = 0;
    const read = (key: string): RedisCommand<string> => ({
      ...GET(key),
      miss: (reply) => reply === null,
      transform: (reply) => {
        transforms++;
        return `read: ${String(reply)}`;
      },
    });
    expect(await view.send("getKey", read(shared))).toBe("read: from the unprefixed name");
    expect(await view.send("getKey", read(own))).toBe("read: from the tenant");
    expect(await view.send("getKey", read(randomKey("nowhere")))).toBe("read: null");
    expect(transforms).toBe(3);
    const undeclared = randomKey("private");
    await pool.send("setKey", SET(undeclared, "not declared for the fallback"));
    expect(await view.send("getKey", read(undeclared))).toBe("read: null");
    const multiple = (keys: string[]): RedisCommand<unknown> => ({ name: "MGET", args: keys, keys: keys.map((_, index) => index), miss: (reply) => (reply as unknown[]).includes(null) });
    expect(await view.send("getMultipleKeys", multiple([shared, undeclared]))).toEqual([null, null]);
    expect(await view.send("getMultipleKeys", multiple([shared]))).toEqual(["from the unprefixed name"]);
    const written = randomKey("written");
    await view.send("setKey", SET(written, "v"));
    expect([await raw.get(`app:tenant:${written}`), await raw.get(`app:${written}`)]).toEqual(["v", null]);
  });

  it("sends a blocking command with sendBlocking on a leased connection, through a view, with its transform", async () => {
    const view = pool.withKeyPrefix("jobs");
    const list = randomKey("queue");
    const popped = view.sendBlocking(
      "popJob",
      { name: "BLPOP", args: [list, 5], keys: FIRST_KEY, transform: (reply, through) => (reply === null ? null : { list: through.keys.strip((reply as string[])[0] as string), job: (reply as string[])[1] }) },
      { timeoutMs: 10_000 },
    );
    await waitFor(async () => String(await raw.client("LIST")).includes("cmd=blpop"), { description: "BLPOP blocked" });
    // the shared connections are not blocked meanwhile
    expect(await view.send("appendElementsToList", { name: "RPUSH", args: [list, "job-1"], keys: FIRST_KEY })).toBe(1);
    expect(await popped).toEqual({ list, job: "job-1" });
  });

  it("maps error replies with Redis's reply code", async () => {
    const key = randomKey("list");
    await pool.send("appendElementsToList", { name: "RPUSH", args: [key, "x"], keys: FIRST_KEY });
    const error = await rejection(pool.send("getKey", GET(key)));
    expect(error).toMatchObject({ code: "WRONG_TYPE", replyCode: "WRONGTYPE", operation: "getKey", key });
  });

  it("sends an EVALSHA answered NOSCRIPT once more as EVAL, and never a third time", async () => {
    const counter = randomKey("runs");
    const nonce = randomKey("nonce");
    const counting = luaScript(`-- ${nonce}\nreturn redis.call('INCR', KEYS[1])`);
    expect(await pool.send("countRun", scriptCommand(counting, [counter], []))).toBe(1);
    expect(await pool.send("countRun", scriptCommand(counting, [counter], []))).toBe(2);

    const failing = luaScript(`-- ${nonce} failing\nredis.call('INCR', KEYS[1]) return redis.error_reply('ERR boom')`);
    const error = await rejection(pool.send("countRun", scriptCommand(failing, [counter], [])));
    expect(error).toMatchObject({ code: "COMMAND_FAILED", operation: "countRun", key: counter });
    expect(error.message).toContain("boom");
    // EVALSHA ran nothing, EVAL ran once and failed: not re-sent
    expect(await raw.get(`app:${counter}`)).toBe("3");
  });

  it("fails with BACKPRESSURE at once beyond maxInFlightCommands and answers the admitted commands", async () => {
    const bounded = await RedisConnectionPool.connect({ port: server.port, poolSize: 1, maxInFlightCommands: 5 });
    try {
      const keys = Array.from({ length: 5 }, () => randomKey("bp"));
      const admitted = keys.map((key) => bounded.send("setKey", SET(key, key)));
      expect(bounded.inFlightCommands).toBe(5);
      const refused = await rejection(bounded.send("setKey", SET("one-too-many", "x")));
      expect(refused).toMatchObject({ code: "BACKPRESSURE", operation: "setKey", key: "one-too-many" });
      expect(await Promise.all(admitted)).toEqual(keys.map(() => "OK"));
      expect(bounded.inFlightCommands).toBe(0);
      expect(await raw.exists("one-too-many")).toBe(0);
    } finally {
      await bounded.close();
    }
  });

  it("answers the commands of the turn close() is called in, then quits", async () => {
    const closing = await RedisConnectionPool.connect({ port: server.port, poolSize: 2 });
    const keys = Array.from({ length: 100 }, () => randomKey("closing"));
    const writes = keys.map((key) => closing.send("setKey", SET(key, key)));
    const closed = closing.close();
    expect(await rejection(closing.send("getKey", GET(keys[0] as string)))).toMatchObject({ code: "CLOSED" });
    expect(await Promise.all(writes)).toEqual(keys.map(() => "OK"));
    await closed;
    expect(await raw.mget(keys)).toEqual(keys);
  });

  it("rejects a bad description with INVALID_ARGUMENT and a closed pool with CLOSED, before any I/O", async () => {
    expect(await rejection(pool.send("getKey", GET("")))).toMatchObject({ code: "INVALID_ARGUMENT", operation: "getKey" });
    expect(await rejection(pool.send("setKey", { name: "SET", args: ["k", undefined as never], keys: FIRST_KEY }))).toMatchObject({ code: "INVALID_ARGUMENT" });
    const closed = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
    await closed.close();
    expect(await rejection(closed.send("getKey", GET("k")))).toMatchObject({ code: "CLOSED", operation: "getKey", key: "k" });
  });

  it("is published on ioredis's own tracing channel while that has subscribers", async () => {
    const seen: string[] = [];
    const channel = tracingChannel<unknown, { command: string }>("ioredis:command");
    const ignore = (): void => undefined;
    const subscribers = { start: (context: { command: string }) => void seen.push(context.command), end: ignore, asyncStart: ignore, asyncEnd: ignore, error: ignore };
    channel.subscribe(subscribers);
    try {
      const key = randomKey("ioredis-traced");
      const replies = await Promise.all([pool.send("setKey", SET(key, "v")), pool.send("getKey", GET(key))]);
      expect(replies).toEqual(["OK", "v"]);
    } finally {
      channel.unsubscribe(subscribers);
    }
    expect(seen).toEqual(["SET", "GET"]);
  });
});

describe("send while the server is away", () => {
  let own: RedisServerHandle;

  beforeEach(async () => {
    own = await startRedis();
  });

  afterEach(async () => {
    own.thaw();
    await own.stop();
  });

  it("keeps a command issued while the connection is down and sends it exactly once when it is back", async () => {
    const pool = await RedisConnectionPool.connect({ port: own.port, poolSize: 2, reconnectMaxAttempts: 0, reconnectDelayMs: 20, reconnectMaxDelayMs: 100 });
    try {
      await own.kill();
      const key = randomKey("once");
      const reply = pool.send("incrementKey", INCR(key));
      await waitFor(() => pool.stats().queuedCommands === 1, { description: "command waiting for a connection" });
      await own.restart();
      expect(await reply).toBe(1);
      expect(await pool.send("getKey", GET(key))).toBe("1");
    } finally {
      await pool.close();
    }
  });

  it("recycles a connection whose written command stays unanswered; the command fails UNCERTAIN and is never sent again", async () => {
    const pool = await RedisConnectionPool.connect({ port: own.port, poolSize: 1, defaultCommandTimeoutMs: 10_000, unresponsiveTimeoutMs: 300, reconnectMaxAttempts: 0 });
    try {
      const attempts: number[] = [];
      pool.on("reconnecting", ({ attempt }) => attempts.push(attempt));
      const key = randomKey("stuck");
      own.freeze();
      const reply = rejection(pool.send("incrementKey", INCR(key)));
      await waitFor(() => attempts.length > 0, { description: "stuck connection reconnected" });
      own.thaw();
      expect(isRedisError(await reply, "UNCERTAIN")).toBe(true);
      await waitFor(async () => (await pool.ping().catch(() => "no")) === "PONG", { description: "answers after thaw" });
      // the thawed server may still run the copy written before the recycle, but never a second one
      expect([null, "1"]).toContain(await pool.send("getKey", GET(key)));
      expect(pool.stats().connections[0]?.ready).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("answers COMMAND_TIMEOUT when a frozen server never replies, and serves again after it thaws", async () => {
    const pool = await RedisConnectionPool.connect({ port: own.port, poolSize: 1, defaultCommandTimeoutMs: 500, unresponsiveTimeoutMs: 500 });
    try {
      const key = randomKey("frozen");
      own.freeze();
      const error = await rejection(pool.send("getKey", GET(key)));
      expect(error).toMatchObject({ code: "COMMAND_TIMEOUT", operation: "getKey", key });
      own.thaw();
      // the late reply of the timed-out GET arrives first and is dropped: this SET gets its own
      expect(await pool.send("setKey", SET(key, "after"))).toBe("OK");
      expect(await pool.send("getKey", GET(key))).toBe("after");
    } finally {
      await pool.close();
    }
  });
});

describe("send on a cluster", () => {
  let pool: RedisConnectionPool;
  let client: Cluster;

  beforeAll(async () => {
    pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls.slice(0, 1) });
    client = await pool.execute("probe", undefined, async (c) => c as Cluster);
  });

  afterAll(async () => {
    await pool?.close();
  });

  it("writes each command to the master of its slot, batched per node, through a view too", async () => {
    const view = pool.withKeyPrefix("tenant");
    const keys = Array.from({ length: 300 }, () => randomKey("spread"));
    expect(await Promise.all(keys.map((key) => view.send("setKey", SET(key, key))))).toEqual(keys.map(() => "OK"));
    const { writes, value } = await countingWrites(client.nodes("master"), () => Promise.all(keys.map((key) => view.send("getKey", GET(key)))));
    expect(value).toEqual(keys);
    expect(writes).toBeLessThanOrEqual(6); // 3 masters: at most one lone write and one batch each
    const owners = new Set(await Promise.all(keys.slice(0, 30).map(async (key) => (await cluster.masterOfSlot(keySlot(`tenant:${key}`))).port)));
    expect(owners.size).toBe(3);
  });

  it("fails with CROSS_SLOT before any I/O, and sends the same keys under a hash-tagged view", async () => {
    const keys = ["user:1", "user:2", "user:3"];
    expect(new Set(keys.map((key) => keySlot(key))).size).toBeGreaterThan(1);
    const { writes, value } = await countingWrites(client.nodes("master"), () => rejection(pool.send("getMultipleKeys", { name: "MGET", args: keys, keys: leadingKeys(3) })));
    expect(value).toMatchObject({ code: "CROSS_SLOT", operation: "getMultipleKeys", key: "user:1" });
    expect(writes).toBe(0);
    const tagged = pool.withKeyPrefix(randomKey("merchant"), { hashTag: true });
    expect(await tagged.send("setMultipleKeys", { name: "MSET", args: ["user:1", "a", "user:2", "b"], keys: [0, 2] })).toBe("OK");
    expect(await tagged.send("getMultipleKeys", { name: "MGET", args: keys, keys: leadingKeys(3) })).toEqual(["a", "b", null]);
  });

  it("follows MOVED when its slot map is stale: ioredis's Cluster takes the command over", async () => {
    const key = randomKey("moved");
    const slot = keySlot(key);
    const slots = (client as unknown as { slots: string[][] }).slots;
    const owner = slots[slot]?.[0] as string;
    const other = client.nodes("master").map((node) => `${node.options.host}:${node.options.port}`).find((nodeKey) => nodeKey !== owner) as string;
    slots[slot] = [other];
    expect(await pool.send("setKey", SET(key, "moved"))).toBe("OK");
    expect(slots[slot]?.[0]).toBe(owner);
    expect(await pool.send("getKey", GET(key))).toBe("moved");
  });

  it("lets ioredis route a command without described keys", async () => {
    expect(await pool.send("ping", { name: "PING", args: [], keys: NO_KEYS })).toBe("PONG");
    expect(await pool.send("publish", { name: "PUBLISH", args: [randomKey("channel"), "m"], keys: NO_KEYS })).toBe(0);
  });

  it("fails UNCERTAIN, and never sends again, a command ioredis routed itself whose node connection closed after it was written", async () => {
    const channel = randomKey("ran");
    const runs: string[] = [];
    const subscriber = new Cluster(cluster.urls.map((url) => ({ host: "127.0.0.1", port: Number(url.split(":")[1]) })));
    try {
      subscriber.on("message", (_channel: string, message: string) => runs.push(message));
      await subscriber.subscribe(channel);
      // no described keys: ioredis's Cluster picks the node. The script announces that it ran, then keeps the node busy
      // so that its reply cannot arrive before the connection is closed under it.
      const busy = `redis.call('PUBLISH', ARGV[1], 'ran') local t = redis.call('TIME') local until_us = t[1] * 1000000 + t[2] + 300000
        repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] >= until_us return 1`;
      const reply = pool.send("announce", { name: "EVAL", args: [busy, "0", channel], keys: NO_KEYS });
      const busyNode = () => client.nodes("all").find((candidate) => candidate.commandQueue.length > 0);
      await waitFor(() => busyNode() !== undefined, { timeoutMs: 10_000 });
      busyNode()?.disconnect();
      const error = await rejection(reply);
      expect(isRedisError(error, "UNCERTAIN")).toBe(true);
      // ran once; ioredis's own re-routing (after retryDelayOnFailover) would have run it a second time
      await waitFor(() => runs.length >= 1, { timeoutMs: 10_000 });
      expect(await pool.send("ping", { name: "EVAL", args: ["redis.call('PUBLISH', ARGV[1], 'after') return 1", "0", channel], keys: NO_KEYS })).toBe(1);
      await waitFor(() => runs.includes("after"), { timeoutMs: 10_000 });
      expect(runs.filter((message) => message === "ran")).toEqual(["ran"]);
    } finally {
      subscriber.disconnect();
      // ioredis connects the closed node again on demand: leave the pool's Cluster with every master, as the next tests expect
      await waitFor(async () => {
        const masters = client.nodes("master");
        await Promise.all(masters.map((master) => master.ping().catch(() => undefined)));
        return masters.length === 3 && masters.every((master) => master.status === "ready");
      }, { timeoutMs: 30_000 });
    }
  });

  it("re-sends an EVALSHA answered NOSCRIPT as EVAL on the master of its keys", async () => {
    const view = pool.withKeyPrefix(randomKey("script"), { hashTag: true });
    const script = luaScript(`-- ${randomKey("nonce")}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1]) + redis.call('INCRBY', KEYS[2], ARGV[1])`);
    expect(await view.send("addBoth", scriptCommand(script, ["a", "b"], [2]))).toBe(4);
    expect(await view.send("addBoth", scriptCommand(script, ["a", "b"], [3]))).toBe(10);
  });

  it.each([
    ["before the turn's batch is written", false],
    ["with the commands on the wire", true],
  ])("when their master's connection closes %s: sends again only what was never written, fails the rest UNCERTAIN", async (_, written) => {
    const tag = `{${randomKey("node")}}`;
    const slots = (client as unknown as { slots: string[][] }).slots;
    const masterOfTag = () => client.nodes("master").find((master) => `${master.options.host}:${master.options.port}` === slots[keySlot(tag)]?.[0] && master.status === "ready");
    await waitFor(() => masterOfTag() !== undefined, { timeoutMs: 30_000 });
    const node = masterOfTag() as Redis;
    const keys = Array.from({ length: 50 }, (_, index) => `${tag}:${index}`);
    const writes = keys.map((key) => pool.send("setKey", SET(key, key)));
    if (written) await new Promise<void>((resolve) => process.nextTick(resolve));
    // the first may have been written at once (an idle node), the others wait for the end of the turn
    if (written) expect(node.commandQueue.length).toBe(keys.length);
    else expect(node.commandQueue.length).toBeLessThanOrEqual(1);
    node.disconnect();
    const results = await Promise.allSettled(writes);
    const uncertain = results.filter((result) => result.status === "rejected");
    for (const result of uncertain) expect(isRedisError((result as PromiseRejectedResult).reason, "UNCERTAIN")).toBe(true);
    // on the wire: each may have run, so none is sent again; not yet written: parked and sent again
    // (except the one an idle node may have been written at once)
    // (on the wire, a reply that still arrives before the socket closes answers it normally)
    if (!written) expect(uncertain.length).toBeLessThanOrEqual(1);
    for (const result of results) if (result.status === "fulfilled") expect(result.value).toBe("OK");
    const stored = (await pool.send("getMultipleKeys", { name: "MGET", args: keys, keys: leadingKeys(keys.length) })) as Array<string | null>;
    stored.forEach((value, index) => {
      if (results[index]?.status === "fulfilled") expect(value).toBe(keys[index]);
      else expect([null, keys[index]]).toContain(value);
    });
  });
});
