import { readFileSync } from "node:fs";

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of `pid` in clock ticks (Linux /proc); 0 when the process is gone. */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Measures the CPU the redis-server processes used over a window, as % of one core. */
export class RedisCpuMeter {
  private startTicks = 0;
  private startedAt = 0;

  constructor(private readonly pids: readonly number[]) {}

  start(): void {
    this.startTicks = this.total();
    this.startedAt = performance.now();
  }

  /** @returns % of one core since `start()`, or undefined without pids. */
  stop(): number | undefined {
    if (this.pids.length === 0) return undefined;
    const elapsedMs = performance.now() - this.startedAt;
    const ticks = this.total() - this.startTicks;
    return elapsedMs > 0 ? ((ticks * 1000) / CLOCK_TICKS_PER_SECOND / elapsedMs) * 100 : undefined;
  }

  private total(): number {
    let sum = 0;
    for (const pid of this.pids) sum += cpuTicks(pid);
    return sum;
  }
}
