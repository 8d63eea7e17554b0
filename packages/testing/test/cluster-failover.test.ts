import { Redis } from "ioredis";
import { startRedisCluster, waitFor, type RedisClusterHandle } from "../src/index.js";
import { strictClient } from "./helpers.js";

let cluster: RedisClusterHandle | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1_000 });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

describe("failover helpers of startRedisCluster", () => {
  test("masterOfSlot names the master that formation gave the slot to", async () => {
    const handle = cluster as RedisClusterHandle;
    expect((await handle.masterOfSlot(0)).port).toBe(handle.nodes[0]?.port);
    expect((await handle.masterOfSlot(16_383)).port).toBe(handle.nodes[2]?.port);
    await expect(handle.masterOfSlot(16_384)).rejects.toThrow("no node serves slot 16384");
  });

  test("failover kills a master and resolves with its promoted replica, which then serves writes", async () => {
    const handle = cluster as RedisClusterHandle;
    const master = handle.nodes[1];
    const replica = handle.nodes[4]; // replica r of master m is node masters + r * masters + m
    if (master === undefined || replica === undefined) throw new Error("unexpected layout");
    const { promoted, slots } = await handle.failover(master);
    expect(master.running).toBe(false);
    expect(promoted.port).toBe(replica.port);
    expect(slots).toEqual([[5461, 10921]]);
    expect((await handle.masterOfSlot(5461)).port).toBe(replica.port);
    const direct: Redis = strictClient(replica.port);
    try {
      await direct.connect();
      expect(await direct.info("replication")).toContain("role:master");
      let key = "k0";
      for (let i = 1; Number(await direct.call("CLUSTER", "KEYSLOT", key)) < 5461 || Number(await direct.call("CLUSTER", "KEYSLOT", key)) > 10921; i++) key = `k${i}`;
      expect(await direct.set(key, "1")).toBe("OK");
    } finally {
      direct.disconnect();
    }
    await expect(handle.failover(master)).rejects.toThrow(/serves no slot|no node of this cluster|running/);
  });

  test("the killed master restarts as a replica of the promoted node", async () => {
    const handle = cluster as RedisClusterHandle;
    const master = handle.nodes[1];
    const replica = handle.nodes[4];
    if (master === undefined || replica === undefined) throw new Error("unexpected layout");
    await master.restart();
    const direct = strictClient(master.port);
    try {
      await direct.connect();
      await waitFor(async () => {
        const info = await direct.info("replication");
        return info.includes("role:slave") && info.includes(`master_port:${replica.port}`) && info.includes("master_link_status:up");
      }, { description: "the old master to follow the promoted replica" });
    } finally {
      direct.disconnect();
    }
  });
});

describe("failover({ freeze: true })", () => {
  test("SIGSTOPs the master and resolves once its replica serves the slots; thawed, it follows the replica", async () => {
    const handle = cluster as RedisClusterHandle;
    const master = handle.nodes[2];
    const replica = handle.nodes[5];
    if (master === undefined || replica === undefined) throw new Error("unexpected layout");
    try {
      const { promoted, slots } = await handle.failover(master, { freeze: true });
      expect(master.running).toBe(true);
      expect(promoted.port).toBe(replica.port);
      expect(slots).toEqual([[10922, 16383]]);
    } finally {
      master.thaw();
    }
    const direct = strictClient(master.port);
    try {
      await direct.connect();
      await waitFor(async () => (await direct.info("replication")).includes(`master_port:${replica.port}`), { description: "the thawed master to follow its replica" });
    } finally {
      direct.disconnect();
    }
  });
});
