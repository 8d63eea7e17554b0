import { startRedis, type RedisServerHandle } from "@redis-interface/testing";
import { expectConformance } from "./support/idempotency/conformance.js";
import { keepIdempotencyRow } from "./support/idempotency/report.ts";
import { LEASE_MS, tortureRun, type Outage } from "./support/idempotency/torture.js";

/** Every write is on disk before Redis replies, so the SIGKILL of Redis loses nothing acknowledged. */
const AOF_ALWAYS = ["--save", "", "--appendonly", "yes", "--appendfsync", "always"];
let redis: RedisServerHandle | undefined;
let ledger: RedisServerHandle | undefined;

beforeAll(async () => {
  [redis, ledger] = await Promise.all([startRedis({ args: AOF_ALWAYS }), startRedis()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([redis?.stop(), ledger?.stop()]);
});

/** SIGKILL of Redis and a restart on the same port and AOF, while keys are in flight. */
async function restartRedis(): Promise<Outage> {
  const server = redis as RedisServerHandle;
  const from = performance.now();
  await server.kill();
  await server.restart();
  return { from, to: performance.now() };
}

const FAULT = "SIGKILL + restart (AOF, appendfsync always)";

describe("idempotency crash torture: payments workers SIGKILLed at six points, Redis SIGKILLed and restarted", () => {
  it("@redis-interface/idempotency (Express adapter): every conformance check holds", async () => {
    const result = await tortureRun({
      id: "1-restart-ours",
      implementation: "@redis-interface/idempotency",
      fault: FAULT,
      worker: { impl: "ours", redisPort: (redis as RedisServerHandle).port, ledgerPort: (ledger as RedisServerHandle).port, leaseMs: LEASE_MS, durability: "none" },
      injectFault: restartRedis,
    });
    expectConformance(result);
    keepIdempotencyRow(result.row);
  });

  it("express-idempotency 1.0.6 + express-idempotency-redis-adapter 1.0.8: the same driver and faults, recorded side by side", async () => {
    const result = await tortureRun({
      id: "2-restart-theirs",
      implementation: "express-idempotency 1.0.6 (Redis adapter 1.0.8)",
      fault: FAULT,
      worker: { impl: "theirs", redisPort: (redis as RedisServerHandle).port, ledgerPort: (ledger as RedisServerHandle).port, leaseMs: LEASE_MS, durability: "none" },
      injectFault: restartRedis,
    });
    keepIdempotencyRow(result.row);
    expect(result.row.keys).toBeGreaterThan(0);
  });
});
