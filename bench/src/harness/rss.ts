/** Samples the process's resident set size until stopped; the peak is what a scenario costs in memory. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  /** Starts sampling every `intervalMs`. */
  start(intervalMs = 20): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling. @returns the highest RSS seen, in MB. */
  stop(): number {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peak / 1024 / 1024;
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
}
