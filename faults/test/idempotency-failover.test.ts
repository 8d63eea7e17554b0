import { startRedis, startRedisSentinel, type RedisServerHandle, type RedisSentinelHandle } from "@redis-interface/testing";
import { expectConformance } from "./support/idempotency/conformance.js";
import { keepIdempotencyRow } from "./support/idempotency/report.ts";
import { LEASE_MS, tortureRun, type Outage } from "./support/idempotency/torture.js";

let deployment: RedisSentinelHandle | undefined;
let ledger: RedisServerHandle | undefined;

// Two replicas: after the first failover one is left, so `durability: "wait"` can still be
// confirmed; the second run fails the deployment over once more.
beforeAll(async () => {
  [deployment, ledger] = await Promise.all([startRedisSentinel({ replicas: 2 }), startRedis()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([deployment?.stop(), ledger?.stop()]);
});

/** SIGKILL of the master while keys are in flight; over when every sentinel names the promoted replica. */
async function failOver(): Promise<Outage> {
  const handle = deployment as RedisSentinelHandle;
  const master = await handle.currentMaster();
  const from = performance.now();
  await master.kill();
  await handle.waitForNewMaster(master);
  return { from, to: performance.now() };
}

const FAULT = "Sentinel: SIGKILL of the master (down-after 1000 ms), replica promoted";

function sentinelOf(handle: RedisSentinelHandle): { masterName: string; sentinels: string[] } {
  return { masterName: handle.masterName, sentinels: handle.sentinelUrls };
}

describe("idempotency crash torture: payments workers SIGKILLed at six points, the Sentinel master SIGKILLed and failed over", () => {
  it('@redis-interface/idempotency (Express adapter, durability: "wait"): every conformance check holds', async () => {
    const result = await tortureRun({
      id: "3-failover-ours",
      implementation: '@redis-interface/idempotency, durability: "wait"',
      fault: FAULT,
      worker: { impl: "ours", sentinel: sentinelOf(deployment as RedisSentinelHandle), ledgerPort: (ledger as RedisServerHandle).port, leaseMs: LEASE_MS, durability: "wait" },
      injectFault: failOver,
    });
    expectConformance(result);
    keepIdempotencyRow(result.row);
  });

  it("express-idempotency 1.0.6 + express-idempotency-redis-adapter 1.0.8 (over a Sentinel-aware client): the same driver and faults, recorded side by side", async () => {
    const result = await tortureRun({
      id: "4-failover-theirs",
      implementation: "express-idempotency 1.0.6 (Redis adapter 1.0.8)",
      fault: FAULT,
      worker: { impl: "theirs", sentinel: sentinelOf(deployment as RedisSentinelHandle), ledgerPort: (ledger as RedisServerHandle).port, leaseMs: LEASE_MS, durability: "none" },
      injectFault: failOver,
    });
    keepIdempotencyRow(result.row);
    expect(result.row.keys).toBeGreaterThan(0);
  });
});
