// `node dist/tools/profile-top.js [--by-file] <file.cpuprofile> [top=25]`: self time by function, to find the
// hot spots of a worker run with BENCH_CPU_PROF=<dir> (V8's --cpu-prof output).
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function (or per file with `byFile`), in ms and % of all samples, highest first. */
export function selfTimes(profile: Profile, byFile = false): Array<{ name: string; ms: number; pct: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let all = 0;
  for (let index = 0; index < samples.length; index++) {
    const node = byId.get(samples[index] as number);
    if (!node) continue;
    const frame = node.callFrame;
    const file = frame.url.replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^.*\/(packages|bench)\//, "$1/");
    const name = byFile ? file || `(${frame.functionName})` : `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    const ms = (deltas[index] ?? 0) / 1000;
    totals.set(name, (totals.get(name) ?? 0) + ms);
    all += ms;
  }
  return [...totals.entries()].map(([name, ms]) => ({ name, ms, pct: (ms / all) * 100 })).sort((a, b) => b.ms - a.ms);
}

const args = process.argv.slice(2);
const byFile = args.includes("--by-file");
const [file, top = "25"] = args.filter((arg) => arg !== "--by-file");
if (file) {
  const rows = selfTimes(JSON.parse(readFileSync(file, "utf8")) as Profile, byFile).slice(0, Number(top));
  for (const row of rows) console.log(`${row.pct.toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(6)} ms  ${row.name}`);
}
