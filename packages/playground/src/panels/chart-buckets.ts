// Re-bucketing of a replay chart's series to the chart's width in device pixels, for the period it
// shows, so a long replay draws every spike and a zoom shows the detail underneath. The same
// algorithm as the self-contained report's page script (@autoscale/replay's
// report/chart-buckets-script.ts, plain JavaScript there); test/replay-chart-buckets.test.ts
// requires both to give the same output.

export type Column = ReadonlyArray<number | null>;

/** The index of the first instant at or after `v` (`strict`: after it). */
function boundary(x: readonly number[], v: number, strict: boolean): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = x[mid] as number;
    if (at < v || (strict && at === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the instant closest to `v` (the earlier one on a tie); -1 when there is none. */
export function nearestIndex(x: readonly number[], v: number): number {
  if (x.length === 0) return -1;
  const i = boundary(x, v, false);
  if (i === 0) return 0;
  if (i === x.length) return x.length - 1;
  return v - (x[i - 1] as number) <= (x[i] as number) - v ? i - 1 : i;
}

/**
 * uPlot's aligned data for [min, max] drawn `buckets` pixels wide, from series of any resolution
 * (`x` ascending). The instants in range fall into `buckets` equal spans of time; a span holding
 * one instant keeps it, a span holding more becomes two points (its first and its middle instant)
 * with each column's lowest and highest value in the order they occurred. A range with at most two
 * instants per bucket is kept whole. The instants just outside the range are kept, so lines reach
 * the edges, and so are the first and the last, so the data's own extent stays the whole replay
 * (uPlot's double-click and auto range).
 */
export function bucketRange(
  x: readonly number[],
  columns: readonly Column[],
  min: number,
  max: number,
  buckets: number,
): [number[], ...Array<Array<number | null>>] {
  const outX: number[] = [];
  const outColumns = columns.map((): Array<number | null> => []);
  const n = x.length;
  let last = -1;
  const keep = (i: number): void => {
    if (i <= last || i < 0 || i >= n) return;
    last = i;
    outX.push(x[i] as number);
    for (const [c, values] of columns.entries()) outColumns[c]?.push(values[i] ?? null);
  };
  const spread = (s: number, e: number): void => {
    const mid = (s + e + 1) >>> 1;
    outX.push(x[s] as number, x[mid] as number);
    columns.forEach((values, c) => {
      let low: number | null = null;
      let high: number | null = null;
      let lowAt = 0;
      let highAt = 0;
      for (let j = s; j <= e; j++) {
        const v = values[j] ?? null;
        if (v === null) continue;
        if (low === null || v < low) [low, lowAt] = [v, j];
        if (high === null || v > high) [high, highAt] = [v, j];
      }
      outColumns[c]?.push(...(lowAt <= highAt ? [low, high] : [high, low]));
    });
    last = mid;
  };
  if (n > 0) {
    const lo = boundary(x, min, false);
    const hi = boundary(x, max, true) - 1;
    const count = Math.max(1, Math.floor(buckets));
    if (lo > 0) keep(0);
    keep(lo - 1);
    if (hi - lo + 1 <= 2 * count || !(max > min)) {
      for (let i = lo; i <= hi; i++) keep(i);
    } else {
      const span = (max - min) / count;
      const bucketOf = (t: number) => Math.min(count - 1, Math.floor((t - min) / span));
      for (let s = lo; s <= hi; ) {
        const b = bucketOf(x[s] as number);
        let e = s;
        while (e < hi && bucketOf(x[e + 1] as number) === b) e++;
        if (e === s) keep(s);
        else spread(s, e);
        s = e + 1;
      }
    }
    keep(hi + 1);
    keep(n - 1);
  }
  return [outX, ...outColumns];
}
