import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { waitFor } from "@redis-interface/testing";
import { streams } from "@redis-interface/streams";
import { consumerGroups, createConsumer, type Consumer } from "../src/index.js";
import { DEPLOYMENTS, settingsFor, streamName } from "./support/servers.js";
import { commandCounter } from "./support/targets.js";

describe.each(DEPLOYMENTS)("createConsumer batches its acknowledgements on %s", (deployment) => {
  let pool: RedisConnectionPool;
  const running: Consumer[] = [];
  const counters: Array<{ close(): void }> = [];

  beforeAll(async () => {
    pool = await RedisConnectionPool.connect(settingsFor(deployment));
  });

  afterEach(async () => {
    for (const counter of counters.splice(0)) counter.close();
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
    for (let i = 0; i < count; i++) ids.push(await s.streamAppendEntry(stream, "*", { n: String(i) }));
    return ids;
  }

  async function pendingIds(stream: string): Promise<string[]> {
    const entries = await consumerGroups(pool).consumerGroupPending(stream, "g", { start: "-", end: "+", count: 1_000 });
    return entries.map((entry) => entry.id).sort();
  }

  it("acknowledges the entries whose handlers resolved in one turn with one XACK", async () => {
    const { stream } = streamName("batched");
    await append(stream, 300);
    const counter = commandCounter();
    counters.push(counter);
    const consumer = track(createConsumer(pool, { stream, group: "g", consumer: "c1", concurrency: 100, blockMs: 200, handler: () => undefined }));
    await consumer.start();
    await waitFor(() => consumer.stats().processed === 300, { description: "300 processed" });
    expect(await pendingIds(stream)).toEqual([]);
    const xacks = counter.counts.get("streamAcknowledgeEntries") ?? 0;
    const reads = counter.counts.get("streamReadWithOptions") ?? 0;
    // one XACK per entry would be 300; reads of up to 100 give a handful of batches
    expect(xacks).toBeGreaterThanOrEqual(3);
    expect(xacks).toBeLessThanOrEqual(Math.max(30, reads));
    expect(consumer.stats()).toMatchObject({ processed: 300, failed: 0, inFlight: 0 });
  });

  it("never puts an entry whose handler is still running into a batch", async () => {
    const { stream } = streamName("held");
    const ids = await append(stream, 10);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = track(
      createConsumer(pool, {
        stream,
        group: "g",
        consumer: "c1",
        concurrency: 10,
        blockMs: 200,
        handler: async (entry) => {
          if (Number(entry.fields.n) % 2 === 1) await gate;
        },
      }),
    );
    await consumer.start();
    await waitFor(() => consumer.stats().processed === 5, { description: "the even entries processed" });
    const held = ids.filter((_, index) => index % 2 === 1).sort();
    expect(await pendingIds(stream)).toEqual(held);
    expect(consumer.stats().inFlight).toBe(5);
    release();
    await waitFor(() => consumer.stats().processed === 10, { description: "the held entries processed" });
    expect(await pendingIds(stream)).toEqual([]);
  });

  it("stop() sends the queued acknowledgements before it resolves", async () => {
    const { stream } = streamName("stop-flush");
    await append(stream, 20);
    let started = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = createConsumer(pool, {
      stream,
      group: "g",
      consumer: "c1",
      concurrency: 20,
      blockMs: 5_000,
      handler: async () => {
        started++;
        await gate;
      },
    });
    await consumer.start();
    await waitFor(() => started === 20, { description: "20 handlers running" });
    // the handlers finish in this turn, so their XACK is still queued when stop() starts
    release();
    await consumer.stop({ timeoutMs: 5_000 });
    expect(consumer.stats()).toMatchObject({ processed: 20, inFlight: 0, running: false });
    expect(await pendingIds(stream)).toEqual([]);
    // nothing left pending: stop() also ended its membership
    const info = await consumerGroups(pool).consumerGroupInfo(stream, "g");
    expect(info?.consumers).toBe(0);
  });

  it("reports a failed XACK once per batch and counts none of its entries as processed", async () => {
    const { stream } = streamName("ack-fails");
    await append(stream, 3);
    let started = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const errors: Error[] = [];
    const consumer = track(
      createConsumer(pool, {
        stream,
        group: "g",
        consumer: "c1",
        concurrency: 3,
        blockMs: 200,
        handler: async () => {
          started++;
          await gate;
        },
      }),
    );
    consumer.on("error", (error) => errors.push(error));
    await consumer.start();
    await waitFor(() => started === 3, { description: "3 handlers running" });
    // the stream is replaced by a string under the handlers: their XACK fails with WRONGTYPE
    const key = pool.keys.key(stream);
    await pool.execute("test", stream, (client) => client.call("SET", key, "not a stream"));
    release();
    const ackErrors = (): Error[] => errors.filter((error) => isRedisError(error) && error.operation === "streamAcknowledgeEntries");
    await waitFor(() => ackErrors().length > 0, { description: "the XACK failure reported" });
    expect(ackErrors()).toHaveLength(1);
    expect(ackErrors()[0]).toMatchObject({ code: "WRONG_TYPE" });
    expect(consumer.stats()).toMatchObject({ processed: 0, failed: 0 });
  });
});
