import { plain, xml } from "./format.js";
import type { SummaryRow } from "./summary.js";

/** One bar of the chart. */
export interface ChartBar {
  group: string;
  label: string;
  ratio: number;
  target?: number;
  role: "subject" | "reference" | "baseline";
}

/** The bars of the ratio chart: every row with a ratio, except each cell's baseline itself. */
export function chartBars(scenarios: ReadonlyArray<{ title: string; rows: readonly SummaryRow[] }>): ChartBar[] {
  const bars: ChartBar[] = [];
  for (const scenario of scenarios) {
    for (const row of scenario.rows) {
      if (row.ratio === undefined || row.config.id === row.baselineId) continue;
      bars.push({ group: scenario.title, label: `${plain(row.config.label)} · ${row.cell}`, ratio: row.ratio, target: row.target, role: row.config.role });
    }
  }
  return bars;
}

const WIDTH = 980;
const LABEL_WIDTH = 470;
const BAR_AREA = 420;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = 22;
const GROUP_GAP = 26;
const AXIS_MAX = 2;

function colour(bar: ChartBar): string {
  if (bar.role !== "subject") return "#9aa5b1";
  if (bar.target === undefined) return "#3b82c4";
  return bar.ratio >= bar.target ? "#2f9e44" : "#e8590c";
}

/**
 * A horizontal bar chart of throughput ratios (1.0 = the baseline of the row's table), hand-written
 * SVG. Bars are clipped at 2× (the value is printed); a tick marks each bar's target.
 */
export function renderRatioChart(bars: readonly ChartBar[], title: string): string {
  const x = (ratio: number) => LABEL_WIDTH + (Math.min(ratio, AXIS_MAX) / AXIS_MAX) * BAR_AREA;
  const parts: string[] = [];
  let y = 56;
  let group: string | undefined;
  for (const bar of bars) {
    if (bar.group !== group) {
      group = bar.group;
      y += group === bars[0]?.group ? 0 : GROUP_GAP - ROW_HEIGHT + 14;
      parts.push(`<text x="8" y="${y + 4}" class="group">${xml(plain(group))}</text>`);
      y += 14;
    }
    const width = Math.max(1, x(bar.ratio) - LABEL_WIDTH);
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 4}" class="label" text-anchor="end">${xml(bar.label)}</text>`);
    parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${colour(bar)}"><title>${xml(`${bar.label}: ${bar.ratio.toFixed(2)}×`)}</title></rect>`);
    if (bar.target !== undefined) {
      const tx = x(bar.target).toFixed(1);
      parts.push(`<line x1="${tx}" x2="${tx}" y1="${y - 2}" y2="${y + BAR_HEIGHT + 2}" class="target"/>`);
    }
    const clipped = bar.ratio > AXIS_MAX ? " →" : "";
    parts.push(`<text x="${(x(bar.ratio) + 4).toFixed(1)}" y="${y + BAR_HEIGHT - 4}" class="value">${bar.ratio.toFixed(2)}×${clipped}</text>`);
    y += ROW_HEIGHT;
  }
  const height = y + 40;
  const ticks: string[] = [];
  for (let tick = 0; tick <= AXIS_MAX; tick += 0.5) {
    const tx = x(tick).toFixed(1);
    ticks.push(`<line x1="${tx}" x2="${tx}" y1="40" y2="${y}" class="${tick === 1 ? "one" : "grid"}"/>`);
    ticks.push(`<text x="${tx}" y="${y + 16}" class="axis" text-anchor="middle">${tick.toFixed(1)}×</text>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    "<style>.label{font-size:12px;fill:#222}.value{font-size:11px;fill:#222}.group{font-size:13px;font-weight:bold;fill:#111}.axis{font-size:11px;fill:#555}" +
      ".grid{stroke:#ddd}.one{stroke:#333;stroke-dasharray:4 3}.target{stroke:#c92a2a;stroke-width:2}.title{font-size:15px;font-weight:bold}</style>",
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="22" class="title">${xml(title)}</text>`,
    `<text x="8" y="38" class="axis">throughput ÷ baseline of its table (1.0×, dashed); red tick = target; green/orange = ours meets/misses its target, blue = ours without target, grey = others</text>`,
    ...ticks,
    ...parts,
    `<text x="${LABEL_WIDTH}" y="${y + 32}" class="axis">bars longer than ${AXIS_MAX}× are clipped (→); value printed</text>`,
    "</svg>",
    "",
  ].join("\n");
}
