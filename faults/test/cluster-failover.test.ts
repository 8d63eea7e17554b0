import { RedisConnectionPool, keySlot } from "@redis-interface/core";
import { randomKey, startRedisCluster, type RedisClusterHandle } from "@redis-interface/testing";
import { MixedLoad } from "./support/load.js";
import { poolReadback } from "./support/pool-readback.js";
import { keepRow } from "./support/report.js";
import { expectNothingOwedLost, noteFailoverCosts } from "./support/checks.js";
import { FAULT_POOL_SETTINGS, runScenario } from "./support/scenario.js";

let cluster: RedisClusterHandle | undefined;
let pool: RedisConnectionPool | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1_000 });
  // unresponsiveTimeoutMs (1000 ms here) is also how often the pool refreshes the slot map
  pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls, ...FAULT_POOL_SETTINGS });
  pool.on("error", () => undefined);
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await cluster?.stop();
});

/** A hash tag whose slot the node on `port` serves. */
async function tagOn(port: number): Promise<string> {
  const handle = cluster as RedisClusterHandle;
  for (;;) {
    const tag = `{${randomKey("failover")}}`;
    if ((await handle.masterOfSlot(keySlot(tag))).port === port) return tag;
  }
}

/**
 * Runs the mixed load on keys of `master`'s slots, fails `master` over (SIGKILL or SIGSTOP), and
 * checks that the pool, the worker and the sharded subscriber follow the promoted replica.
 */
async function failoverScenario(id: string, scenario: string, masterIndex: number, freeze: boolean): Promise<void> {
  const handle = cluster as RedisClusterHandle;
  const connection = pool as RedisConnectionPool;
  const master = handle.nodes[masterIndex];
  const replica = handle.nodes[masterIndex + 3]; // replica r of master m is node masters + r * masters + m
  if (master === undefined || replica === undefined) throw new Error("unexpected layout");
  const load = new MixedLoad({ pool: connection, tag: await tagOn(master.port), sharded: true, waitForReplica: true, kvWriters: 2 });
  let promotedPort = 0;
  try {
    const outcome = await runScenario(
      load,
      {
        id,
        scenario,
        // failover() kills (or freezes) the master and resolves once its replica serves the slots
        inject: async () => {
          promotedPort = (await handle.failover(master, { freeze })).promoted.port;
        },
        felt: () => promotedPort !== 0,
        lift: async () => undefined,
        afterRecovery: 50,
      },
      poolReadback(connection, load),
    );
    expect(promotedPort).toBe(replica.port);
    expectNothingOwedLost(outcome, load, connection.settings.maxInFlightCommands);
    noteFailoverCosts(outcome, load);
    keepRow(outcome.row);
  } finally {
    master.thaw();
  }
}

describe("cluster failover under a mixed load (kv, stream + consumer-group worker, sharded pub/sub)", () => {
  it("SIGKILL of a master: its replica is promoted, the pool follows (MOVED, slot refresh), nothing confirmed is lost", async () => {
    await failoverScenario("7-cluster-failover", "cluster: SIGKILL of a master (cluster-node-timeout 1000 ms), replica promoted", 0, false);
  });

  it("SIGSTOP of a master: its replica is promoted while the old master hangs; the pool's periodic slot refresh moves traffic to it", async () => {
    await failoverScenario("8-cluster-frozen-master", "cluster: SIGSTOP of a master (hung, no MOVED ever comes), replica promoted", 1, true);
  });
});
