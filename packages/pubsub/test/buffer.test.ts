import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { randomKey, waitFor } from "@redis-interface/testing";
import { pubsub } from "../src/index.js";
import { sharedPool } from "./support/targets.js";

describe("bounded buffers for slow handlers", () => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(false);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("handles one message at a time, drops the oldest waiting ones beyond the limit and reports them", async () => {
    const bus = pubsub(pool, { maxBufferedMessages: 10 });
    const channel = randomKey("slow");
    const seen: number[] = [];
    let running = 0;
    let maxRunning = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const dropped: Array<{ channel: string; count: number }> = [];
    bus.on("dropped", (info) => void dropped.push(info));
    try {
      await bus.subscribe<number>(channel, async (message) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        seen.push(message);
        await gate;
        running--;
      });
      await bus.publish(channel, 0);
      await waitFor(() => seen.length === 1, { description: "the handler to block on the first message" });
      for (let i = 1; i <= 25; i++) await bus.publish(channel, i);
      await waitFor(() => bus.stats().dropped === 15, { description: "15 dropped messages" });
      expect(dropped.reduce((sum, info) => sum + info.count, 0)).toBe(15);
      expect(new Set(dropped.map((info) => info.channel))).toEqual(new Set([channel]));
      release();
      await waitFor(() => seen.length === 11, { description: "the buffered messages" });
      expect(seen).toEqual([0, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
      expect(maxRunning).toBe(1);
      await bus.publish(channel, 26);
      await waitFor(() => seen.length === 12, { description: "a message after the backlog" });
      expect(bus.stats()).toMatchObject({ received: 27, handled: 12, dropped: 15 });
    } finally {
      release();
      await bus.close();
    }
  });

  it("a slow handler does not hold up a fast handler on the same channel", async () => {
    const bus = pubsub(pool, { maxBufferedMessages: 2 });
    const channel = randomKey("mixed");
    const fast: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    try {
      await bus.subscribe(channel, () => gate);
      await bus.subscribe<number>(channel, (message) => void fast.push(message));
      for (let i = 0; i < 5; i++) await bus.publish(channel, i);
      await waitFor(() => fast.length === 5, { description: "the fast handler" });
      await waitFor(() => bus.stats().dropped === 2, { description: "the slow handler's drops" });
    } finally {
      release();
      await bus.close();
    }
  });

  it("a handler that throws is reported and the next message is still handled", async () => {
    const bus = pubsub(pool);
    const channel = randomKey("throws");
    const errors: Error[] = [];
    const seen: string[] = [];
    bus.on("error", (error) => void errors.push(error));
    try {
      await bus.subscribe<string>(channel, (message) => {
        if (message === "bad") throw new Error("handler failed");
        seen.push(message);
      });
      await bus.publish(channel, "bad");
      await bus.publish(channel, "good");
      await waitFor(() => seen.length === 1, { description: "the good message" });
      expect(errors.map((error) => error.message)).toEqual(["handler failed"]);
      expect(bus.stats().handlerFailures).toBe(1);
    } finally {
      await bus.close();
    }
  });

  it("rejects a limit that is not a positive integer", () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      let thrown: unknown;
      try {
        pubsub(pool, { maxBufferedMessages: limit });
      } catch (error) {
        thrown = error;
      }
      expect(isRedisError(thrown, "INVALID_ARGUMENT")).toBe(true);
    }
  });

  it("rejects unknown option names, a non-boolean sharded and options that are not an object", () => {
    for (const [options, message] of [
      [{ maxBufferedMessage: 10 }, /unknown option "maxBufferedMessage" \(known: sharded, maxBufferedMessages, globalChannels, codec\)/],
      [{ sharded: "yes" }, /sharded must be a boolean, got a string/],
      [null, /options must be an object, got null/],
    ] as const) {
      expect(() => pubsub(pool, options as never)).toThrow(expect.objectContaining({ name: "RedisError", code: "INVALID_ARGUMENT", operation: "pubsub", message: expect.stringMatching(message) }));
    }
  });
});
