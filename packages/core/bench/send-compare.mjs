// pool.send against raw ioredis, in ONE process (not part of turbo; build core first:
//   npx turbo run build --filter=@redis-interface/core
//   node packages/core/bench/send-compare.mjs [rounds] [msPerRun] [standalone|cluster|both] [c,c,…]
// Starts its own redis-server (and a 3-master cluster without replicas) through
// @redis-interface/testing. Workload: a closed loop of N callers, each awaiting one command then
// sending the next; even operations `GET key`, odd ones `SET key <100 B> EX 300` over 10,000
// prefilled keys. Configurations: `pool.send` with default settings (the subject), raw ioredis with
// one connection and auto-pipelining off / on (on a cluster: ioredis `Cluster` off / on).
// Rounds interleave the configurations (their order rotates per round) so that load from other
// jobs on a shared machine hits them alike; each figure is the median over the rounds. Client CPU
// (process.cpuUsage: user + system of this process) is divided by the operations completed in the
// same window. Ratios are pool / the better raw configuration of that cell.
import { performance } from "node:perf_hooks";
import { Cluster, Redis } from "ioredis";
import { startRedis, startRedisCluster } from "@redis-interface/testing";
import { FIRST_KEY, RedisConnectionPool, parseHostPort } from "../dist/esm/index.js";

const rounds = Number(process.argv[2] ?? 5);
const msPerRun = Number(process.argv[3] ?? 1500);
const targets = process.argv[4] ?? "both";
const concurrencies = (process.argv[5] ?? "1,50,1000").split(",").map(Number);
const warmMs = Math.min(500, Math.round(msPerRun / 3));

const KEY_COUNT = 10_000;
const VALUE = "v".repeat(100);
const keys = Array.from({ length: KEY_COUNT }, (_, index) => `bench:send:${index}`);
/** The key of operation `i` (a multiplicative hash spreads consecutive operations over the keys). */
const keyOf = (i) => keys[(Math.imul(i, 2_654_435_761) >>> 0) % KEY_COUNT];

/** The subject: one GET/SET per operation through `pool.send`, commands built as a feature package does. */
function poolOperation(pool) {
  return (i) =>
    (i & 1) === 0
      ? pool.send("getKey", { name: "GET", args: [keyOf(i)], keys: FIRST_KEY })
      : pool.send("setKeyWithExpiry", { name: "SET", args: [keyOf(i), VALUE, "EX", 300], keys: FIRST_KEY });
}

/** The baselines: the same operations through ioredis's own methods. */
function rawOperation(client) {
  return (i) => ((i & 1) === 0 ? client.get(keyOf(i)) : client.set(keyOf(i), VALUE, "EX", 300));
}

async function prefill(send) {
  for (let start = 0; start < KEY_COUNT; start += 1_000) {
    const batch = [];
    for (let index = start; index < start + 1_000; index++) batch.push(send(index * 2 + 1));
    await Promise.all(batch);
  }
}

/** Runs `op` in a closed loop of `concurrency` callers for warmMs + msPerRun; returns ops/s and CPU µs/op of the window. */
async function closedLoop(op, concurrency) {
  let stopped = false;
  let recording = false;
  let completed = 0;
  let failure;
  const caller = async (id) => {
    let i = id * 104_729;
    while (!stopped) {
      try {
        await op(i);
      } catch (error) {
        failure ??= error;
        stopped = true;
        return;
      }
      if (recording) completed++;
      i++;
    }
  };
  const callers = Array.from({ length: concurrency }, (_, id) => caller(id));
  await sleep(warmMs);
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  recording = true;
  await sleep(msPerRun);
  recording = false;
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  const count = completed;
  stopped = true;
  await Promise.all(callers);
  if (failure !== undefined) throw failure;
  return { ops: (count / elapsedMs) * 1000, cpuUs: (cpu.user + cpu.system) / count };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Interleaved rounds over `configs` ({ name: op }) for every concurrency; prints a table, returns the medians. */
async function compare(title, configs, subject, baselines) {
  const names = Object.keys(configs);
  const samples = {};
  for (const c of concurrencies) for (const name of names) samples[`${name}@${c}`] = [];
  for (let round = 0; round < rounds; round++) {
    for (const c of concurrencies) {
      const order = names.map((_, index) => names[(index + round) % names.length]);
      for (const name of order) samples[`${name}@${c}`].push(await closedLoop(configs[name], c));
    }
    process.stderr.write(`${title}: round ${round + 1}/${rounds} done\n`);
  }
  console.log(`\n## ${title} (median of ${rounds} rounds, ${msPerRun} ms each, after ${warmMs} ms warm-up)\n`);
  console.log(`| c | ${names.map((name) => `${name} ops/s | ${name} CPU µs/op`).join(" | ")} | ratio vs better raw | CPU vs that raw |`);
  console.log(`|---|${names.map(() => "---:|---:|").join("")}---:|---:|`);
  for (const c of concurrencies) {
    const cells = names.map((name) => {
      const runs = samples[`${name}@${c}`];
      return { name, ops: median(runs.map((run) => run.ops)), cpuUs: median(runs.map((run) => run.cpuUs)) };
    });
    const byName = Object.fromEntries(cells.map((cell) => [cell.name, cell]));
    const best = baselines.map((name) => byName[name]).reduce((a, b) => (b.ops > a.ops ? b : a));
    const ours = byName[subject];
    console.log(
      `| ${c} | ${cells.map((cell) => `${Math.round(cell.ops).toLocaleString("en-US")} | ${cell.cpuUs.toFixed(1)}`).join(" | ")} | **${(ours.ops / best.ops).toFixed(2)}x** (${best.name}) | ${(ours.cpuUs / best.cpuUs).toFixed(2)}x |`,
    );
  }
}

/** Prefills through `pool`, compares it with the two raw clients, then closes everything and stops the servers. */
async function compareOn(title, servers, pool, raws) {
  try {
    await Promise.all(Object.values(raws).map((client) => client.connect()));
    await prefill(poolOperation(pool));
    const configs = { pool: poolOperation(pool) };
    for (const [name, client] of Object.entries(raws)) configs[name] = rawOperation(client);
    await compare(title, configs, "pool", Object.keys(raws));
  } finally {
    await pool.close();
    for (const client of Object.values(raws)) client.disconnect();
    await servers.stop();
  }
}

async function standalone() {
  const server = await startRedis();
  const options = { host: server.host, port: server.port, lazyConnect: true };
  const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port });
  await compareOn("standalone", server, pool, {
    "ioredis-ap-off": new Redis({ ...options, enableAutoPipelining: false }),
    "ioredis-ap-on": new Redis({ ...options, enableAutoPipelining: true }),
  });
}

async function cluster() {
  const nodes = await startRedisCluster({ masters: 3, replicas: 0 });
  const seeds = nodes.urls.map((url) => parseHostPort(url));
  const pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: nodes.urls });
  await compareOn("3-master cluster", nodes, pool, {
    "cluster-ap-off": new Cluster(seeds, { enableAutoPipelining: false, lazyConnect: true }),
    "cluster-ap-on": new Cluster(seeds, { enableAutoPipelining: true, lazyConnect: true }),
  });
}

console.log(`send-compare: node ${process.version}, load ${(await import("node:os")).loadavg().map((x) => x.toFixed(2)).join(" ")}`);
if (targets === "standalone" || targets === "both") await standalone();
if (targets === "cluster" || targets === "both") await cluster();
process.exit(0);
