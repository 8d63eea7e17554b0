import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { waitFor } from "@redis-interface/testing";
import { streams } from "@redis-interface/streams";
import { consumerGroups, createConsumer, type Consumer } from "../src/index.js";
import { DEPLOYMENTS, settingsFor, streamName } from "./support/servers.js";

describe.each(DEPLOYMENTS)("createConsumer on %s", (deployment) => {
  let pool: RedisConnectionPool;
  const running: Consumer[] = [];

  beforeAll(async () => {
    pool = await RedisConnectionPool.connect(settingsFor(deployment));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop({ timeoutMs: 2_000 })));
  });

  afterAll(async () => {
    await pool?.close();
  });

  function track(consumer: Consumer): Consumer {
    running.push(consumer);
    return consumer;
  }

  async function append(stream: string, count: number): Promise<string[]> {
    const s = streams(pool);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await s.streamAppendEntry(stream, "*", { event: "payment.created", n: String(i) }));
    return ids;
  }

  async function pendingCount(stream: string, group: string): Promise<number> {
    return (await consumerGroups(pool).consumerGroupPending(stream, group)).count;
  }

  it("processes every entry once and acknowledges each only after its handler resolves", async () => {
    const { stream } = streamName("basic");
    const ids = await append(stream, 200);
    const seen: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const consumer = track(
      createConsumer(pool, {
        stream,
        group: "g",
        consumer: "c1",
        concurrency: 8,
        blockMs: 200,
        handler: async (entry, context) => {
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          expect(context.deliveries).toBe(1);
          await new Promise((resolve) => setImmediate(resolve));
          seen.push(entry.id);
          concurrent--;
        },
      }),
    );
    await consumer.start();
    await waitFor(() => consumer.stats().processed === 200, { description: "200 processed" });
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(maxConcurrent).toBeLessThanOrEqual(8);
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(await pendingCount(stream, "g")).toBe(0);
    expect(consumer.stats()).toMatchObject({ processed: 200, failed: 0, deadLettered: 0, running: true });
  });

  it("keeps an entry pending while its handler runs", async () => {
    const { stream } = streamName("ack-after");
    await append(stream, 1);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const consumer = track(
      createConsumer(pool, {
        stream,
        group: "g",
        consumer: "c1",
        blockMs: 200,
        handler: async () => {
          started = true;
          await gate;
        },
      }),
    );
    await consumer.start();
    await waitFor(() => started, { description: "handler started" });
    expect(await pendingCount(stream, "g")).toBe(1);
    release();
    await waitFor(async () => (await pendingCount(stream, "g")) === 0, { description: "acknowledged after the handler" });
  });

  it("dead-letters a poison entry after exactly maxDeliveries attempts, atomically with its ack", async () => {
    const { stream, deadLetterStream } = streamName("poison");
    const [good, poison] = await append(stream, 2);
    const attempts = new Map<string, number>();
    const deadLettered: string[] = [];
    const consumer = track(
      createConsumer(pool, {
        stream,
        deadLetterStream,
        group: "g",
        consumer: "c1",
        blockMs: 200,
        maxDeliveries: 3,
        retryDelayMs: 50,
        claimIdleMs: 60_000,
        handler: async (entry, context) => {
          attempts.set(entry.id, (attempts.get(entry.id) ?? 0) + 1);
          expect(context.deliveries).toBe(attempts.get(entry.id));
          if (entry.id === poison) throw new Error(`card declined for ${entry.fields.n}`);
        },
      }),
    );
    consumer.on("deadLettered", (entry) => deadLettered.push(entry.id));
    await consumer.start();
    await waitFor(() => consumer.stats().deadLettered === 1, { description: "poison dead-lettered" });
    expect(attempts.get(poison as string)).toBe(3);
    expect(attempts.get(good as string)).toBe(1);
    expect(deadLettered).toEqual([poison]);
    expect(consumer.stats()).toMatchObject({ processed: 1, failed: 3, deadLettered: 1 });
    expect(await pendingCount(stream, "g")).toBe(0);
    const letters = await streams(pool).streamRange(deadLetterStream, "-", "+");
    expect(letters).toHaveLength(1);
    expect(letters[0]?.fields).toMatchObject({ originalId: poison, originalStream: stream, group: "g", consumer: "c1", deliveries: "3", error: "card declined for 1" });
    expect(JSON.parse(letters[0]?.fields.fields ?? "{}")).toEqual({ event: "payment.created", n: "1" });
  });

  it("claims entries left pending by a dead consumer after claimIdleMs", async () => {
    const { stream } = streamName("claim");
    const groups = consumerGroups(pool);
    await groups.consumerGroupCreate(stream, "g", "0", { mkStream: true });
    const ids = await append(stream, 30);
    // a consumer that read and died without acknowledging
    const read = await groups.streamReadWithOptions([stream], [">"], { count: 30, group: { name: "g", consumer: "dead" } });
    expect(read[stream]).toHaveLength(30);
    const seen = new Set<string>();
    const consumer = track(
      createConsumer(pool, {
        stream,
        group: "g",
        consumer: "survivor",
        blockMs: 100,
        claimIdleMs: 300,
        claimIntervalMs: 100,
        retryDelayMs: 50,
        handler: (entry, context) => {
          expect(context.deliveries).toBeGreaterThanOrEqual(2);
          seen.add(entry.id);
        },
      }),
    );
    await consumer.start();
    await waitFor(() => seen.size === 30, { description: "dead consumer's entries processed" });
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(consumer.stats().claimed).toBeGreaterThanOrEqual(30);
    await waitFor(async () => (await pendingCount(stream, "g")) === 0, { description: "nothing pending" });
  });

  it("takes back its own pending entries at start, without waiting for claimIdleMs", async () => {
    const { stream } = streamName("restart");
    const groups = consumerGroups(pool);
    await groups.consumerGroupCreate(stream, "g", "0", { mkStream: true });
    await append(stream, 5);
    await groups.streamReadWithOptions([stream], [">"], { count: 5, group: { name: "g", consumer: "w1" } });
    const seen = new Set<string>();
    const consumer = track(
      createConsumer(pool, { stream, group: "g", consumer: "w1", blockMs: 100, claimIdleMs: 600_000, handler: (entry) => void seen.add(entry.id) }),
    );
    await consumer.start();
    await waitFor(() => seen.size === 5, { description: "own pending processed" });
    expect(consumer.stats().claimed).toBe(5);
  });

  it("re-creates its group when it disappears (NOGROUP) and keeps going", async () => {
    const { stream } = streamName("nogroup");
    const seen = new Set<string>();
    const consumer = track(createConsumer(pool, { stream, group: "g", consumer: "c1", blockMs: 100, handler: (entry) => void seen.add(entry.id) }));
    await consumer.start();
    const [first] = await append(stream, 1);
    await waitFor(() => seen.has(first as string), { description: "first processed" });
    await consumerGroups(pool).consumerGroupDestroy(stream, "g");
    const [second] = await append(stream, 1);
    await waitFor(() => seen.has(second as string), { description: "processed after the group was re-created" });
    expect(await consumerGroups(pool).consumerGroupInfo(stream, "g")).not.toBeNull();
  });

  it("stop() stops reading, waits for in-flight handlers up to a timeout, and leaves unfinished entries pending", async () => {
    const { stream } = streamName("stop");
    await append(stream, 2);
    let finished = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = createConsumer(pool, {
      stream,
      group: "g",
      consumer: "c1",
      concurrency: 2,
      blockMs: 5_000,
      handler: async (entry) => {
        if (entry.fields.n === "1") await gate; // never finishes before the stop timeout
        finished++;
      },
    });
    await consumer.start();
    await waitFor(() => finished === 1 && consumer.stats().inFlight === 1, { description: "one done, one in flight" });
    await consumer.stop({ timeoutMs: 300 });
    expect(consumer.stats().running).toBe(false);
    expect(await pendingCount(stream, "g")).toBe(1);
    // the consumer holding the unfinished entry stays in the group (only an idle one leaves it)
    expect((await consumerGroups(pool).consumerGroupInfo(stream, "g"))?.consumers).toBe(1);
    await append(stream, 1);
    release();
    await waitFor(() => finished === 2, { description: "the late handler ends" });
    // it was not reading any more: the entry appended after stop() stays undelivered
    const info = await consumerGroups(pool).consumerGroupInfo(stream, "g");
    expect(info?.lag).toBe(1);
  });

  it("reports pending and lag through groupInfo()", async () => {
    const { stream } = streamName("info");
    const consumer = track(createConsumer(pool, { stream, group: "g", consumer: "c1", blockMs: 100, handler: () => undefined }));
    await consumer.start();
    await append(stream, 3);
    await waitFor(() => consumer.stats().processed === 3, { description: "processed" });
    expect(await consumer.groupInfo()).toMatchObject({ name: "g", pending: 0, lag: 0 });
  });

  it("rejects bad options before any I/O", async () => {
    const { stream } = streamName("bad");
    const base = { stream, group: "g", consumer: "c1", handler: () => undefined };
    const invalid = (options: object) => {
      try {
        createConsumer(pool, options as never);
      } catch (error) {
        return error as Error & { code?: string };
      }
      throw new Error("expected a throw");
    };
    expect(invalid({ ...base, concurrency: 0 }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, handler: undefined }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, group: "" }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, blockMs: 1.5 }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, retryDelayMs: 5_000, claimIdleMs: 1_000 }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, deadLetterStream: stream }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, concurency: 5 }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, consumer: 7 }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, retryDelayMs: -1 }).code).toBe("INVALID_ARGUMENT");
    expect(invalid({ ...base, startId: "*" }).code).toBe("INVALID_ENTRY_ID");
    expect(invalid({ ...base, startId: ">" }).code).toBe("INVALID_ENTRY_ID");
    if (deployment === "cluster") {
      const error = invalid({ ...base, stream: "plain-events", deadLetterStream: "plain-dead" });
      expect(isRedisError(error, "CROSS_SLOT")).toBe(true);
      expect(error.message).toContain("hash tag");
    }
  });
});
