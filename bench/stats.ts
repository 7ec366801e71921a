// Order statistics the benchmarks print: the p-th percentile (nearest rank) of a list of timings.

/** The p-th percentile (0-100) of the values, which need not be sorted. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
