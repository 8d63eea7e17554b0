import { RedisConnectionPool, parseHostPort } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { Cluster } from "ioredis";
import type { BenchEnv, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { getSetScenario, loopRunner } from "./get-set.js";
import { VALUE_100B, forEachKey, isRead, keyOf, makeKeys } from "./workload.js";

const KEYS = makeKeys("bench:cluster");

export const clusterGetSetScenario: ScenarioDefinition = {
  id: "cluster-get-set",
  title: "GET/SET on a local 3-master cluster",
  unit: "ops/s",
  method:
    "The GET/SET workload above against a local Redis Cluster of 3 masters (no replicas, so the 2 cores are not also spent on replication) " +
    "started by `startRedisCluster` from `@redis-interface/testing`. Baseline: the better raw ioredis `Cluster` configuration (auto-pipelining on or off).",
  server: "cluster",
  // the c=1 row's rounds ranged 0.77×–1.27× in one run: three rounds left its median to chance
  minRounds: 5,
  configs: [
    { id: "kv", label: "`kv(pool)`, `clusterEnabled`, default settings", role: "subject", target: 1.0 },
    { id: "cluster-ap-off", label: "raw ioredis `Cluster`, auto-pipelining off", role: "baseline" },
    { id: "cluster-ap-on", label: "raw ioredis `Cluster`, auto-pipelining on", role: "baseline" },
  ],
  cells: getSetScenario.cells,
};

async function rawCluster(env: BenchEnv, enableAutoPipelining: boolean): Promise<Cluster> {
  const cluster = new Cluster(env.clusterUrls.map((url) => parseHostPort(url)), { enableAutoPipelining, lazyConnect: true });
  await cluster.connect();
  await forEachKey(KEYS, (key) => cluster.set(key, VALUE_100B, "EX", 300));
  return cluster;
}

export const clusterGetSetFactories: ScenarioFactories = {
  kv: async (env) => {
    const pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: env.clusterUrls });
    const store = kv(pool);
    await forEachKey(KEYS, (key) => store.setKey(key, VALUE_100B));
    return loopRunner(env, (i) => (isRead(i) ? store.getKey(keyOf(KEYS, i)) : store.setKey(keyOf(KEYS, i), VALUE_100B)), () => pool.close());
  },
  "cluster-ap-off": async (env) => {
    const cluster = await rawCluster(env, false);
    return loopRunner(env, (i) => (isRead(i) ? cluster.get(keyOf(KEYS, i)) : cluster.set(keyOf(KEYS, i), VALUE_100B, "EX", 300)), () => cluster.quit());
  },
  "cluster-ap-on": async (env) => {
    const cluster = await rawCluster(env, true);
    return loopRunner(env, (i) => (isRead(i) ? cluster.get(keyOf(KEYS, i)) : cluster.set(keyOf(KEYS, i), VALUE_100B, "EX", 300)), () => cluster.quit());
  },
};
