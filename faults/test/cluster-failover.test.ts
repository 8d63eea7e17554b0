import { RedisConnectionPool, keySlot } from "@redis-interface/core";
import { randomKey, startRedisCluster, type RedisClusterHandle } from "@redis-interface/testing";
import { MixedLoad } from "./support/load.js";
import { poolReadback } from "./support/pool-readback.js";
import { keepRow } from "./support/report.js";
import { FAULT_POOL_SETTINGS, SETTLE_SLACK_MS, runScenario } from "./support/scenario.js";

let cluster: RedisClusterHandle | undefined;
let pool: RedisConnectionPool | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1_000 });
  pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls, ...FAULT_POOL_SETTINGS });
  pool.on("error", () => undefined);
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await cluster?.stop();
});

/** A hash tag whose slot belongs to the first master (slots 0-5460). */
function tagOnFirstMaster(): string {
  for (;;) {
    const tag = `{${randomKey("failover")}}`;
    if (keySlot(tag) <= 5460) return tag;
  }
}

describe("cluster failover under a mixed load (kv, stream + consumer-group worker, sharded pub/sub)", () => {
  it("SIGKILL of the master: its replica is promoted, the pool follows, nothing confirmed is lost", async () => {
    const handle = cluster as RedisClusterHandle;
    const connection = pool as RedisConnectionPool;
    const master = handle.nodes[0];
    if (master === undefined) throw new Error("no master");
    const load = new MixedLoad({ pool: connection, tag: tagOnFirstMaster(), sharded: true, waitForReplica: true, kvWriters: 2 });
    let promotedPort = 0;
    const outcome = await runScenario(
      load,
      {
        id: "7-cluster-failover",
        scenario: "cluster: SIGKILL of a master (cluster-node-timeout 1000 ms), replica promoted",
        // failover() kills the master and resolves once its replica serves the slots
        inject: async () => {
          promotedPort = (await handle.failover(master)).promoted.port;
        },
        felt: () => promotedPort !== 0,
        lift: async () => undefined,
        notes:
          "kv writes count as acknowledged only when `WAIT 1` confirmed a replica has them (replication is asynchronous); " +
          "stream entries count when the master acknowledged them.",
      },
      poolReadback(connection, load),
    );
    expect(promotedPort).toBe(handle.nodes[3]?.port);
    expect(outcome.untyped).toEqual([]);
    expect(outcome.lostKeys).toEqual([]);
    expect(outcome.unprocessedEntries).toEqual([]);
    expect(load.ledger.longestSettleMs).toBeLessThanOrEqual((FAULT_POOL_SETTINGS.defaultCommandTimeoutMs as number) + SETTLE_SLACK_MS);
    expect(outcome.row.heapGrowthMb).toBeLessThan(200);
    outcome.row.notes += ` ${load.unconfirmedWrites} writes were acknowledged by a master but not confirmed by WAIT (the promoted master has no replica until the old one returns).`;
    if (outcome.missingEntries.length > 0) outcome.row.notes = `${outcome.row.notes ?? ""} ${outcome.missingEntries.length} entries acknowledged by the killed master never reached the replica.`;
    keepRow(outcome.row);
  });
});
