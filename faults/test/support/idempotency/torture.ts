import { randomKey } from "@redis-interface/testing";
import { Redis } from "ioredis";
import { CRASH_POINTS, PaymentsDriver, type KeyOutcome, type KeyPlan } from "./driver.js";
import { WorkerFleet, type Crash, type WorkerConfig } from "./fleet.js";
import { idempotencyTableOf, type IdempotencyRow } from "./report.ts";

/** A span of time Redis could not answer (a restart, a failover). */
export interface Outage {
  from: number;
  to: number;
}

export interface TortureOptions {
  id: string;
  implementation: string;
  fault: string;
  worker: Omit<WorkerConfig, "ledgerPrefix">;
  /** Injects the Redis fault while keys are in flight; resolves with the outage once Redis serves again. */
  injectFault: () => Promise<Outage>;
}

/** What a run found; the test asserts on it (ours) or only records it (theirs). */
export interface TortureResult {
  row: IdempotencyRow;
  /** Planned crashes per crash point. */
  crashesByPoint: Map<string, number>;
  /** Keys that never got a 2xx. */
  unanswered: string[];
  /** Keys never answered, and keys a crash left unusable for longer than `leaseMs + UNUSABLE_SLACK_MS`. */
  wedged: string[];
}

export const LEASE_MS = 2_000;
/** After the lease: a client's next retry (≤ 300 ms), the handler, the store, a loaded 2-core machine. */
export const UNUSABLE_SLACK_MS = 3_000;
const WORKERS = 2;
const DUPLICATES = 32;
const PARALLEL_KEYS = 4;
const CLEAN_KEYS = 6;

/**
 * A key per crash point and `CLEAN_KEYS` keys without a crash. The Redis fault is injected once
 * half of them are done, so it hits keys in flight.
 */
function planKeys(): KeyPlan[] {
  const prefix = randomKey("pay");
  const plans: KeyPlan[] = [];
  const add = (crashAt?: (typeof CRASH_POINTS)[number]) => plans.push({ key: `${prefix}-${plans.length}`, amount: 1_000 + plans.length, ...(crashAt ? { crashAt } : {}) });
  for (const point of CRASH_POINTS) add(point);
  for (let clean = 0; clean < CLEAN_KEYS; clean++) add();
  return plans;
}

/** Effects in the ledger per idempotency key. */
async function ledgerEffects(port: number, prefix: string): Promise<Map<string, number>> {
  const client = new Redis({ host: "127.0.0.1", port, lazyConnect: true });
  await client.connect();
  try {
    const entries = (await client.xrange(`${prefix}:effects`, "-", "+")) as Array<[string, string[]]>;
    const counts = new Map<string, number>();
    for (const [, fields] of entries) {
      const key = fields[fields.indexOf("key") + 1] as string;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  } finally {
    client.disconnect();
  }
}

/**
 * How long each key that a crash hit stayed unusable: from the last crash while it was in
 * progress (or the end of a Redis outage after that crash) to its first 2xx (or, never answered,
 * to the end of its requests).
 */
function unusableMs(outcome: KeyOutcome, crashes: readonly Crash[], outages: readonly Outage[]): number | undefined {
  const end = outcome.firstSuccessAt ?? outcome.finishedAt;
  const hits = crashes.filter((crash) => crash.at >= outcome.startedAt && crash.at < end);
  if (hits.length === 0) return undefined;
  let from = Math.max(...hits.map((crash) => crash.at));
  for (const outage of outages) if (outage.from < end && outage.to > from) from = Math.min(end, Math.max(from, outage.to));
  return end - from;
}

function describeStatuses(driver: PaymentsDriver): string {
  const parts = [...driver.statuses].sort((a, b) => a[0] - b[0]).map(([status, count]) => `${status}×${count}`);
  if (driver.connectionErrors > 0) parts.push(`connection errors×${driver.connectionErrors}`);
  return parts.join(", ");
}

/**
 * One crash-torture run: starts the workers, drives every key (injecting the Redis fault once
 * half of them are done), then reads the ledger and judges every check.
 */
export async function tortureRun(options: TortureOptions): Promise<TortureResult> {
  const ledgerPrefix = randomKey("ledger");
  const fleet = await WorkerFleet.start({ ...options.worker, ledgerPrefix }, WORKERS);
  const driver = new PaymentsDriver(() => fleet.ports, { duplicates: DUPLICATES, giveUpMs: LEASE_MS + UNUSABLE_SLACK_MS + 500, maxRetryWaitMs: 200, requestTimeoutMs: 8_000, workersReady: () => fleet.allReady() });
  const plans = planKeys();
  let fault: Promise<Outage> | undefined;
  const startedAt = performance.now();
  try {
    await driver.runKeys(plans, PARALLEL_KEYS, (done) => {
      if (done === Math.floor(plans.length / 2)) fault = options.injectFault();
    });
    const outage = await fault;
    const elapsedMs = performance.now() - startedAt;
    const effects = await ledgerEffects(options.worker.ledgerPort, ledgerPrefix);
    const crashes = [...fleet.crashes];
    const result = judge(options, driver, effects, crashes, outage ? [outage] : [], elapsedMs);
    console.log(`${options.implementation}, ${options.fault}\n${idempotencyTableOf([result.row])}`);
    return result;
  } finally {
    await fleet.stop();
    driver.close();
  }
}

function judge(options: TortureOptions, driver: PaymentsDriver, effects: Map<string, number>, crashes: Crash[], outages: Outage[], elapsedMs: number): TortureResult {
  const outcomes = driver.outcomes;
  const crashesByPoint = new Map<string, number>();
  for (const crash of crashes) crashesByPoint.set(crash.point ?? "unplanned", (crashesByPoint.get(crash.point ?? "unplanned") ?? 0) + 1);
  const answered = outcomes.filter((outcome) => outcome.reference !== undefined);
  const unusable = outcomes.map((outcome) => ({ key: outcome.plan.key, ms: unusableMs(outcome, crashes, outages) }));
  const limit = options.worker.leaseMs + UNUSABLE_SLACK_MS;
  const unanswered = outcomes.filter((outcome) => outcome.reference === undefined).map((outcome) => outcome.plan.key);
  const wedged = unusable.filter((entry) => unanswered.includes(entry.key) || (entry.ms !== undefined && entry.ms > limit)).map((entry) => entry.key);
  const planned = CRASH_POINTS.reduce((sum, point) => sum + (crashesByPoint.get(point) ?? 0), 0);
  const row: IdempotencyRow = {
    id: options.id,
    implementation: options.implementation,
    fault: options.fault,
    keys: outcomes.length,
    requests: driver.requests,
    crashes: `${planned} planned (${CRASH_POINTS.map((point) => crashesByPoint.get(point) ?? 0).join("/")}), ${crashesByPoint.get("unplanned") ?? 0} other`,
    duplicateEffects: [...effects.values()].filter((count) => count > 1).length,
    lostCompletions: answered.filter((outcome) => (effects.get(outcome.plan.key) ?? 0) === 0).length,
    successes: outcomes.reduce((sum, outcome) => sum + outcome.successes, 0),
    notIdentical: outcomes.reduce((sum, outcome) => sum + outcome.notIdentical, 0),
    conflicts: driver.conflicts,
    conflictsWithoutRetryAfter: driver.conflictsWithoutRetryAfter,
    mismatchProbes: answered.length,
    mismatchAnswers: describeCounts(answered.map((outcome) => String(outcome.mismatchStatus ?? "none"))),
    mismatch422: answered.filter((outcome) => outcome.mismatchStatus === 422).length,
    unansweredKeys: outcomes.length - answered.length,
    wedgedKeys: wedged.length,
    longestUnusableMs: Math.round(Math.max(0, ...unusable.map((entry) => entry.ms ?? 0))),
    leaseMs: options.worker.leaseMs,
    statuses: describeStatuses(driver),
    elapsedMs: Math.round(elapsedMs),
  };
  // FAULTS_DEBUG=1 prints the keys that failed a check, with the crashes and outages of the run
  if (process.env["FAULTS_DEBUG"] && wedged.length > 0) {
    const t0 = Math.min(...outcomes.map((outcome) => outcome.startedAt));
    const at = (time: number | undefined) => (time === undefined ? "-" : Math.round(time - t0));
    for (const outcome of outcomes.filter((candidate) => wedged.includes(candidate.plan.key))) {
      console.log(`wedged ${outcome.plan.key} crashAt=${outcome.plan.crashAt} start=${at(outcome.startedAt)} first2xx=${at(outcome.firstSuccessAt)} end=${at(outcome.finishedAt)} answers=${JSON.stringify([...outcome.answers])}`);
    }
    console.log(`crashes ${JSON.stringify(crashes.map((crash) => [at(crash.at), crash.port, crash.point]))} outages ${JSON.stringify(outages.map((outage) => [at(outage.from), at(outage.to)]))}`);
  }
  return { row, crashesByPoint, unanswered, wedged };
}

function describeCounts(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value}×${count}`).join(", ");
}
