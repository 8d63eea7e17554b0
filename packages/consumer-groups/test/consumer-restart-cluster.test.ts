import { RedisConnectionPool, keySlot } from "@redis-interface/core";
import { startRedisCluster, type RedisClusterHandle } from "@redis-interface/testing";
import { Redis } from "ioredis";
import { producerAndWorkerSurvive } from "./support/restart-scenario.js";

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
    const errors = await producerAndWorkerSurvive(pool, stream, async (waitForFailures) => {
      const owner = await ownerOf(stream);
      await owner.kill();
      await waitForFailures();
      await owner.restart();
    });
    expect(errors.every((error) => (error as { name?: string }).name === "RedisError")).toBe(true);
  });
});
