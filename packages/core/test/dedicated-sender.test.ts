import { tracingChannel } from "node:diagnostics_channel";
import type { Redis } from "ioredis";
import { randomKey, rejection, startRedis, waitFor, type RedisServerHandle } from "@redis-interface/testing";
import { COMMAND_TRACE_CHANNEL, FIRST_KEY, RedisConnectionPool, type RedisCommand, type RedisCommandTrace } from "../src/index.js";
import { createDedicatedSender } from "../src/dedicated-sender.js";

let server: RedisServerHandle;
let pool: RedisConnectionPool;
let client: Redis;

beforeAll(async () => {
  server = await startRedis();
  pool = await RedisConnectionPool.connect({ host: server.host, port: server.port });
  client = (await pool.createDedicatedConnection("dedicatedSenderTest")) as Redis;
});

afterAll(async () => {
  await pool?.close();
  await server?.stop();
});

const GET = (key: string): RedisCommand<string | null> => ({ name: "GET", args: [key], keys: FIRST_KEY, transform: (reply) => (reply === null ? null : String(reply)) });
const PTTL = (key: string): RedisCommand<number> => ({ name: "PTTL", args: [key], keys: FIRST_KEY, transform: Number });
const SET_PX = (key: string, value: string, ms: number): RedisCommand<string> => ({ name: "SET", args: [key, value, "PX", ms], keys: FIRST_KEY });

describe("createDedicatedSender", () => {
  it("answers every command of a call in order, transformed, with the view's prefix on the keys", async () => {
    const prefix = randomKey("dsv");
    const view = pool.withKeyPrefix(prefix);
    const sender = createDedicatedSender(view);
    const key = randomKey("k");
    await view.send("seed", SET_PX(key, "value-1", 60_000));
    const [text, ttl, missing] = await sender.send(client, "read", [GET(key), PTTL(key), GET(`${key}-absent`)]);
    expect(text).toBe("value-1");
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(missing).toBeNull();
    // the prefix was applied: the unprefixed name holds nothing
    expect(await client.exists(key)).toBe(0);
    expect(await client.exists(`${prefix}:${key}`)).toBe(1);
  });

  it("writes a lone caller's commands in one socket write, and the calls of one turn together", async () => {
    const sender = createDedicatedSender(pool);
    const key = randomKey("k");
    await waitFor(() => client.commandQueue.length === 0, { description: "connection idle" });
    const stream = client.stream as unknown as { write: (...args: unknown[]) => boolean };
    const write = stream.write;
    let writes = 0;
    stream.write = function (this: unknown, ...args: unknown[]) {
      writes++;
      return write.apply(this, args);
    };
    try {
      const lone = sender.send(client, "read", [GET(key), PTTL(key)]);
      expect(writes).toBe(1); // at once
      expect(await lone).toEqual([null, -2]);
      expect(writes).toBe(1); // both commands in that one write
      writes = 0;
      const burst = Array.from({ length: 50 }, () => sender.send(client, "read", [GET(key), PTTL(key)]));
      const answers = await Promise.all(burst);
      expect(answers).toEqual(Array.from({ length: 50 }, () => [null, -2]));
      expect(writes).toBeLessThanOrEqual(2); // the first call at once, the other 49 in one batch at the end of the turn
    } finally {
      stream.write = write;
    }
  });

  it("rejects with the first failed command's error, mapped, once every command is answered", async () => {
    const sender = createDedicatedSender(pool);
    const list = randomKey("list");
    await client.rpush(list, "a");
    const error = await rejection(sender.send(client, "readList", [GET(list), PTTL(list)]));
    expect(error).toMatchObject({ name: "RedisError", operation: "readList", key: list, replyCode: "WRONGTYPE" });
    // the connection stays usable and in step: the next call gets its own replies
    expect(await sender.send(client, "readList", [PTTL(list)])).toEqual([-1]);
  });

  it("hands the replies to `then` and the first error to `otherwise`, resolving with what they return; what they throw rejects", async () => {
    const sender = createDedicatedSender(pool);
    const key = randomKey("k");
    await client.set(key, "v", "PX", 60_000);
    expect(await sender.send(client, "read", [GET(key), PTTL(key)], (replies) => `${String(replies[0])}/${Number(replies[1]) > 0}`)).toBe("v/true");
    const list = randomKey("list");
    await client.rpush(list, "a");
    const handled = await sender.send(client, "read", [GET(list)], () => "unused", (error) => `handled ${error.replyCode}`);
    expect(handled).toBe("handled WRONGTYPE");
    const thrown = await rejection(
      sender.send(client, "read", [GET(key)], () => {
        throw new Error("then threw");
      }),
    );
    expect(thrown.message).toBe("then threw");
  });

  it("refuses a bad argument with INVALID_ARGUMENT and sends nothing of the call", async () => {
    const sender = createDedicatedSender(pool);
    const key = randomKey("k");
    const bad: RedisCommand<unknown> = { name: "SET", args: [key, { nested: true } as unknown as string], keys: FIRST_KEY };
    const error = await rejection(sender.send(client, "write", [SET_PX(key, "x", 60_000), bad]));
    expect(error).toMatchObject({ code: "INVALID_ARGUMENT", operation: "write" });
    expect(await client.exists(key)).toBe(0);
  });

  it("fails what is in flight when the connection is lost (never answered twice, never hangs)", async () => {
    const own = (await pool.createDedicatedConnection("dedicatedSenderTest", { reconnect: false })) as Redis;
    const sender = createDedicatedSender(pool);
    const blocked = sender.send(own, "wait", [{ name: "BLPOP", args: [randomKey("never"), "0"], keys: FIRST_KEY }]);
    own.disconnect();
    const error = await rejection(blocked);
    expect(error.name).toBe("RedisError");
    await pool.releaseDedicatedConnection(own);
  });

  it("publishes one dedicated trace per call listing its commands", async () => {
    const sender = createDedicatedSender(pool);
    const key = randomKey("k");
    const ends: RedisCommandTrace[] = [];
    const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
    const subscribers = { start() {}, end() {}, asyncStart() {}, error() {}, asyncEnd: (trace: RedisCommandTrace) => ends.push(trace) };
    channel.subscribe(subscribers);
    try {
      expect(await sender.send(client, "cacheGet", [GET(key), PTTL(key)])).toEqual([null, -2]);
    } finally {
      channel.unsubscribe(subscribers);
    }
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ operation: "cacheGet", commands: ["GET", "PTTL"], keyCount: 2, dedicated: true, blocking: false, cluster: false });
  });
});
