import { performance } from "node:perf_hooks";
import { RedisConnectionPool } from "@redis-interface/core";
import { pubsub, type PubSub } from "@redis-interface/pubsub";
import { Redis } from "ioredis";
import { RedisCpuMeter } from "../harness/redis-cpu.js";
import { RssSampler } from "../harness/rss.js";
import { sleep } from "../harness/sleep.js";
import { latencyPercentiles } from "../harness/stats.js";
import type { BenchEnv, CellParams, ConfigRunner, Measurement, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { rawIoredis } from "./clients.js";

const SUBSCRIBERS = 10;

export const pubsubScenario: ScenarioDefinition = {
  id: "pubsub",
  title: `Pub/sub fan-out to ${SUBSCRIBERS} subscribers`,
  unit: "msgs/s",
  method:
    `${SUBSCRIBERS} subscriber connections in the same process each subscribe to one channel; N publishers publish \`{seq, t}\` in a closed loop ` +
    "(each awaits PUBLISH's reply, then publishes the next). msgs/s = messages delivered to all subscribers per second (deliveries ÷ " +
    `${SUBSCRIBERS}); p50/p99 are the delivery latencies (publish call → subscriber handler) of the messages delivered in the window. ` +
    `The library side is ${SUBSCRIBERS} \`pubsub(pool)\` buses (one subscriber connection each, messages through the default codec); the raw side is ioredis ` +
    "(publisher AP on) with `JSON.stringify` / `JSON.parse`.",
  server: "shared",
  configs: [
    { id: "pubsub", label: "`pubsub(pool)`, default codec", role: "subject" },
    { id: "raw", label: "raw ioredis publisher + subscribers, JSON", role: "baseline" },
  ],
  cells: [{ label: "10 publishers", params: { concurrency: 10 } }],
};

interface Probe {
  seq: number;
  t: number;
}

/** Latencies of deliveries inside the window; allocated once. */
const DELIVERIES = new Float64Array(2_000_000);

/** The fan-out measurement over any publish function; `deliver` is called by every subscriber. */
function fanOut(env: BenchEnv, publish: (probe: Probe) => Promise<unknown>, close: () => Promise<void>): { runner: ConfigRunner; deliver: (probe: Probe) => void } {
  let recording = false;
  let delivered = 0;
  let recorded = 0;
  let published = 0;
  let received = 0;
  const deliver = (probe: Probe): void => {
    received++;
    if (!recording) return;
    delivered++;
    if (recorded < DELIVERIES.length) DELIVERIES[recorded++] = performance.now() - probe.t;
  };
  const run = async (cell: CellParams): Promise<Measurement> => {
    const rss = new RssSampler();
    rss.start();
    const redisCpu = new RedisCpuMeter(env.redisPids);
    let stop = false;
    const publisher = async (): Promise<void> => {
      while (!stop) {
        published++;
        await publish({ seq: published, t: performance.now() });
      }
    };
    published = 0;
    received = 0;
    const publishers = Array.from({ length: cell.concurrency ?? 10 }, () => publisher());
    await sleep(env.timing.warmMs);
    delivered = 0;
    recorded = 0;
    redisCpu.start();
    const cpuBefore = process.cpuUsage();
    const windowStart = performance.now();
    recording = true;
    await sleep(env.timing.durMs);
    recording = false;
    const elapsedMs = performance.now() - windowStart;
    const cpu = process.cpuUsage(cpuBefore);
    const redisCpuPct = redisCpu.stop();
    stop = true;
    await Promise.all(publishers);
    // every published message must reach every subscriber (nothing dropped)
    const deadline = performance.now() + 30_000;
    while (received < published * SUBSCRIBERS && performance.now() < deadline) await sleep(5);
    if (received !== published * SUBSCRIBERS) throw new Error(`pub/sub: ${received} deliveries of ${published} × ${SUBSCRIBERS}`);
    return {
      ops: (delivered / SUBSCRIBERS / elapsedMs) * 1000,
      ...latencyPercentiles(DELIVERIES, recorded),
      cpuUsPerOp: delivered > 0 ? ((cpu.user + cpu.system) * SUBSCRIBERS) / delivered : undefined,
      redisCpuPct,
      peakRssMb: rss.stop(),
    };
  };
  return { runner: { run, close }, deliver };
}

export const pubsubFactories: ScenarioFactories = {
  pubsub: async (env) => {
    const channel = `bench:fanout:${process.pid}`;
    const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
    const buses: PubSub[] = Array.from({ length: SUBSCRIBERS }, () => pubsub(pool));
    const publisher = pubsub(pool);
    const { runner, deliver } = fanOut(env, (probe) => publisher.publish(channel, probe), async () => {
      await Promise.all([...buses, publisher].map((bus) => bus.close()));
      await pool.close();
    });
    for (const bus of buses) await bus.subscribe<Probe>(channel, deliver);
    return runner;
  },
  raw: async (env) => {
    const channel = `bench:fanout:${process.pid}`;
    const publisher = await rawIoredis(env, true);
    const subscribers: Redis[] = [];
    const { runner, deliver } = fanOut(env, (probe) => publisher.publish(channel, JSON.stringify(probe)), async () => {
      await Promise.all([publisher, ...subscribers].map((client) => client.quit()));
    });
    for (let index = 0; index < SUBSCRIBERS; index++) {
      const subscriber = await rawIoredis(env, false);
      subscriber.on("message", (_channel: string, text: string) => deliver(JSON.parse(text) as Probe));
      await subscriber.subscribe(channel);
      subscribers.push(subscriber);
    }
    return runner;
  },
};
