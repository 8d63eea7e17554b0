import { Redis } from "ioredis";
import { RedisConnectionPool, type RedisClient } from "@redis-interface/core";
import { randomKey, startRedis, waitFor, type RedisServerHandle } from "@redis-interface/testing";
import { pubsub, type PubSub } from "../src/index.js";
import { recorder } from "./support/targets.js";

/** `CLIENT LIST` entries as field maps. */
async function clientList(raw: Redis): Promise<Array<Record<string, string>>> {
  const text = (await raw.client("LIST")) as string;
  return text
    .trim()
    .split("\n")
    .map((line) => Object.fromEntries(line.trim().split(" ").map((field) => [field.slice(0, field.indexOf("=")), field.slice(field.indexOf("=") + 1)])));
}

const subscribers = async (raw: Redis) => (await clientList(raw)).filter((entry) => Number(entry.sub) + Number(entry.psub) > 0);

describe("the subscriber connection (own server)", () => {
  let server: RedisServerHandle;
  let pool: RedisConnectionPool;
  let raw: Redis;
  let bus: PubSub;
  beforeAll(async () => {
    server = await startRedis();
    pool = await RedisConnectionPool.connect({ port: server.port, poolSize: 2, reconnectDelayMs: 20, reconnectMaxDelayMs: 200 });
    raw = new Redis({ port: server.port, retryStrategy: () => 50, maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await pool.close();
    raw.disconnect();
    await server.stop();
  });
  beforeEach(() => {
    bus = pubsub(pool);
  });
  afterEach(async () => {
    await bus.close();
  });

  it("is opened lazily, is not a pooled connection, and close() ends it", async () => {
    expect(await subscribers(raw)).toHaveLength(0);
    const poolIds = new Set<string>();
    for (let i = 0; i < 6; i++) poolIds.add(String(await pool.execute("clientId", undefined, (client: RedisClient) => (client as Redis).client("ID"))));
    const channel = randomKey("own");
    await bus.subscribe(channel, () => undefined);
    await bus.psubscribe(`${channel}:*`, () => undefined);
    await bus.subscribe(randomKey("own2"), () => undefined);
    const subs = await subscribers(raw);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ sub: "2", psub: "1" });
    expect(poolIds.has(subs[0]?.id ?? "")).toBe(false);
    await bus.close();
    await waitFor(async () => (await subscribers(raw)).length === 0, { description: "the subscriber connection to close" });
    expect(await pool.ping()).toBe("PONG");
  });

  it("resubscribes every channel and pattern after the server is killed and restarted, then emits resubscribed", async () => {
    const channel = randomKey("restart");
    const heard = recorder();
    const patternHeard = recorder();
    const events: Array<{ channels: string[]; patterns: string[] }> = [];
    bus.on("resubscribed", (info) => void events.push(info));
    bus.on("error", () => undefined);
    await bus.subscribe(channel, heard.handler);
    await bus.psubscribe(`${channel}:*`, patternHeard.handler);
    await bus.publish(channel, "before");
    await waitFor(() => heard.received.length === 1, { description: "the first message" });

    await server.kill();
    await server.restart();
    await waitFor(() => events.length === 1, { description: "the resubscribed event" });
    expect(events[0]).toEqual({ channels: [channel], patterns: [`${channel}:*`] });
    const subs = await subscribers(raw);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ sub: "1", psub: "1" });

    await waitFor(async () => (await pool.ping()) === "PONG", { description: "the pool to reconnect" });
    expect(await bus.publish(channel, payload())).toBe(1);
    await bus.publish(`${channel}:x`, "pattern after");
    await waitFor(() => heard.received.length === 2 && patternHeard.received.length === 1, { description: "messages after the restart" });
    expect(heard.received[1]?.message).toEqual(payload());
    expect(bus.stats().resubscriptions).toBe(1);
  });
});

function payload(): { amount: bigint; at: Date } {
  return { amount: 123_456_789_012_345_678_901n, at: new Date("2026-01-02T03:04:05.006Z") };
}
