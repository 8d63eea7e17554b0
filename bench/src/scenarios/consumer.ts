import { RedisConnectionPool } from "@redis-interface/core";
import { createConsumer } from "@redis-interface/consumer-groups";
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { timeDrain } from "../harness/closed-loop.js";
import { sleep } from "../harness/sleep.js";
import type { BenchEnv, ConfigRunner, Measurement, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { rawIoredis } from "./clients.js";
import { ENTRY_FIELDS } from "./stream-append.js";

/** Entries per read and handlers (or BullMQ jobs) in flight, the same for every row. */
export const BATCH = 100;
const FIELD_ARGS = Object.entries(ENTRY_FIELDS).flat();

export const consumerScenario: ScenarioDefinition = {
  id: "consumer",
  title: "End-to-end consumer: drain N appended entries with a no-op handler, acknowledged",
  unit: "entries/s",
  method:
    `N entries are appended first (not timed); every row but BullMQ drains N entries once, unmeasured, before its first measured drain (the warm-up of the closed-loop cells); the clock runs from starting the consumer until the last entry is acknowledged (BullMQ: completed). ` +
    `\`createConsumer\` runs with \`concurrency: ${BATCH}\` (so reads of up to ${BATCH}) and a no-op handler, and a second time with its default options. ` +
    `The raw loop (one ioredis connection) repeats \`XREADGROUP GROUP g c COUNT ${BATCH} STREAMS s >\` then awaits \`XACK s g <ids>\` until the stream is drained. ` +
    `BullMQ: \`Queue.addBulk\` of N no-op jobs first (not timed), then a \`Worker\` with \`concurrency: ${BATCH}\` until N \`completed\` events. ` +
    "The \"one XACK per entry\" row is the raw loop acknowledging each entry with its own auto-pipelined XACK, as `createConsumer` does (it separates that cost from the rest). " +
    "Every cell checks afterwards that all N were processed (XPENDING = 0 / N completed).",
  server: "shared",
  configs: [
    { id: "create-consumer", label: `\`createConsumer\`, concurrency ${BATCH}`, role: "subject", target: 0.9, aheadOf: ["bullmq"] },
    { id: "create-consumer-default", label: "`createConsumer`, default options", role: "subject", target: 0.9 },
    { id: "raw-loop", label: `raw ioredis XREADGROUP COUNT ${BATCH} + XACK loop`, role: "baseline" },
    { id: "raw-loop-ack-each", label: `raw loop, but one XACK per entry (AP on)`, role: "reference" },
    { id: "bullmq", label: `BullMQ \`Worker\`, concurrency ${BATCH}, no-op processor`, role: "reference" },
  ],
  cells: [{ label: "drain", params: {} }],
  extraColumn: { key: "commandsPerEntry", label: "Redis commands per entry", digits: 2 },
  minRounds: 5,
};

async function appendEntries(client: Redis, stream: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 1_000) {
    const pipeline = client.pipeline();
    for (let index = start; index < Math.min(count, start + 1_000); index++) pipeline.xadd(stream, "*", ...FIELD_ARGS);
    await pipeline.exec();
  }
}

/** Commands Redis has processed so far (INFO stats), to count commands per entry. */
export async function commandsProcessed(client: Redis): Promise<number> {
  return Number(/total_commands_processed:(\d+)/.exec(await client.info("stats"))?.[1] ?? Number.NaN);
}

async function pendingCount(client: Redis, stream: string, group: string): Promise<number> {
  const summary = (await client.xpending(stream, group)) as [number, ...unknown[]];
  return Number(summary[0]);
}

/** A consumer runner that appends N entries to a fresh stream before each timed drain and checks the result after. */
function drainRunner(env: BenchEnv, name: string, setup: Redis, drain: (stream: string, entries: number) => Promise<void>, close: () => Promise<unknown>): ConfigRunner {
  let cell = 0;
  let warm = false;
  return {
    run: async (): Promise<Measurement> => {
      const entries = env.timing.drainEntries;
      if (!warm) {
        // one unmeasured drain first, as the closed-loop cells warm up: a drain lasts a few hundred
        // ms, so a cold first round measured the JIT more than the consumer
        const warmUp = `bench:consume:${name}:${process.pid}:warm-up`;
        await appendEntries(setup, warmUp, entries);
        await drain(warmUp, entries);
        await setup.del(warmUp);
        warm = true;
      }
      const stream = `bench:consume:${name}:${process.pid}:${cell++}`;
      await appendEntries(setup, stream, entries);
      const before = await commandsProcessed(setup);
      const measured = await timeDrain(entries, () => drain(stream, entries), env.redisPids);
      measured.extra = { ...measured.extra, commandsPerEntry: ((await commandsProcessed(setup)) - before - 1) / entries };
      const pending = await pendingCount(setup, stream, "g");
      await setup.del(stream);
      if (pending !== 0) throw new Error(`${name}: ${pending} entries still pending after the drain`);
      return measured;
    },
    close: async () => {
      await close();
      await setup.quit();
    },
  };
}

async function libraryConsumer(env: BenchEnv, name: string, concurrency: number | undefined): Promise<ConfigRunner> {
  const setup = await rawIoredis(env, false);
  const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
  return drainRunner(env, name, setup, async (stream, entries) => {
    const consumer = createConsumer(pool, { stream, group: "g", consumer: "c1", handler: () => undefined, ...(concurrency === undefined ? {} : { concurrency }) });
    consumer.on("error", (error) => console.error(`${name}:`, error));
    await consumer.start();
    while (consumer.stats().processed < entries) await sleep(1);
    await consumer.stop();
  }, () => pool.close());
}

/** The hand-written loop: XREADGROUP COUNT BATCH, then one XACK of the batch (or one auto-pipelined XACK per entry). */
async function rawLoop(env: BenchEnv, name: string, ackEach: boolean): Promise<ConfigRunner> {
  const setup = await rawIoredis(env, false);
  const client = await rawIoredis(env, false);
  const acker = ackEach ? await rawIoredis(env, true) : client;
  return drainRunner(env, name, setup, async (stream, entries) => {
    await client.xgroup("CREATE", stream, "g", "0");
    let processed = 0;
    for (;;) {
      const reply = (await client.xreadgroup("GROUP", "g", "c1", "COUNT", BATCH, "STREAMS", stream, ">")) as Array<[string, Array<[string, string[]]>]> | null;
      const batch = reply?.[0]?.[1] ?? [];
      if (batch.length === 0) break;
      if (ackEach) await Promise.all(batch.map((entry) => acker.xack(stream, "g", entry[0])));
      else await acker.xack(stream, "g", ...batch.map((entry) => entry[0]));
      processed += batch.length;
    }
    if (processed !== entries) throw new Error(`raw loop processed ${processed} of ${entries}`);
  }, async () => {
    await client.quit();
    if (acker !== client) await acker.quit();
  });
}

export const consumerFactories: ScenarioFactories = {
  "create-consumer": (env) => libraryConsumer(env, "create-consumer", BATCH),
  "create-consumer-default": (env) => libraryConsumer(env, "create-consumer-default", undefined),
  "raw-loop": (env) => rawLoop(env, "raw-loop", false),
  "raw-loop-ack-each": (env) => rawLoop(env, "raw-loop-ack-each", true),
  bullmq: async (env) => {
    const connection = { host: env.host, port: env.port, maxRetriesPerRequest: null };
    const probe = await rawIoredis(env, false);
    let cell = 0;
    const jobs = Array.from({ length: env.timing.drainEntries }, (_, index) => ({ name: "noop", data: { index } }));
    return {
      run: async (): Promise<Measurement> => {
        const queue = new Queue(`bench-${process.pid}-${cell++}`, { connection });
        await queue.waitUntilReady();
        await queue.addBulk(jobs);
        const worker = new Worker(queue.name, async () => undefined, { connection, concurrency: BATCH, autorun: false });
        await worker.waitUntilReady();
        let completed = 0;
        let failed = 0;
        const before = await commandsProcessed(probe);
        worker.on("failed", () => failed++);
        const measured = await timeDrain(jobs.length, async () => {
          const done = new Promise<void>((resolve) => worker.on("completed", () => ++completed === jobs.length && resolve()));
          void worker.run();
          await done;
        }, env.redisPids);
        // includes the worker's own housekeeping commands during the drain
        measured.extra = { ...measured.extra, commandsPerEntry: ((await commandsProcessed(probe)) - before - 1) / jobs.length };
        const counts = await queue.getJobCounts("completed");
        await worker.close();
        await queue.obliterate({ force: true });
        await queue.close();
        if (counts.completed !== jobs.length || failed > 0) throw new Error(`bullmq: ${JSON.stringify(counts)}, ${failed} failed`);
        return measured;
      },
      close: async () => {
        await probe.quit();
      },
    };
  },
};
