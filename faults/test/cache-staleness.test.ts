import { RedisConnectionPool, keySlot } from "@redis-interface/core";
import { randomKey, startRedis, startRedisCluster, waitFor, type RedisClusterHandle, type RedisServerHandle } from "@redis-interface/testing";
import { Redis } from "ioredis";
import { CacheReaders, type ReaderConfig, type ReaderProgress, type ReaderResult } from "./support/cache-readers.js";
import { keepCacheRow } from "./support/cache-report.js";
import { StalenessWriter, sharedClock } from "./support/cache-writer.js";
import { FAULT_POOL_SETTINGS } from "./support/scenario.js";
import { judgeStaleness } from "./support/staleness.js";

/** The bound every reader's cache is created with: small, so that a late invalidation shows. */
const MAX_STALENESS_MS = 500;
const HOT_KEYS = 20;
/** Two readers in the default tracking mode, one in broadcast mode. */
const READER_MODES = ["tracking", "tracking", "broadcast"] as const;
/** Acknowledged writes after the fault is lifted, and L1 hits per reader, before the scenario ends. */
const WRITES_AFTER = 150;
const HITS_AFTER = 300;
const SERVER_ARGS = ["--save", "", "--appendonly", "yes", "--appendfsync", "always"];

/** One fault of the staleness checker. */
interface CacheFault {
  id: string;
  fault: string;
  inject(writer: StalenessWriter): Promise<void>;
  /** True once every reader (and, where it must, the writer) felt the fault: only then is it lifted. */
  felt(readers: readonly ReaderProgress[], before: readonly ReaderProgress[], writer: StalenessWriter): boolean | Promise<boolean>;
  lift(): Promise<void>;
  /** No reader's `get` may fail: the fault never makes Redis unable to answer a read. */
  readsNeverFail?: boolean;
  notes?: string;
}

const allReaders = (check: (reader: ReaderProgress, before: ReaderProgress) => boolean) => (readers: readonly ReaderProgress[], before: readonly ReaderProgress[]) =>
  readers.every((reader, index) => check(reader, before[index] as ReaderProgress));

function adminClient(port: number): Redis {
  // reconnects on its own (the server is killed and restarted)
  const client = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: null, retryStrategy: () => 50 });
  client.on("error", () => undefined);
  return client;
}

/**
 * Runs the readers and the writer until the caches serve from L1, injects `fault`, waits until it
 * is felt, lifts it, runs on until writes are acknowledged and every cache serves from L1 again,
 * then judges every read: none may return a value older than the last acknowledged write by more
 * than the bound.
 */
async function stalenessScenario(writerPool: RedisConnectionPool, readerPool: Record<string, unknown>, keys: readonly string[], fault: CacheFault): Promise<void> {
  const writer = new StalenessWriter(writerPool, keys);
  await writer.prefill();
  const configs: ReaderConfig[] = READER_MODES.map((invalidation) => ({ pool: readerPool, keys, maxStalenessMs: MAX_STALENESS_MS, invalidation }));
  const readers = await CacheReaders.start(configs);
  const startedAt = sharedClock();
  let results: ReaderResult[];
  try {
    writer.start();
    const atStart = readers.progress;
    await waitFor(() => writer.ackedSince(startedAt) >= WRITES_AFTER && readers.progress.every((reader, index) => reader.hits >= (atStart[index] as ReaderProgress).hits + HITS_AFTER), {
      timeoutMs: 60_000,
      description: "steady writes and L1 hits before the fault",
    });
    const before = readers.progress;
    await fault.inject(writer);
    await waitFor(async () => fault.felt(readers.progress, before, writer), { timeoutMs: 60_000, intervalMs: 5, description: `the fault to be felt: ${fault.fault}` });
    await fault.lift();
    const liftedAt = sharedClock();
    const atLift = readers.progress;
    await waitFor(
      () => writer.ackedSince(liftedAt) >= WRITES_AFTER && readers.progress.every((reader, index) => !reader.bypassing && reader.hits >= (atLift[index] as ReaderProgress).hits + HITS_AFTER),
      { timeoutMs: 90_000, description: "writes acknowledged and every cache serving from L1 again after the fault" },
    );
    await writer.stop();
    results = await readers.stop();
  } finally {
    readers.kill();
    await writer.stop();
  }

  const verdict = judgeStaleness({
    maxStalenessMs: MAX_STALENESS_MS,
    writes: writer.writes,
    flushes: writer.flushes,
    failedSeqs: writer.failedSeqs,
    values: results.flatMap((result) => result.values),
    missing: results.flatMap((result) => result.missing),
  });
  expect(writer.untyped).toEqual([]);
  expect(results.map((result) => [result.untyped, result.malformed, result.missingDropped])).toEqual(results.map(() => [0, 0, 0]));
  expect(verdict.examples).toEqual([]);
  expect(verdict.violations).toBe(0);
  expect(verdict.reads).toBeGreaterThan(0);
  if (fault.readsNeverFail === true) expect(results.map((result) => result.errors)).toEqual(results.map(() => ({})));
  const reads = results.reduce((sum, result) => sum + result.reads, 0);
  const hits = results.reduce((sum, result) => sum + result.hits, 0);
  const unacknowledged = verdict.unacknowledgedReads > 0 ? `${verdict.unacknowledgedReads} reads returned a write whose reply failed (not judged: Redis may apply such a write late).` : undefined;
  keepCacheRow({
    id: fault.id,
    fault: fault.fault,
    reads: verdict.reads,
    l1Percent: Math.round((hits / Math.max(1, reads)) * 1000) / 10,
    maxStalenessMs: Math.round(verdict.maxStalenessMs * 10) / 10,
    violations: verdict.violations,
    writesAcked: writer.writes.length,
    writesFailed: writer.failed,
    bypassMs: Math.round(Math.max(...results.map((result) => result.bypassMs))),
    readerErrors: describeErrors(results.map((result) => result.errors)),
    ...(fault.notes !== undefined || unacknowledged !== undefined ? { notes: [fault.notes, unacknowledged].filter(Boolean).join(" ") } : {}),
  });
}

/** `CODE×n, …` over every reader, most frequent first; `–` for none. */
function describeErrors(perReader: ReadonlyArray<Record<string, number>>): string {
  const total = new Map<string, number>();
  for (const errors of perReader) for (const [code, count] of Object.entries(errors)) total.set(code, (total.get(code) ?? 0) + count);
  const described = [...total].sort((a, b) => b[1] - a[1]).map(([code, count]) => `${code}×${count}`);
  return described.length > 0 ? described.join(", ") : "–";
}

/** A scenario on a standalone server of its own (AOF, appendfsync always: a restart loses nothing acknowledged). */
async function onOwnServer(makeFault: (server: RedisServerHandle, admin: Redis) => CacheFault): Promise<void> {
  const server = await startRedis({ args: SERVER_ARGS });
  const admin = adminClient(server.port);
  let pool: RedisConnectionPool | undefined;
  try {
    pool = await RedisConnectionPool.connect({ port: server.port, ...FAULT_POOL_SETTINGS });
    pool.on("error", () => undefined);
    const keys = Array.from({ length: HOT_KEYS }, (_, index) => `${randomKey("cache-hot")}:${index}`);
    await stalenessScenario(pool, { port: server.port, ...FAULT_POOL_SETTINGS, poolSize: 2 }, keys, makeFault(server, admin));
  } finally {
    await pool?.close();
    admin.disconnect();
    server.thaw();
    await server.stop();
  }
}

/** Ids of the connections subscribed in RESP2: the caches' invalidation connections (nothing else here subscribes). */
async function invalidationConnections(admin: Redis): Promise<string[]> {
  const list = String(await admin.call("CLIENT", "LIST"));
  return list
    .split("\n")
    .filter((line) => / resp=2\b/.test(line) && /\bsub=[1-9]/.test(line))
    .map((line) => /\bid=(\d+)/.exec(line)?.[1] as string);
}

describe("cache staleness checker: 3 reader processes (own pools, 2 tracking + 1 broadcast) and a kv writer", () => {
  it("CLIENT KILL of every cache's invalidation connection", async () => {
    await onOwnServer((_server, admin) => ({
      id: "c1-client-kill",
      fault: "CLIENT KILL of the invalidation connections",
      inject: async () => {
        const ids = await invalidationConnections(admin);
        expect(ids).toHaveLength(READER_MODES.length);
        for (const id of ids) await admin.call("CLIENT", "KILL", "ID", id);
      },
      felt: allReaders((reader, before) => reader.bypassEpisodes > before.bypassEpisodes),
      lift: async () => undefined,
      readsNeverFail: true,
    }));
  });

  it("Redis SIGKILLed and restarted (AOF)", async () => {
    await onOwnServer((server) => {
      let failedBefore = 0;
      return {
        id: "c2-restart",
        fault: "Redis SIGKILL + restart (AOF, appendfsync always)",
        inject: async (writer) => {
          failedBefore = writer.failed;
          await server.kill();
        },
        felt: (readers, before, writer) => writer.failed > failedBefore && allReaders((reader, previous) => reader.bypassEpisodes > previous.bypassEpisodes)(readers, before),
        lift: () => server.restart(),
      };
    });
  });

  it("Redis frozen (SIGSTOP), then SIGCONT", async () => {
    await onOwnServer((server) => {
      let failedBefore = 0;
      return {
        id: "c3-sigstop",
        fault: "SIGSTOP, then SIGCONT of Redis",
        inject: async (writer) => {
          failedBefore = writer.failed;
          server.freeze();
        },
        // held until a write timed out and every cache is bypassing (its heartbeat is late)
        felt: (readers, _before, writer) => writer.failed > failedBefore && readers.every((reader) => reader.bypassing),
        lift: async () => server.thaw(),
      };
    });
  });

  it("FLUSHALL (three times)", async () => {
    await onOwnServer((_server, admin) => ({
      id: "c4-flushall",
      fault: "FLUSHALL ×3 (the writer paused around each)",
      inject: async (writer) => {
        for (let flush = 0; flush < 3; flush++) {
          const acked = writer.writes.length;
          await writer.flush(() => admin.flushall());
          await waitFor(() => writer.writes.length >= acked + HOT_KEYS, { timeoutMs: 30_000, description: "writes between two FLUSHALLs" });
        }
      },
      felt: () => true,
      lift: async () => undefined,
      readsNeverFail: true,
    }));
  });

  it("cluster: CLUSTER FAILOVER on the replica of the keys' master", async () => {
    let cluster: RedisClusterHandle | undefined;
    let pool: RedisConnectionPool | undefined;
    const replicaAdmin: Redis[] = [];
    try {
      cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1_000 });
      const handle = cluster;
      pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: handle.urls, ...FAULT_POOL_SETTINGS });
      pool.on("error", () => undefined);
      const master = handle.nodes[0];
      const replica = handle.nodes[3]; // replica r of master m is node masters + r * masters + m
      if (master === undefined || replica === undefined) throw new Error("unexpected layout");
      let tag: string;
      do tag = `{${randomKey("cache-hot")}}`;
      while ((await handle.masterOfSlot(keySlot(tag))).port !== master.port);
      const keys = Array.from({ length: HOT_KEYS }, (_, index) => `${tag}:${index}`);
      await stalenessScenario(pool, { clusterEnabled: true, clusterUrls: handle.urls, ...FAULT_POOL_SETTINGS, poolSize: 2 }, keys, {
        id: "c5-cluster-failover",
        fault: "cluster: CLUSTER FAILOVER on the replica of the keys' master",
        inject: async () => {
          const admin = adminClient(replica.port);
          replicaAdmin.push(admin);
          await admin.call("CLUSTER", "FAILOVER");
        },
        felt: async () => (await handle.masterOfSlot(keySlot(tag))).port === replica.port,
        lift: async () => undefined,
        // a tracked read answered MOVED is routed by the pool, and the cache rebuilds its link
        readsNeverFail: true,
      });
    } finally {
      for (const admin of replicaAdmin) admin.disconnect();
      await pool?.close();
      await cluster?.stop();
    }
  });
});
