import { RedisConnectionPool, type RedisCommand } from "@redis-interface/core";
import { randomKey, rejection, startRedis, waitFor, type RedisServerHandle } from "@redis-interface/testing";
import { createIdempotency } from "../src/index.js";
import { describeEachTarget } from "./support/targets.js";

const EXISTS = (key: string): RedisCommand<number> => ({ name: "EXISTS", args: [key], keys: [0] });
const INFO_REPLICATION: RedisCommand<string> = { name: "INFO", args: ["replication"], keys: [] };

describe('durability: "wait" on a master with one replica', () => {
  let master: RedisServerHandle;
  let replica: RedisServerHandle;
  let pool: RedisConnectionPool;
  let replicaPool: RedisConnectionPool;

  beforeAll(async () => {
    master = await startRedis();
    replica = await startRedis({ args: ["--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1", String(master.port)] });
    pool = await RedisConnectionPool.connect({ port: master.port });
    replicaPool = await RedisConnectionPool.connect({ port: replica.port });
    await waitFor(async () => (await replicaPool.send("test", INFO_REPLICATION)).includes("master_link_status:up"), { timeoutMs: 60_000, description: "replica in sync" });
  });
  afterAll(async () => {
    replica?.thaw();
    await Promise.all([pool?.close(), replicaPool?.close()]);
    await Promise.all([replica?.stop(), master?.stop()]);
  });

  it("resolves once the replica has the stored result", async () => {
    const idem = createIdempotency(pool, { durability: "wait", durabilityTimeoutMs: 20_000 });
    const key = randomKey("idem");
    expect(await idem.run(key, "fp", () => "charged")).toMatchObject({ value: "charged", replayed: false });
    expect(await replicaPool.send("test", EXISTS(`{idem:${key}}:record`))).toBe(1);
  });

  it("fails NOT_DURABLE when the replica does not acknowledge (frozen), even though it acknowledged older writes", async () => {
    const idem = createIdempotency(pool, { durability: "wait", durabilityTimeoutMs: 300 });
    const key = randomKey("idem");
    replica.freeze();
    try {
      const error = await rejection(idem.run(key, "fp", () => "charged"));
      expect(error).toMatchObject({ code: "NOT_DURABLE", key });
    } finally {
      replica.thaw();
    }
    // stored on the master all the same: a retry replays it
    expect(await createIdempotency(pool).run(key, "fp", () => "again")).toMatchObject({ value: "charged", replayed: true });
  });

  it('replays under durability: "wait" only once a replica holds the result, without extending its retention', async () => {
    const idem = createIdempotency(pool, { durability: "wait", durabilityTimeoutMs: 300 });
    const key = randomKey("idem");
    const record = `{idem:${key}}:record`;
    replica.freeze();
    try {
      expect(await rejection(idem.run(key, "fp", () => "charged"))).toMatchObject({ code: "NOT_DURABLE", key });
      // the retry finds the stored result, but no replica has confirmed it: not replayed as if it were safe
      const retried = await rejection(idem.run(key, "fp", () => "again"));
      expect(retried).toMatchObject({ code: "NOT_DURABLE", key });
      expect(retried.message).toMatch(/no replica acknowledged/);
    } finally {
      replica.thaw();
    }
    const PEXPIRETIME: RedisCommand<number> = { name: "PEXPIRETIME", args: [record], keys: [0], transform: Number };
    const expiresAt = await pool.send("test", PEXPIRETIME);
    const patient = createIdempotency(pool, { durability: "wait", durabilityTimeoutMs: 20_000 });
    expect(await patient.run(key, "fp", () => "again")).toMatchObject({ value: "charged", replayed: true });
    expect(await replicaPool.send("test", EXISTS(record))).toBe(1);
    expect(await pool.send("test", PEXPIRETIME)).toBe(expiresAt);
  });
});

describeEachTarget('durability: "wait" on the shared servers (no replicas)', (target) => {
  it("refreshes the record on the master of its slot, then fails NOT_DURABLE for want of a replica", async () => {
    const idem = createIdempotency(target().connection, { durability: "wait", durabilityTimeoutMs: 50 });
    const key = randomKey("idem");
    const error = await rejection(idem.run(key, "fp", () => 1));
    expect(error.code).toBe("NOT_DURABLE");
    expect(error.message).toMatch(/no replica acknowledged/);
    expect(await target().raw.exists(target().rawKey(`{idem:${key}}:record`))).toBe(1);
  });
});
