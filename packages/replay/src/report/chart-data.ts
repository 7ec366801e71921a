// The HTML report's chart data: demand, targets and nodes over time, recorded vs each formula,
// at the evaluation instants. A long replay (a year at 5-minute evaluations is 105,000 instants)
// is reduced to MAX_POINTS per series, so the page stays small: each bucket of instants keeps its
// lowest and its highest value, in the order they happened, so no spike and no dip disappears
// from a chart, however long the replay. The pages re-bucket what is embedded to the chart's
// width in pixels for the period shown (chart-buckets-script.ts; the playground's
// panels/chart-buckets.ts), so a caller with room for it may pass a larger maxPoints, or Infinity.

import type { FormulaReplay, RecordingReplay, TimelineRow } from '../replay/types.ts';

export const MAX_POINTS = 2000;

/**
 * One colour per formula, by its place among the replay's formulas (the order they were given),
 * so a formula has the same colour in its own charts, side by side with others, in the CLI's
 * report and in the playground. Recorded series are grey.
 */
export const FORMULA_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
export const RECORDED_COLOUR = '#555555';

export interface ChartSeries {
  label: string;
  /** What is drawn, without the formula's name: 'dedicated target', 'recorded pending', ... */
  measure: string;
  /** The formula's name; null for a recorded series. A legend groups the series by it. */
  formula: string | null;
  /** The line's colour: the formula's (FORMULA_COLOURS), or RECORDED_COLOUR. */
  stroke: string;
  dashed: boolean;
  stepped: boolean;
  values: Array<number | null>;
}

export interface Chart {
  title: string;
  /** The chart the overview strip above a group of charts draws small (the targets). */
  overview?: true;
  yLabel: string;
  /** Seconds since the epoch (uPlot's time scale). */
  x: number[];
  series: ChartSeries[];
}

type Pick = (r: TimelineRow) => number | null;

export function buildCharts(
  replay: RecordingReplay,
  formulaIndexes: readonly number[],
  maxPoints: number = MAX_POINTS,
): Chart[] {
  const formulas = formulaIndexes.map((i) => replay.formulas[i] as FormulaReplay);
  const base = formulas[0]?.timeline ?? [];
  const { x, reduce } = downsample(
    base.map((r) => r.time / 1000),
    maxPoints,
  );
  const hasAny = (values: Array<number | null>): boolean => values.some((v) => v !== null && v !== 0);
  const recorded = (label: string, pick: Pick, dashed = false): ChartSeries[] => {
    const values = reduce(base.map(pick));
    return values.some((v) => v !== null)
      ? [
          {
            label: `recorded ${label}`,
            measure: `recorded ${label}`,
            formula: null,
            stroke: RECORDED_COLOUR,
            dashed,
            stepped: true,
            values,
          },
        ]
      : [];
  };
  const perFormula = (label: string, pick: Pick, dashed: boolean, keepZeros: boolean): ChartSeries[] =>
    formulas.flatMap((f, k) => {
      const values = reduce(f.timeline.map(pick));
      return keepZeros || hasAny(values)
        ? [
            {
              label: `${f.summary.formula} ${label}`,
              measure: label,
              formula: f.summary.formula,
              stroke: formulaColour(formulaIndexes[k] ?? k),
              dashed,
              stepped: true,
              values,
            },
          ]
        : [];
    });
  const closed = replay.settings.mode === 'closed';
  return [
    {
      title: closed
        ? 'Demand: pending and queued tasks (recorded, and simulated per formula)'
        : 'Demand: recorded pending and queued tasks',
      yLabel: 'tasks',
      x,
      series: [
        ...recorded('pending', (r) => r.recordedPending),
        ...recorded('queued (active)', (r) => r.recordedActive, true),
        ...(closed
          ? [
              ...perFormula('pending', (r) => r.simulatedPending, false, true),
              ...perFormula('queued', (r) => r.simulatedActive, true, false),
            ]
          : []),
      ],
    },
    {
      title: 'Targets the formula set (after each evaluation)',
      overview: true,
      yLabel: 'nodes',
      x,
      series: [
        ...perFormula('dedicated target', (r) => r.targetDedicated, false, true),
        ...perFormula('low-priority target', (r) => r.targetLowPriority, true, false),
      ],
    },
    {
      title: 'Nodes: recorded vs simulated',
      yLabel: 'nodes',
      x,
      series: [
        ...recorded('dedicated', (r) => r.recordedDedicated),
        ...recorded('low-priority', (r) => r.recordedLowPriority, true),
        ...perFormula('dedicated', (r) => r.simulatedDedicated, false, true),
        ...perFormula('low-priority', (r) => r.simulatedLowPriority, true, false),
      ],
    },
  ];
}

export function formulaColour(index: number): string {
  return FORMULA_COLOURS[index % FORMULA_COLOURS.length] as string;
}

/**
 * The x values of the reduced charts, and the reduction of any series over the same instants: at
 * most maxPoints / 2 buckets of consecutive instants, each drawn as two points (at its first and
 * its middle instant) holding the bucket's lowest and highest value in the order they occurred.
 * Short series are kept as they are.
 */
export function downsample(
  times: readonly number[],
  maxPoints: number = MAX_POINTS,
): {
  x: number[];
  reduce: (values: ReadonlyArray<number | null>) => Array<number | null>;
} {
  if (times.length <= maxPoints) return { x: [...times], reduce: (values) => [...values] };
  const size = Math.ceil(times.length / (maxPoints / 2));
  const x: number[] = [];
  for (let i = 0; i < times.length; i += size) {
    const last = Math.min(times.length, i + size) - 1;
    x.push(times[i] as number, times[Math.floor((i + last + 1) / 2)] ?? (times[last] as number));
  }
  const reduce = (values: ReadonlyArray<number | null>): Array<number | null> => {
    const out: Array<number | null> = [];
    for (let i = 0; i < values.length; i += size) {
      let low: number | null = null;
      let high: number | null = null;
      let lowAt = 0;
      let highAt = 0;
      for (let j = i; j < Math.min(values.length, i + size); j++) {
        const v = values[j] ?? null;
        if (v === null) continue;
        if (low === null || v < low) [low, lowAt] = [v, j];
        if (high === null || v > high) [high, highAt] = [v, j];
      }
      if (lowAt <= highAt) out.push(low, high);
      else out.push(high, low);
    }
    return out;
  };
  return { x, reduce };
}
