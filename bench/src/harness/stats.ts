/** Median of `values` (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The `q` quantile (0..1) of ascending `sorted` values by the nearest-rank method: the smallest
 * value with at least `q` of the values at or below it. NaN when empty.
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (q <= 0) return sorted[0] as number;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

/** p50 and p99 of the first `count` values of `samples` (sorted in place). */
export function latencyPercentiles(samples: Float64Array, count: number): { p50Ms: number; p99Ms: number } {
  const sorted = samples.subarray(0, count).sort();
  return { p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median, min and max; NaN for all three when empty. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Round-by-round ratios `numerator[i] / denominator[i]` (rounds missing on either side are skipped). */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]): number[] {
  const ratios: number[] = [];
  const rounds = Math.min(numerator.length, denominator.length);
  for (let round = 0; round < rounds; round++) {
    const below = denominator[round] as number;
    if (below > 0) ratios.push((numerator[round] as number) / below);
  }
  return ratios;
}
