import { RedisConnectionPool, isRedisError, type RedisConnection } from "@redis-interface/core";
import { randomKey, rejection, sharedRedisFromEnv, waitFor } from "@redis-interface/testing";
import { pubsub } from "../src/index.js";
import { recorder } from "./support/targets.js";

/** Settles with how `promise` ended, or "pending" when it has not within `ms` (a hang shows as a failed expectation, not a stuck test). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "pending"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<"pending">((resolve) => (timer = setTimeout(() => resolve("pending"), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each([
  ["the pool", (pool: RedisConnectionPool): RedisConnection => pool],
  ["a withKeyPrefix view", (pool: RedisConnectionPool): RedisConnection => pool.withKeyPrefix(randomKey("view"))],
])("closing the pool behind a bus on %s", (_title, through) => {
  let pool: RedisConnectionPool;
  beforeEach(async () => {
    pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  });
  afterEach(async () => {
    await pool.close();
  });

  it("ends a for-await over messages() (done) at once, with a subscription beside it, and the bus then fails CLOSED", async () => {
    const bus = pubsub(through(pool));
    const channel = randomKey("closing");
    const stream = bus.messages<string>(channel);
    await stream.ready;
    const heard = recorder<string>();
    await bus.subscribe(channel, heard.handler);
    const received: string[] = [];
    const iterating = (async () => {
      for await (const message of stream) received.push(message);
      return "ended";
    })();
    await bus.publish(channel, "before");
    await waitFor(() => received.length === 1 && heard.received.length === 1, { description: "the message before the close" });

    const started = performance.now();
    await pool.close();
    expect(await within(iterating, 5_000)).toBe("ended");
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(received).toEqual(["before"]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(isRedisError(await rejection(bus.subscribe(randomKey("later"), () => undefined)), "CLOSED")).toBe(true);
    expect(await within(bus.close(), 5_000)).toBeUndefined();
  });

  it("a stream made on a bus whose pool is already closed rejects CLOSED instead of waiting", async () => {
    const bus = pubsub(through(pool));
    await pool.close();
    const stream = bus.messages(randomKey("afterClose"));
    expect(isRedisError(await within(rejection(stream.next()), 5_000), "CLOSED")).toBe(true);
  });
});
