import type { RedisSettings } from "@redis-interface/core";
import { waitFor } from "@redis-interface/testing";
import type { MixedLoad } from "./load.js";
import type { ScenarioRow } from "./report.js";

/**
 * Pool settings of every scenario: the defaults (5 reconnect attempts from 50 ms, then recovery
 * through the pool's probe), with timeouts short enough that a fault is felt within seconds.
 */
export const FAULT_POOL_SETTINGS: Partial<RedisSettings> = {
  poolSize: 4,
  defaultCommandTimeoutMs: 2_000,
  unresponsiveTimeoutMs: 1_000,
  maxFailureThresholdSeconds: 1,
  connectTimeoutMs: 2_000,
};
const COMMAND_TIMEOUT_MS = FAULT_POOL_SETTINGS.defaultCommandTimeoutMs as number;
/** Timer granularity of the pool plus event-loop delays on a loaded machine. */
export const SETTLE_SLACK_MS = 2_500;

/** One fault: how to inject it, how to tell callers felt it, how to lift it. */
export interface Fault {
  id: string;
  scenario: string;
  inject(): Promise<void>;
  /** True once the fault is visible (failures, reconnects): only then is it lifted. */
  felt(): boolean | Promise<boolean>;
  /** Lifts the fault; for a failover, resolves once the replica is promoted. */
  lift(): Promise<void>;
  /** kv acknowledgements to wait for after the recovery, before stopping (default 200). */
  afterRecovery?: number;
  notes?: string;
}

/** How the scenario reads back what was acknowledged. */
export interface Readback {
  /** Values of `keys`, in order (null when missing). */
  values(keys: readonly string[]): Promise<Array<string | null>>;
  /** Every entry id in the load's stream now. */
  streamIds(): Promise<Set<string>>;
}

/** What {@link runScenario} found; the test asserts on it. */
export interface ScenarioOutcome {
  row: ScenarioRow;
  lostKeys: string[];
  /** Acknowledged entries no longer in the stream. */
  missingEntries: string[];
  /** Acknowledged entries present in the stream but never processed. */
  unprocessedEntries: string[];
  untyped: unknown[];
}

/**
 * Runs `load` until it is steady, injects `fault`, waits until it is felt, lifts it, waits until
 * kv, streams and pub/sub all succeed again, lets traffic run on, stops it and checks everything
 * acknowledged. Waits are on conditions with generous deadlines; nothing sleeps a fixed time.
 */
export async function runScenario(load: MixedLoad, fault: Fault, readback: Readback): Promise<ScenarioOutcome> {
  try {
    return await observe(load, fault, readback);
  } finally {
    // on a failed check, leave nothing running behind (the stops are idempotent)
    await load.stopTraffic();
    await load.stopWorkers();
  }
}

async function observe(load: MixedLoad, fault: Fault, readback: Readback): Promise<ScenarioOutcome> {
  const { ledger } = load;
  await load.start();
  await waitFor(() => ledger.acknowledged.kv >= 200 && load.processed.size >= 30 && load.received >= 10, {
    timeoutMs: 60_000,
    description: "steady traffic before the fault",
  });

  const injectedAt = performance.now();
  ledger.markFaultStart(injectedAt);
  await fault.inject();
  await waitFor(fault.felt, { timeoutMs: 60_000, intervalMs: 20, description: `callers to feel: ${fault.scenario}` });
  await fault.lift();
  const liftedAt = performance.now();

  await waitFor(() => {
    const waiting = [
      ledger.lastAckAt.kv > liftedAt ? "" : "kv",
      ledger.lastAckAt.stream > liftedAt ? "" : "stream",
      load.lastReceivedAt > liftedAt ? "" : "pub/sub",
    ].filter(Boolean);
    if (waiting.length > 0) throw new Error(`still failing: ${waiting.join(", ")}; failures so far ${ledger.describeFailures()}; worker/bus ${load.background.describeFailures()}`);
    return true;
  }, {
    timeoutMs: 90_000,
    intervalMs: 10,
    description: "kv writes, stream appends and pub/sub deliveries to succeed again",
  });
  const recoveredAt = Math.max(ledger.lastAckAt.kv, ledger.lastAckAt.stream, load.lastReceivedAt);
  const target = ledger.acknowledged.kv + (fault.afterRecovery ?? 200);
  await waitFor(() => ledger.acknowledged.kv >= target, { timeoutMs: 60_000, description: "traffic after the recovery" });

  const stopped = load.stopTraffic();
  await waitFor(() => ledger.pending === 0, { timeoutMs: COMMAND_TIMEOUT_MS + 15_000, description: "every caller operation to settle" });
  await stopped;

  const present = await readback.streamIds();
  const missingEntries = [...load.ackedEntries].filter((id) => !present.has(id));
  await waitFor(() => [...load.ackedEntries].every((id) => !present.has(id) || load.processed.has(id)), {
    timeoutMs: 60_000,
    intervalMs: 100,
    description: "the worker to process every acknowledged stream entry",
  });
  // FAULTS_DEBUG=1 prints the stream counts (and, in the ledger, the first message of every failure code)
  if (process.env["FAULTS_DEBUG"]) {
    const extra = [...load.processed].filter((id) => !load.ackedEntries.has(id)).slice(0, 5);
    console.log("stream", JSON.stringify({ acked: ledger.acknowledged.stream, ackedIds: load.ackedEntries.size, processed: load.processed.size, present: present.size, missing: missingEntries, ackedSample: [...load.ackedEntries].slice(-5), extra }));
  }
  const unprocessedEntries = [...load.ackedEntries].filter((id) => present.has(id) && !load.processed.has(id));
  await load.stopWorkers();

  const keys = [...load.ackedKeys.keys()];
  const lostKeys: string[] = [];
  for (let start = 0; start < keys.length; start += 1_000) {
    const chunk = keys.slice(start, start + 1_000);
    const values = await readback.values(chunk);
    chunk.forEach((key, index) => {
      if (values[index] !== load.ackedKeys.get(key)) lostKeys.push(key);
    });
  }

  const attempted = ledger.attempted.kv + ledger.attempted.stream + ledger.attempted.publish;
  const acknowledged = ledger.acknowledged.kv + ledger.acknowledged.stream + ledger.acknowledged.publish;
  const row: ScenarioRow = {
    id: fault.id,
    scenario: fault.scenario,
    attempted,
    acknowledged,
    failedByCode: ledger.describeFailures(),
    lost: lostKeys.length + missingEntries.length + unprocessedEntries.length,
    entriesAcknowledged: load.ackedEntries.size,
    entriesProcessed: load.processed.size,
    published: ledger.acknowledged.publish,
    received: load.received,
    faultMs: Math.round(liftedAt - injectedAt),
    recoverMs: Math.round(recoveredAt - liftedAt),
    outageMs: Math.round(recoveredAt - injectedAt),
    longestOperationMs: Math.round(ledger.longestSettleMs),
    backgroundErrors: load.background.describeFailures(),
    heapGrowthMb: Math.round(((load.peakHeap - load.heapAtStart) / 1024 / 1024) * 10) / 10,
    ...(fault.notes === undefined ? {} : { notes: fault.notes }),
  };
  return { row, lostKeys, missingEntries, unprocessedEntries, untyped: [...ledger.untyped, ...load.background.untyped] };
}
