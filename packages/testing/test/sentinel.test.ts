import { Redis } from "ioredis";
import { startRedisSentinel, waitFor, type RedisSentinelHandle } from "../src/index.js";
import { processGone } from "./helpers.js";

let deployment: RedisSentinelHandle | undefined;
const PASSWORD = "data-secret";
const SENTINEL_PASSWORD = "sentinel-secret";

beforeAll(async () => {
  deployment = await startRedisSentinel({ password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
}, 120_000);

afterAll(async () => {
  await deployment?.stop();
});

function direct(port: number, password: string | undefined): Redis {
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, ...(password === undefined ? {} : { password }) });
  client.on("error", () => undefined);
  return client;
}

describe("startRedisSentinel", () => {
  test("starts a master, a replica and three sentinels that require their passwords", async () => {
    const handle = deployment as RedisSentinelHandle;
    expect(handle.masterName).toBe("mymaster");
    expect(handle.servers.map((server) => server.role)).toEqual(["master", "replica"]);
    expect(handle.sentinels).toHaveLength(3);
    expect(handle.sentinelUrls).toEqual(handle.sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`));
    expect((await handle.currentMaster()).port).toBe(handle.servers[0]?.port);

    const anonymous = direct(handle.sentinels[0]?.port as number, undefined);
    const sentinel = direct(handle.sentinels[0]?.port as number, SENTINEL_PASSWORD);
    try {
      await anonymous.connect().catch(() => undefined);
      await expect(anonymous.call("SENTINEL", "MASTERS")).rejects.toThrow(/NOAUTH|closed|writeable/);
      await sentinel.connect();
      const master = (await sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster")) as string[];
      expect(Number(master[1])).toBe(handle.servers[0]?.port);
    } finally {
      anonymous.disconnect();
      sentinel.disconnect();
    }
  });

  test("waitForNewMaster resolves with the replica Sentinel promoted after the master was killed", async () => {
    const handle = deployment as RedisSentinelHandle;
    const [master, replica] = handle.servers;
    if (master === undefined || replica === undefined) throw new Error("unexpected layout");
    const client = direct(master.port, PASSWORD);
    await client.connect();
    await client.set("before-failover", "1");
    await client.call("WAIT", "1", "5000");
    client.disconnect();

    await master.kill();
    const promoted = await handle.waitForNewMaster(master);
    expect(promoted.port).toBe(replica.port);
    const after = direct(replica.port, PASSWORD);
    try {
      await after.connect();
      expect(await after.get("before-failover")).toBe("1");
      expect(await after.set("after-failover", "1")).toBe("OK");
    } finally {
      after.disconnect();
    }

    await master.restart();
    // Sentinel closes client connections while it reconfigures a server: a fresh one per poll.
    await waitFor(
      async () => {
        const old = direct(master.port, PASSWORD);
        try {
          await old.connect();
          return (await old.info("replication")).includes(`master_port:${replica.port}`);
        } finally {
          old.disconnect();
        }
      },
      { description: "Sentinel to turn the old master into a replica" },
    );
  });

  test("rejects bad options before starting anything, and stop() ends every process", async () => {
    await expect(startRedisSentinel({ sentinels: 0 })).rejects.toThrow("sentinels must be an integer >= 1");
    await expect(startRedisSentinel({ quorum: 4 })).rejects.toThrow("quorum (4) exceeds sentinels (3)");
    await expect(startRedisSentinel({ masterName: "my master" })).rejects.toThrow("masterName");
    const handle = deployment as RedisSentinelHandle;
    const pids = [...handle.servers, ...handle.sentinels].map((process) => process.pid);
    await Promise.all([handle.stop(), handle.stop()]);
    await waitFor(() => pids.every(processGone), { timeoutMs: 10_000, description: "every pid gone" });
  });
});
