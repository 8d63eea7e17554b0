import type { MixedLoad } from "./load.js";
import { FAULT_POOL_SETTINGS, SETTLE_SLACK_MS, type ScenarioOutcome } from "./scenario.js";

/**
 * The checks of every scenario: only typed errors, no acknowledged kv write lost, every
 * acknowledged entry still in the stream processed, no operation slower than the command timeout,
 * in-flight commands and heap bounded.
 */
export function expectNothingOwedLost(outcome: ScenarioOutcome, load: MixedLoad, maxInFlight: number): void {
  expect(outcome.untyped).toEqual([]);
  // every acknowledged append got its own entry id: a reply delivered to the wrong command shows here
  expect([...load.ackedEntries].filter((id) => !/^\d+-\d+$/.test(id))).toEqual([]);
  expect(load.ackedEntries.size).toBe(load.ledger.acknowledged.stream);
  expect(outcome.lostKeys).toEqual([]);
  expect(outcome.unprocessedEntries).toEqual([]);
  expect(load.ledger.longestSettleMs).toBeLessThanOrEqual((FAULT_POOL_SETTINGS.defaultCommandTimeoutMs as number) + SETTLE_SLACK_MS);
  expect(load.peakInFlight).toBeLessThanOrEqual(maxInFlight);
  expect(outcome.row.heapGrowthMb).toBeLessThan(200);
}

/** Adds what a failover cost beyond the guarantees (unconfirmed writes, entries that did not survive) to the row's notes. */
export function noteFailoverCosts(outcome: ScenarioOutcome, load: MixedLoad): void {
  outcome.row.notes = `${load.unconfirmedWrites} kv writes got a reply but no WAIT confirmation (the promoted master had no replica yet), so they were not owed.`;
  if (outcome.missingEntries.length > 0) {
    outcome.row.notes += ` ${outcome.missingEntries.length} stream entries acknowledged by the failed master never reached the replica.`;
  }
}
