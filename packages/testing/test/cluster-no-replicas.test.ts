import { Cluster } from "ioredis";
import { randomKey, startRedisCluster, waitFor, type RedisClusterHandle } from "../src/index.js";
import { processGone } from "./helpers.js";

let cluster: RedisClusterHandle | undefined;
let client: Cluster | undefined;

beforeAll(async () => {
  const began = Date.now();
  cluster = await startRedisCluster({ masters: 3, replicas: 0 });
  console.log(`startRedisCluster({ masters: 3, replicas: 0 }) ready in ${Date.now() - began} ms`);
});

afterAll(async () => {
  client?.disconnect();
  await cluster?.stop();
});

test("startRedisCluster({ masters: 3, replicas: 0 }) serves keys on 3 masters", async () => {
  const handle = cluster as RedisClusterHandle;
  expect(handle.nodes).toHaveLength(3);
  expect(handle.nodes.every((node) => node.role === "master")).toBe(true);
  client = new Cluster(
    handle.urls.map((url) => ({ host: url.split(":")[0] as string, port: Number(url.split(":")[1]) })),
  );
  client.on("error", () => undefined);
  const keys = Array.from({ length: 30 }, () => randomKey("cluster"));
  for (const key of keys) await client.set(key, key);
  for (const key of keys) expect(await client.get(key)).toBe(key);
  const sizes = await Promise.all(client.nodes("master").map((node) => node.dbsize()));
  expect(sizes).toHaveLength(3);
  expect(sizes.every((size) => size > 0)).toBe(true);

  client.disconnect();
  client = undefined;
  const pids = handle.nodes.map((node) => node.pid);
  await handle.stop();
  await waitFor(() => pids.every(processGone), { timeoutMs: 10_000, description: "all node pids gone" });
});
