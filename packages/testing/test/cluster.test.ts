import { Cluster, Redis } from "ioredis";
import { startRedisCluster, waitFor, type RedisClusterHandle } from "../src/index.js";
import { processGone, strictClient, tryConnect } from "./helpers.js";

let cluster: RedisClusterHandle | undefined;
let client: Cluster | undefined;
const probes: Redis[] = [];

function seeds(urls: string[]): { host: string; port: number }[] {
  return urls.map((url) => {
    const [host, port] = url.split(":");
    return { host: host as string, port: Number(port) };
  });
}

async function connected(port: number): Promise<Redis> {
  const redis = strictClient(port);
  probes.push(redis);
  await redis.connect();
  return redis;
}

beforeAll(async () => {
  const began = Date.now();
  cluster = await startRedisCluster({ masters: 3, replicas: 1 });
  console.log(`startRedisCluster({ masters: 3, replicas: 1 }) ready in ${Date.now() - began} ms`);
  client = new Cluster(seeds(cluster.urls), { lazyConnect: true });
  client.on("error", () => undefined);
  await client.connect();
});

afterAll(async () => {
  for (const probe of probes) probe.disconnect();
  client?.disconnect();
  await cluster?.stop();
});

describe("startRedisCluster({ masters: 3, replicas: 1 })", () => {
  test("has 6 nodes, 3 masters, host:port urls", () => {
    const handle = cluster as RedisClusterHandle;
    expect(handle.nodes).toHaveLength(6);
    expect(handle.nodes.filter((node) => node.role === "master")).toHaveLength(3);
    expect(handle.nodes.filter((node) => node.role === "replica")).toHaveLength(3);
    expect(handle.urls).toEqual(handle.nodes.map((node) => `127.0.0.1:${node.port}`));
    expect(new Set(handle.nodes.map((node) => node.pid)).size).toBe(6);
  });

  test("an ioredis Cluster on urls can SET/GET keys on all three masters", async () => {
    const handle = cluster as RedisClusterHandle;
    const redis = client as Cluster;
    const keys = ["{a}x", "{b}x", "{c}x"];
    for (const key of keys) await redis.set(key, `value of ${key}`);
    for (const key of keys) expect(await redis.get(key)).toBe(`value of ${key}`);

    // each master holds exactly one of the keys: they landed on three different masters
    const masters = handle.nodes.filter((node) => node.role === "master");
    const owners = await Promise.all(
      masters.map(async (node) => {
        const direct = await connected(node.port);
        const owned: string[] = [];
        for (const key of keys) {
          const slot = Number(await direct.call("CLUSTER", ["KEYSLOT", key]));
          if (Number(await direct.call("CLUSTER", ["COUNTKEYSINSLOT", String(slot)])) > 0) owned.push(key);
        }
        return owned;
      }),
    );
    expect(owners.map((owned) => owned.length)).toEqual([1, 1, 1]);
    expect(owners.flat().sort()).toEqual([...keys].sort());
  });

  test("a replica can be killed and restarted, and syncs again", async () => {
    const handle = cluster as RedisClusterHandle;
    const replica = handle.nodes.find((node) => node.role === "replica");
    if (replica === undefined) throw new Error("no replica");
    const oldPid = replica.pid;
    await replica.kill();
    expect(processGone(oldPid)).toBe(true);
    expect(await tryConnect(replica.port)).toBe("refused");
    await replica.restart();
    expect(replica.pid).not.toBe(oldPid);
    const direct = await connected(replica.port);
    await waitFor(async () => (await direct.info("replication")).includes("master_link_status:up"), {
      description: "the restarted replica to resync",
    });
  });

  test("stop() ends every node", async () => {
    const handle = cluster as RedisClusterHandle;
    for (const probe of probes.splice(0)) probe.disconnect();
    client?.disconnect();
    client = undefined;
    const pids = handle.nodes.map((node) => node.pid);
    await Promise.all([handle.stop(), handle.stop()]);
    await waitFor(() => pids.every(processGone), { timeoutMs: 10_000, description: "all node pids gone" });
    for (const node of handle.nodes) expect(await tryConnect(node.port)).toBe("refused");
    await handle.stop();
  });
});
