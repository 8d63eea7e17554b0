import { RedisConnectionPool, isRedisError } from "@redis-interface/core";
import { randomKey, startRedisSentinel, type RedisSentinelHandle } from "@redis-interface/testing";
import { MixedLoad } from "./support/load.js";
import { poolReadback } from "./support/pool-readback.js";
import { keepRow } from "./support/report.js";
import { expectNothingOwedLost, noteFailoverCosts } from "./support/checks.js";
import { FAULT_POOL_SETTINGS, runScenario } from "./support/scenario.js";

const PASSWORD = "faults-data-secret";
const SENTINEL_PASSWORD = "faults-sentinel-secret";
let deployment: RedisSentinelHandle | undefined;
let pool: RedisConnectionPool | undefined;

beforeAll(async () => {
  deployment = await startRedisSentinel({ password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
  pool = await RedisConnectionPool.connect({
    ...FAULT_POOL_SETTINGS,
    password: PASSWORD,
    sentinel: { masterName: deployment.masterName, sentinels: deployment.sentinelUrls, sentinelPassword: SENTINEL_PASSWORD },
  });
  pool.on("error", () => undefined);
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await deployment?.stop();
});

describe("Sentinel failover under a mixed load (kv, stream + consumer-group worker, pub/sub)", () => {
  it("connects through the sentinels (with passwords) to the master they name", async () => {
    const handle = deployment as RedisSentinelHandle;
    const connection = pool as RedisConnectionPool;
    const info = await connection.execute("info", undefined, (client) => client.info("server"));
    const port = Number(/tcp_port:(\d+)/.exec(info)?.[1]);
    expect(port).toBe((await handle.currentMaster()).port);
  });

  it("a wrong sentinel password or an unknown master name fails connect with CONNECTION_FAILED, naming no secret", async () => {
    const handle = deployment as RedisSentinelHandle;
    const attempts = [
      { masterName: handle.masterName, sentinels: handle.sentinelUrls, sentinelPassword: "not-the-sentinel-secret" },
      { masterName: "no-such-master", sentinels: handle.sentinelUrls, sentinelPassword: SENTINEL_PASSWORD },
    ];
    for (const sentinel of attempts) {
      const failure = await RedisConnectionPool.connect({ ...FAULT_POOL_SETTINGS, password: PASSWORD, sentinel, reconnectMaxAttempts: 2 }).then(
        (unexpected) => unexpected.close().then(() => undefined),
        (error: unknown) => error,
      );
      expect(isRedisError(failure, "CONNECTION_FAILED")).toBe(true);
      expect(String((failure as Error).message)).not.toContain("not-the-sentinel-secret");
      expect(String((failure as Error).message)).not.toContain(SENTINEL_PASSWORD);
    }
  });

  it("SIGKILL of the master: Sentinel promotes the replica, the pool reconnects to it, nothing confirmed is lost", async () => {
    const handle = deployment as RedisSentinelHandle;
    const connection = pool as RedisConnectionPool;
    const master = await handle.currentMaster();
    const replica = handle.servers.find((server) => server !== master);
    const load = new MixedLoad({ pool: connection, tag: `{${randomKey("sentinel")}}`, waitForReplica: true, kvWriters: 2 });
    let promotedPort = 0;
    const outcome = await runScenario(
      load,
      {
        id: "9-sentinel-failover",
        scenario: "Sentinel: SIGKILL of the master (down-after 1000 ms, 3 sentinels), replica promoted",
        inject: async () => {
          await master.kill();
          promotedPort = (await handle.waitForNewMaster(master)).port;
        },
        felt: () => promotedPort !== 0,
        lift: async () => undefined,
        afterRecovery: 50,
      },
      poolReadback(connection, load),
    );
    expect(promotedPort).toBe(replica?.port);
    expectNothingOwedLost(outcome, load, connection.settings.maxInFlightCommands);
    noteFailoverCosts(outcome, load);
    keepRow(outcome.row);
  });
});
