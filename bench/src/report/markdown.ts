import type { ScenarioDefinition } from "../harness/types.js";
import { cell, formatNumber, formatRatio, plain } from "./format.js";
import type { MachineInfo } from "./machine.js";
import type { SummaryRow } from "./summary.js";

/** One scenario as reported. */
export interface ReportedScenario {
  definition: ScenarioDefinition;
  rows: SummaryRow[];
  rounds: number;
  elapsedMs: number;
}

/** Run-wide facts printed above the tables. */
export interface RunInfo {
  machine: MachineInfo;
  timing: string;
  loadAtStart: string;
  loadAtEnd: string;
  elapsedMs: number;
  command: string;
  chartFile: string;
  /** Printed as a warning above the targets (e.g. the machine was overloaded). */
  warning?: string;
}

/** One line of the targets table. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** Every `target` and `aheadOf` of every configuration, checked against the summary. */
export function checkTargets(scenarios: readonly ReportedScenario[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const { definition, rows } of scenarios) {
    for (const row of rows) {
      const baseline = definition.configs.find((config) => config.id === row.baselineId);
      const baselineRow = rows.find((candidate) => candidate.config.id === row.baselineId && candidate.cell === row.cell);
      const target = row.target;
      if (target !== undefined && row.ratio !== undefined && baseline) {
        // three decimals when two would print the target itself for a miss (0.9496 → "0.95×")
        const shown = row.ratio < target && row.ratio.toFixed(2) === target.toFixed(2) ? `${row.ratio.toFixed(3)}×` : formatRatio(row.ratio);
        checks.push({
          target: `${definition.title}, ${row.cell}: ${row.config.label} ≥ ${target}× ${baseline.label}`,
          measured:
            `${shown} (round by round: median ${formatRatio(row.paired?.median)}, ${formatRatio(row.paired?.min)}–${formatRatio(row.paired?.max)})` +
            (baselineRow?.cpuUsPerOp !== undefined && row.cpuUsPerOp !== undefined ? `; client CPU per op: ${formatRatio(baselineRow.cpuUsPerOp / row.cpuUsPerOp)} of the baseline's efficiency` : ""),
          met: row.ratio >= target,
        });
      }
      const maxP99Ms = row.config.p99Targets?.[row.cell];
      if (maxP99Ms !== undefined) {
        const met = row.p99Ms !== undefined && row.p99Ms <= maxP99Ms;
        checks.push({ target: `${definition.title}, ${row.cell}: ${row.config.label} p99 ≤ ${formatMicros(maxP99Ms)}`, measured: row.p99Ms === undefined ? "–" : formatMicros(row.p99Ms), met });
      }
      if (row.maxAddedP99Ms !== undefined && row.addedP99Ms !== undefined && baseline) {
        checks.push({
          target: `${definition.title}, ${row.cell}: ${row.config.label} adds ≤ ${row.maxAddedP99Ms} ms p99 to ${baseline.label}`,
          measured: `+${formatNumber(row.addedP99Ms, 2)} ms p99 (+${formatNumber(row.addedP50Ms, 3)} ms p50)`,
          met: row.latencyMet === true,
        });
      }
      for (const otherId of row.config.aheadOf ?? []) {
        const other = rows.find((candidate) => candidate.config.id === otherId && candidate.cell === row.cell);
        if (!other) continue;
        const ratio = row.ops.median / other.ops.median;
        checks.push({ target: `${definition.title}, ${row.cell}: ${row.config.label} ahead of ${other.config.label}`, measured: `${formatRatio(ratio)}`, met: ratio > 1 });
      }
    }
  }
  return checks;
}

function formatMicros(ms: number): string {
  return `${formatNumber(ms * 1000, 2)} µs`;
}

function throughputTable(scenario: ReportedScenario): string[] {
  const { definition, rows } = scenario;
  const extra = definition.extraColumn;
  const added = definition.addedLatency === true;
  const lines = [
    `| configuration | cell | **median ${definition.unit}** | min – max | ratio to baseline (rounds) | p50 ms | p99 ms |${added ? " added p50 ms | added p99 ms |" : ""} client CPU µs/op | Redis CPU | peak RSS MB |${extra ? ` ${extra.label} |` : ""}`,
    `|---|---|---:|---:|---:|---:|---:|${added ? "---:|---:|" : ""}---:|---:|---:|${extra ? "---:|" : ""}`,
  ];
  for (const row of rows) {
    const isBaseline = row.config.id === row.baselineId;
    const ratio = row.ratio === undefined ? "–" : isBaseline ? "**1.00× (baseline)**" : `**${formatRatio(row.ratio)}** (${formatRatio(row.paired?.min)}–${formatRatio(row.paired?.max)})`;
    const mark = row.met === undefined ? "" : row.met ? " ✅" : " ❌";
    lines.push(
      `| ${cell(row.config.label)} | ${row.cell} | **${formatNumber(row.ops.median)}** | ${formatNumber(row.ops.min)} – ${formatNumber(row.ops.max)} | ${ratio}${mark} | ` +
        `${formatNumber(row.p50Ms, 3)} | ${formatNumber(row.p99Ms, 2)} | ${added ? `${signed(row.addedP50Ms, 3)} | ${signed(row.addedP99Ms, 2)}${row.latencyMet === undefined ? "" : row.latencyMet ? " ✅" : " ❌"} | ` : ""}${formatNumber(row.cpuUsPerOp, 1)} | ${row.redisCpuPct === undefined ? "–" : `${formatNumber(row.redisCpuPct)}%`} | ${formatNumber(row.peakRssMb)} |` +
        (extra ? ` ${formatNumber(row.extraValue, extra.digits)} |` : ""),
    );
  }
  return lines;
}

/** `+1.23` / `-0.40` (undefined → `–`). */
function signed(value: number | undefined, digits: number): string {
  if (value === undefined) return "–";
  return `${value >= 0 ? "+" : ""}${formatNumber(value, digits)}`;
}

function memoryTable(scenario: ReportedScenario): string[] {
  const lines = [
    "| client | commands issued | **peak RSS MB** | RSS before MB | rejected `BACKPRESSURE` | other errors | succeeded | still waiting at the end | window s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of scenario.rows) {
    const extra = row.extra ?? {};
    const errors = Object.entries(extra).filter(([name]) => name.startsWith("error:"));
    const backpressure = extra["error:BACKPRESSURE"] ?? 0;
    const others = errors.filter(([name]) => name !== "error:BACKPRESSURE").map(([name, count]) => `${formatNumber(count)} ${name.slice(6)}`);
    lines.push(
      `| ${cell(row.config.label)} | ${formatNumber(extra.issued)} | **${formatNumber(row.peakRssMb)}** | ${formatNumber(extra.rssBeforeMb)} | ${formatNumber(backpressure)} | ` +
        `${others.length > 0 ? cell(others.join(", ")) : "0"} | ${formatNumber(extra.ok)} | ${formatNumber(extra.pending)} | ${formatNumber((extra.settledMs ?? Number.NaN) / 1000, 1)} |`,
    );
  }
  return lines;
}

/** The whole `docs/benchmarks.md`. */
export function renderReport(run: RunInfo, scenarios: readonly ReportedScenario[]): string {
  const { machine } = run;
  const checks = checkTargets(scenarios);
  const lines: string[] = [
    "# Benchmarks",
    "",
    `Generated by \`${run.command}\` (the private \`bench/\` package); do not edit by hand. Every figure below was measured in that run.`,
    "",
    "## Machine and run",
    "",
    "| | |",
    "|---|---|",
    `| date | ${machine.date} |`,
    `| CPU | ${cell(machine.cpuModel)}, ${machine.cores} cores, ${machine.memoryGb} GiB |`,
    `| OS | ${cell(machine.kernel)} |`,
    `| Node | ${machine.node} |`,
    `| Redis | redis-server ${machine.redisServer} on 127.0.0.1 (\`--save "" --appendonly no\`), redis-benchmark from the same package |`,
    `| clients | ${Object.entries(machine.packages).map(([name, version]) => `${name} ${version}`).join(", ")} |`,
    `| timing | ${run.timing} |`,
    `| load average (1, 5, 15 min) | at start ${run.loadAtStart}; at end ${run.loadAtEnd} (the machine is shared with other jobs; each row's rounds are interleaved with the other rows of its table) |`,
    `| run time | ${formatNumber(run.elapsedMs / 1000, 0)} s |`,
    "",
    "Client and server share the same cores, so absolute figures are lower than on separate hosts; compare the ratios, which are measured in the same rounds. ",
    "Each configuration runs in a process of its own (peak RSS is that process's). \"ratio to baseline\" is the median of the row ÷ the median of its table's baseline, ",
    "with the range of the round-by-round ratios in brackets. Latencies are per operation as the caller sees them. Client CPU is user + system time of the process per operation (GC threads included).",
    "",
    ...(run.warning ? [`> **Note:** ${run.warning}`, ""] : []),
    "## Targets",
    "",
    "| target | measured | met |",
    "|---|---:|:---:|",
    ...checks.map((check) => `| ${cell(check.target)} | ${check.measured} | ${check.met ? "✅" : "❌"} |`),
    "",
    `![Throughput ratios](${run.chartFile})`,
    "",
  ];
  for (const scenario of scenarios) {
    lines.push(`## ${scenario.definition.title}`, "", scenario.definition.method, "");
    lines.push(...(scenario.definition.kind === "memory" ? memoryTable(scenario) : throughputTable(scenario)));
    lines.push("", `_${scenario.rounds} round${scenario.rounds === 1 ? "" : "s"}, ${formatNumber(scenario.elapsedMs / 1000, 0)} s; 1-min load average at the cells' start: median per row up to ${formatNumber(Math.max(...scenario.rows.map((row) => row.load1)), 2)}._`, "");
  }
  return lines.join("\n");
}

/** Short console summary of the targets. */
export function targetLines(scenarios: readonly ReportedScenario[]): string[] {
  return checkTargets(scenarios).map((check) => `${check.met ? "met   " : "MISSED"} ${plain(check.target)}: ${check.measured}`);
}
