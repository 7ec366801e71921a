// The HTML report's chart data: demand, targets and nodes over time, recorded vs each formula,
// at the evaluation instants, reduced to at most MAX_POINTS per series by taking each bucket's
// maximum (peaks survive; a year at 5-minute evaluations is 105,000 instants).

import type { FormulaReplay, RecordingReplay, TimelineRow } from '../replay/types.ts';

export const MAX_POINTS = 2000;

export interface ChartSeries {
  label: string;
  /** Index into the page's palette; recorded series use -1 (drawn in grey). */
  color: number;
  dashed: boolean;
  stepped: boolean;
  values: Array<number | null>;
}

export interface Chart {
  title: string;
  yLabel: string;
  /** Seconds since the epoch (uPlot's time scale). */
  x: number[];
  series: ChartSeries[];
}

type Pick = (r: TimelineRow) => number | null;

export function buildCharts(replay: RecordingReplay, formulaIndexes: readonly number[]): Chart[] {
  const formulas = formulaIndexes.map((i) => replay.formulas[i] as FormulaReplay);
  const base = formulas[0]?.timeline ?? [];
  const size = Math.max(1, Math.ceil(base.length / MAX_POINTS));
  const x: number[] = [];
  for (let i = 0; i < base.length; i += size) x.push((base[i] as TimelineRow).time / 1000);
  const reduce = (rows: TimelineRow[], pick: Pick): Array<number | null> => {
    const out: Array<number | null> = [];
    for (let i = 0; i < rows.length; i += size) {
      let best: number | null = null;
      for (let j = i; j < Math.min(rows.length, i + size); j++) {
        const v = pick(rows[j] as TimelineRow);
        if (v !== null && (best === null || v > best)) best = v;
      }
      out.push(best);
    }
    return out;
  };
  const hasAny = (values: Array<number | null>): boolean => values.some((v) => v !== null && v !== 0);
  const recorded = (label: string, pick: Pick, dashed = false): ChartSeries[] => {
    const values = reduce(base, pick);
    return values.some((v) => v !== null)
      ? [{ label: `recorded ${label}`, color: -1, dashed, stepped: true, values }]
      : [];
  };
  const perFormula = (label: string, pick: Pick, dashed: boolean, keepZeros: boolean): ChartSeries[] =>
    formulas.flatMap((f, k) => {
      const values = reduce(f.timeline, pick);
      return keepZeros || hasAny(values)
        ? [{ label: `${f.summary.formula} ${label}`, color: k, dashed, stepped: true, values }]
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
