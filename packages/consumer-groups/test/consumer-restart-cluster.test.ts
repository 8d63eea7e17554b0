import { RedisConnectionPool, keySlot } from "@redis-interface/core";
import { startRedisCluster, waitFor, type RedisClusterHandle } from "@redis-interface/testing";
import { streams } from "@redis-interface/streams";
import { Redis } from "ioredis";
import { consumerGroups, createConsumer } from "../src/index.js";

describe("restart test on a cluster: the stream's master (AOF) is killed and restarted under a producer and a worker", () => {
  let cluster: RedisClusterHandle;
  let pool: RedisConnectionPool;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, replicas: 0, args: ["--appendonly", "yes", "--appendfsync", "always"] });
    pool = await RedisConnectionPool.connect({
      clusterEnabled: true,
      clusterUrls: cluster.urls,
      reconnectMaxAttempts: 0,
      reconnectDelayMs: 20,
      reconnectMaxDelayMs: 200,
      defaultCommandTimeoutMs: 2_000,
      unresponsiveTimeoutMs: 1_000,
    });
  }, 120_000);

  afterAll(async () => {
    await pool?.close();
    await cluster?.stop();
  });

  async function ownerOf(key: string): Promise<RedisClusterHandle["nodes"][number]> {
    const probe = new Redis({ port: cluster.nodes[0]?.port, lazyConnect: true });
    await probe.connect();
    try {
      const slots = (await probe.call("CLUSTER", "SLOTS")) as Array<[number, number, [string, number]]>;
      const slot = keySlot(key);
      const port = slots.find(([start, end]) => slot >= start && slot <= end)?.[2][1];
      const node = cluster.nodes.find((candidate) => candidate.port === port);
      if (!node) throw new Error(`no node owns slot ${slot}`);
      return node;
    } finally {
      probe.disconnect();
    }
  }

  it("processes every append that was acknowledged to the producer", async () => {
    const stream = "{payments}:events";
    const acknowledged = new Set<string>();
    const processed = new Set<string>();
    const consumer = createConsumer(pool, {
      stream,
      group: "g",
      consumer: "w1",
      concurrency: 10,
      blockMs: 200,
      claimIdleMs: 1_000,
      claimIntervalMs: 200,
      retryDelayMs: 100,
      handler: (entry) => void processed.add(entry.id),
    });
    await consumer.start();
    let producing = true;
    let attempts = 0;
    const producer = (async () => {
      const s = streams(pool);
      while (producing) {
        attempts++;
        try {
          acknowledged.add(await s.streamAppendEntry(stream, "*", { n: String(attempts) }));
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    })();

    await waitFor(() => processed.size >= 300, { description: "traffic before the crash" });
    const owner = await ownerOf(stream);
    await owner.kill();
    await waitFor(() => attempts > acknowledged.size + 5, { description: "producer sees failures while the master is down" });
    await owner.restart();
    const target = acknowledged.size + 300;
    await waitFor(() => acknowledged.size >= target, { timeoutMs: 60_000, description: "traffic after the restart" });
    producing = false;
    await producer;

    await waitFor(() => [...acknowledged].every((id) => processed.has(id)), { timeoutMs: 60_000, intervalMs: 100, description: "every acknowledged append processed" });
    await waitFor(async () => (await consumerGroups(pool).consumerGroupPending(stream, "g")).count === 0, { description: "nothing pending" });
    await consumer.stop();
  });
});
