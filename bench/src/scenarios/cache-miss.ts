import { FIRST_KEY, decodeValue, type RedisCommand, type RedisConnection } from "@redis-interface/core";
import { createDedicatedSender } from "@redis-interface/core/internal";
import { createCache } from "@redis-interface/cache";
import type { Redis } from "ioredis";
import { kv } from "@redis-interface/kv";
import { runAlternatingRows, windowOptions } from "../harness/alternating-loop.js";
import { sharedWindowFactories, type RowsWindow } from "../harness/shared-window.js";
import type { BenchEnv, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { TTL_MS, healthy, prefilledPool } from "./cache-values.js";
import { keyOf, makeKeys } from "./workload.js";

/** Measured time per turn of a row. */
const SLICE_MS = 50;
/** Unmeasured time after each switch (the callers' next operations already run the other row's code). */
const SETTLE_MS = 10;

const MISS_1 = "miss, c=1";

export const cacheMissScenario: ScenarioDefinition = {
  id: "cache-miss",
  title: "In-process cache over Redis: the miss path against a bare read",
  unit: "ops/s",
  method:
    "10,000 keys, each a ~200-byte JSON object (a merchant's routing configuration), prefilled through kv. Our cache with `maxEntries: 1`, so that " +
    "every `get` is an L1 miss (a tracked `GET` + `PTTL`, the value decoded and stored in L1), against a bare `kv.getAndDeserializeKey` on the same pool " +
    "(the same codec). The rows live in one worker process holding nothing else, and one closed loop switches between them, in turn (forward, then backward), " +
    `every ${SETTLE_MS} ms unmeasured + ${SLICE_MS} ms measured; each completion counts for the row active at that moment. ` +
    "So machine drift hits both rows alike: measured in separate processes one second apart, the round-by-round ratio of the two ranged 0.76×–1.08× " +
    "on this 2-core machine, wider than the difference it was to measure. (Not in the process of the hit cells: the 10,000 decoded configurations " +
    "of their L1 made V8's garbage collector take 13.5% of a miss's CPU, against 2% here.) " +
    "The floor row is that design without the cache: the same `GET` + `PTTL` through the same internal sender, on a connection with " +
    "`CLIENT TRACKING on REDIRECT` to a subscribed connection, the text decoded with the pool's codec; nothing stored, nothing checked.",
  server: "shared",
  oneProcess: true,
  minRounds: 7,
  configs: [
    { id: "ours-miss", label: "`createCache(pool, { maxEntries: 1 })` (tracking)", role: "subject", targets: { [MISS_1]: 0.91 } },
    { id: "floor", label: "`GET` + `PTTL` on a tracked connection, decoded, no cache (the design's floor)", role: "reference" },
    { id: "kv", label: "bare `kv.getAndDeserializeKey`", role: "baseline" },
  ],
  cells: [
    { label: MISS_1, params: { concurrency: 1 } },
    { label: "miss, c=50", params: { concurrency: 50 } },
  ],
};

const ROWS = ["ours-miss", "floor", "kv"] as const;

/** A dedicated connection whose reads Redis tracks, its invalidations redirected to another one subscribed to them. */
async function trackedConnection(pool: RedisConnection): Promise<Redis> {
  const invalidations = (await pool.createDedicatedConnection("bench", { resp2: true, reconnect: false })) as Redis;
  const id = Number(await invalidations.call("CLIENT", "ID"));
  await invalidations.subscribe("__redis__:invalidate");
  const reader = (await pool.createDedicatedConnection("bench", { reconnect: false })) as Redis;
  await reader.call("CLIENT", "TRACKING", "on", "REDIRECT", String(id));
  return reader;
}

const GET = (key: string): RedisCommand<unknown> => ({ name: "GET", args: [key], keys: FIRST_KEY });
const PTTL = (key: string): RedisCommand<unknown> => ({ name: "PTTL", args: [key], keys: FIRST_KEY });

/** The one loop all rows share: a pool, its keys, a one-entry cache on it, the floor's tracked connection. */
async function openWindow(env: BenchEnv): Promise<RowsWindow> {
  const keys = makeKeys("bench:cache-miss");
  const pool = await prefilledPool(env, keys);
  const store = kv(pool);
  const cold = createCache(pool, { maxEntries: 1, ttlMs: TTL_MS });
  await healthy(() => cold.stats().bypassing);
  const reader = await trackedConnection(pool);
  const sender = createDedicatedSender(pool);
  const floor = (key: string): Promise<unknown> =>
    sender.send(reader, "floor", [GET(key), PTTL(key)], (replies) => (replies[0] === null ? undefined : decodeValue(pool.codec, replies[0] as string, { operation: "floor", key })));
  // in ROWS order
  const reads = [(key: string) => cold.get(key), floor, (key: string) => store.getAndDeserializeKey(key, "Config")];
  for (let i = 0; i < 100; i++) for (const read of reads) if ((await read(keyOf(keys, i))) === undefined) throw new Error("a read returned nothing");
  if (cold.stats().hits > 0) throw new Error("the cache answered from L1");
  const rows = reads.map((read) => (i: number) => read(keyOf(keys, i)));
  return {
    measureAll: (cell) => runAlternatingRows(rows, windowOptions(env, cell, 50, { sliceMs: SLICE_MS, settleMs: SETTLE_MS })),
    close: () => pool.close(),
  };
}

export const cacheMissFactories: ScenarioFactories = sharedWindowFactories(ROWS, 50, openWindow);
