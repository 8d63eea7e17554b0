import type { CellRecord, ScenarioResult } from "../harness/run-scenario.js";
import { median, pairedRatios, spread, type Spread } from "../harness/stats.js";
import { targetOf, type ConfigDefinition } from "../harness/types.js";

/** One row of a scenario table: a configuration in one cell, over all rounds. */
export interface SummaryRow {
  config: ConfigDefinition;
  cell: string;
  ops: Spread;
  p50Ms?: number;
  p99Ms?: number;
  cpuUsPerOp?: number;
  redisCpuPct?: number;
  /** Highest peak RSS over the rounds. */
  peakRssMb?: number;
  load1: number;
  /** The configuration this row is divided by (the best baseline of the cell). */
  baselineId?: string;
  /** Median of this row ÷ median of the baseline. */
  ratio?: number;
  /** Round-by-round ratios to the same baseline (median, min, max). */
  paired?: Spread;
  /** The cell's target (`targetOf`), if any. */
  target?: number;
  /** Whether the target is met (by the ratio of medians); undefined without a target. */
  met?: boolean;
  extra?: Record<string, number>;
  /** p50 / p99 of this row minus the baseline's in the same cell, ms. */
  addedP50Ms?: number;
  addedP99Ms?: number;
  /** The cell's `maxAddedP99Ms`, and whether `addedP99Ms` stays within it. */
  maxAddedP99Ms?: number;
  latencyMet?: boolean;
  /** Median over rounds of the scenario's `extraColumn` figure. */
  extraValue?: number;
}

function medianOf(records: readonly CellRecord[], pick: (record: CellRecord) => number | undefined): number | undefined {
  const values = records.map(pick).filter((value): value is number => value !== undefined && !Number.isNaN(value));
  return values.length > 0 ? median(values) : undefined;
}

/**
 * Turns a scenario's records into table rows, cell by cell in the definition's order. The
 * baseline of a cell is the `baseline`-role configuration with the highest median there.
 */
export function summarize(result: ScenarioResult): SummaryRow[] {
  const { definition, records } = result;
  const rows: SummaryRow[] = [];
  for (const cell of definition.cells) {
    const opsOf = (configId: string) => (records[configId]?.[cell.label] ?? []).map((record) => record.measurement.ops);
    const baseline = definition.configs
      .filter((config) => config.role === "baseline" && opsOf(config.id).length > 0)
      .map((config) => ({ id: config.id, median: median(opsOf(config.id)) }))
      .sort((a, b) => b.median - a.median)[0];
    for (const config of definition.configs) {
      const cellRecords = records[config.id]?.[cell.label] ?? [];
      if (cellRecords.length === 0) continue;
      const ops = spread(cellRecords.map((record) => record.measurement.ops));
      const row: SummaryRow = {
        config,
        cell: cell.label,
        ops,
        p50Ms: medianOf(cellRecords, (record) => record.measurement.p50Ms),
        p99Ms: medianOf(cellRecords, (record) => record.measurement.p99Ms),
        cpuUsPerOp: medianOf(cellRecords, (record) => record.measurement.cpuUsPerOp),
        redisCpuPct: medianOf(cellRecords, (record) => record.measurement.redisCpuPct),
        peakRssMb: Math.max(...cellRecords.map((record) => record.measurement.peakRssMb ?? Number.NaN).filter((value) => !Number.isNaN(value))),
        load1: median(cellRecords.map((record) => record.load1)),
        extra: cellRecords[cellRecords.length - 1]?.measurement.extra,
      };
      const extraKey = definition.extraColumn?.key;
      if (extraKey !== undefined) row.extraValue = medianOf(cellRecords, (record) => record.measurement.extra?.[extraKey]);
      if (!Number.isFinite(row.peakRssMb)) row.peakRssMb = undefined;
      if (baseline && baseline.median > 0) {
        row.baselineId = baseline.id;
        row.ratio = ops.median / baseline.median;
        row.paired = spread(pairedRatios(opsOf(config.id), opsOf(baseline.id)));
        row.target = targetOf(config, cell.label);
        if (row.target !== undefined) row.met = row.ratio >= row.target;
      }
      rows.push(row);
    }
    addLatencyOverBaseline(rows.filter((row) => row.cell === cell.label));
  }
  return rows;
}

/** Fills `addedP50Ms` / `addedP99Ms` (and the latency target) of a cell's rows from its baseline row. */
function addLatencyOverBaseline(rows: SummaryRow[]): void {
  const baseline = rows.find((row) => row.config.id === row.baselineId);
  if (baseline?.p50Ms === undefined || baseline.p99Ms === undefined) return;
  for (const row of rows) {
    if (row.p50Ms !== undefined) row.addedP50Ms = row.p50Ms - baseline.p50Ms;
    if (row.p99Ms !== undefined) row.addedP99Ms = row.p99Ms - baseline.p99Ms;
    const limit = row.config.maxAddedP99Ms?.[row.cell];
    if (limit !== undefined && row.addedP99Ms !== undefined) {
      row.maxAddedP99Ms = limit;
      row.latencyMet = row.addedP99Ms <= limit;
    }
  }
}
