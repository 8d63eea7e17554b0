import type { RedisConnection, RedisConnectionPool } from "@redis-interface/core";
import { createConsumer, type Consumer } from "@redis-interface/consumer-groups";
import { kv } from "@redis-interface/kv";
import { pubsub, type PubSub } from "@redis-interface/pubsub";
import { streams } from "@redis-interface/streams";
import { Ledger } from "./ledger.js";

/** What the mixed load runs against. */
export interface LoadOptions {
  pool: RedisConnectionPool;
  /** Hash tag shared by every key and channel, e.g. `{faults}` (one slot on a cluster). */
  tag: string;
  /** Concurrent kv writers (default 4). */
  kvWriters?: number;
  /** Pause between two operations of one loop, so the load stays steady, not flat out (default 2 ms). */
  pauseMs?: number;
  /** Sharded pub/sub (cluster). */
  sharded?: boolean;
  /**
   * Confirm every kv write with `WAIT 1` in the same pipeline and count it acknowledged only when a
   * replica has it (failover scenarios: Redis replication is asynchronous).
   */
  waitForReplica?: boolean;
}

/**
 * WAIT blocks the connection it runs on, and on a cluster that is the node's only connection: a
 * long timeout while no replica is attached (right after a failover) would hold every other
 * command to that node behind it.
 */
const WAIT_TIMEOUT_MS = 100;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A steady mixed load: kv writers (SET of unique keys), a stream producer with a consumer-group
 * worker, and a pub/sub publisher with a subscriber. Remembers everything acknowledged so the
 * suite can check it afterwards.
 */
export class MixedLoad {
  readonly ledger = new Ledger();
  /** Errors reported by the worker and the bus (`error` events), not by a caller's operation. */
  readonly background = new Ledger();
  readonly ackedKeys = new Map<string, string>();
  /** Writes that reached the master but were not confirmed by `WAIT` (failover scenarios). */
  unconfirmedWrites = 0;
  readonly ackedEntries = new Set<string>();
  readonly processed = new Set<string>();
  /** Messages received by the subscriber, and `performance.now()` of the last one. */
  received = 0;
  lastReceivedAt = 0;
  /** Largest `pool.inFlightCommands` seen. */
  peakInFlight = 0;
  /** heapUsed at start and its peak, in bytes. */
  heapAtStart = 0;
  peakHeap = 0;
  readonly stream: string;
  readonly channel: string;
  readonly #options: Required<LoadOptions>;
  readonly #connection: RedisConnection;
  #running = false;
  #loops: Promise<void>[] = [];
  #consumer: Consumer | undefined;
  #bus: PubSub | undefined;
  #sampler: NodeJS.Timeout | undefined;

  constructor(options: LoadOptions) {
    this.#options = { kvWriters: 4, pauseMs: 2, sharded: false, waitForReplica: false, ...options };
    this.#connection = options.pool;
    this.stream = `${options.tag}:events`;
    this.channel = `${options.tag}:news`;
  }

  /** Subscribes, starts the worker, then every loop. */
  async start(): Promise<void> {
    const { tag } = this.#options;
    this.#bus = pubsub(this.#connection, { sharded: this.#options.sharded });
    this.#bus.on("error", (error) => this.background.record(error));
    await this.#bus.subscribe(this.channel, () => {
      this.received++;
      this.lastReceivedAt = performance.now();
    });
    this.#consumer = createConsumer(this.#connection, {
      stream: this.stream,
      group: "faults",
      consumer: "worker-1",
      concurrency: 10,
      blockMs: 200,
      claimIdleMs: 1_000,
      claimIntervalMs: 250,
      retryDelayMs: 100,
      handler: (entry) => void this.processed.add(entry.id),
    });
    this.#consumer.on("error", (error) => this.background.record(error));
    await this.#consumer.start();

    this.heapAtStart = process.memoryUsage().heapUsed;
    this.peakHeap = this.heapAtStart;
    this.#sampler = setInterval(() => {
      this.peakHeap = Math.max(this.peakHeap, process.memoryUsage().heapUsed);
      this.peakInFlight = Math.max(this.peakInFlight, this.#options.pool.inFlightCommands);
    }, 50);
    this.#running = true;
    for (let writer = 0; writer < this.#options.kvWriters; writer++) this.#loops.push(this.#kvLoop(`${tag}:kv:${writer}`));
    this.#loops.push(this.#streamLoop(), this.#publishLoop());
  }

  /** Stops every loop and waits for their last operation (each settles within the command timeout). */
  async stopTraffic(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
    clearInterval(this.#sampler);
  }

  /** Stops the worker and closes the bus. */
  async stopWorkers(): Promise<void> {
    const [consumer, bus] = [this.#consumer, this.#bus];
    this.#consumer = undefined;
    this.#bus = undefined;
    await consumer?.stop();
    await bus?.close();
  }

  async #kvLoop(prefix: string): Promise<void> {
    const store = kv(this.#connection);
    for (let n = 0; this.#running; n++) {
      const key = `${prefix}:${n}`;
      const value = String(n);
      if (this.#options.waitForReplica) {
        const result = await this.ledger.track("kv", () => this.#setAndWait(key, value));
        if (result.ok && result.value >= 1) this.ackedKeys.set(key, value);
        else if (result.ok) this.unconfirmedWrites++;
      } else if ((await this.ledger.track("kv", () => store.setKey(key, value))).ok) {
        this.ackedKeys.set(key, value);
      }
      await pause(this.#options.pauseMs);
    }
  }

  async #setAndWait(key: string, value: string): Promise<number> {
    return this.#connection.execute("setKey", key, async (client) => {
      const results = await client.pipeline().set(key, value, "EX", 600).wait(1, WAIT_TIMEOUT_MS).exec();
      const [set, wait] = results ?? [];
      if (set?.[0]) throw set[0];
      if (wait?.[0]) throw wait[0];
      return Number(wait?.[1]);
    });
  }

  async #streamLoop(): Promise<void> {
    const store = streams(this.#connection);
    for (let n = 0; this.#running; n++) {
      const result = await this.ledger.track("stream", () => store.streamAppendEntry(this.stream, "*", { n: String(n) }));
      if (result.ok) this.ackedEntries.add(result.value);
      await pause(this.#options.pauseMs * 2);
    }
  }

  async #publishLoop(): Promise<void> {
    for (let n = 0; this.#running; n++) {
      await this.ledger.track("publish", () => (this.#bus as PubSub).publish(this.channel, n));
      await pause(this.#options.pauseMs * 5);
    }
  }
}
