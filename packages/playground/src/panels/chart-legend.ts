// The replay charts' compact legend in the playground, instead of uPlot's, which gives every series
// a row of its own ("pending-tasks.autoscale dedicated target: 4") and so wraps to many rows when
// several formulas are compared. One key per group of charts names each formula once by its colour
// (grey for the recording); under each chart a line or two holds the values at the cursor, grouped
// by what is measured ("dedicated 4 6 5"), each value in its formula's colour, short ("25.1k"), with
// its full series name as a tooltip: eight formulas' values fit in two lines of a narrow panel.

import type { PageChart } from '@autoscale/replay/browser';
import type uPlot from 'uplot';
import { utcCursorTime } from './time-labels.ts';

/** The group's formulas (and the recording, when recorded series are drawn) by colour, once. */
export function groupKey(charts: readonly PageChart[]): HTMLElement {
  const key = document.createElement('div');
  key.className = 'chart-key';
  // Colours by formula name; null for the recording, which comes last: the formulas are compared.
  const seen = new Map<string | null, string>();
  for (const chart of charts) for (const s of chart.series) if (!seen.has(s.formula)) seen.set(s.formula, s.stroke);
  const recorded = seen.get(null);
  seen.delete(null);
  const items = [...seen.entries()].map(([name, colour]) => [name ?? '', colour] as const);
  if (recorded !== undefined) items.push(['recorded', recorded]);
  for (const [name, colour] of items) {
    const item = document.createElement('span');
    item.className = 'chart-key-item';
    item.title = name;
    item.append(swatch(colour), name);
    key.append(item);
  }
  return key;
}

/** The values at the cursor of one chart, on as few lines as they fit. */
export class ChartReadout {
  readonly element = document.createElement('div');
  private readonly time = document.createElement('span');
  private readonly values: HTMLElement[] = [];

  constructor(chart: PageChart) {
    this.element.className = 'chart-readout';
    this.time.className = 'chart-readout-time';
    this.element.append(this.time);
    let group: HTMLElement | undefined;
    let measure: string | undefined;
    for (const s of chart.series) {
      if (group === undefined || s.measure !== measure) {
        measure = s.measure;
        group = document.createElement('span');
        group.className = 'chart-readout-measure';
        const name = document.createElement('span');
        name.textContent = s.measure;
        group.append(name);
        this.element.append(group);
      }
      const value = document.createElement('b');
      value.className = 'chart-readout-value';
      value.title = s.label;
      value.style.color = s.stroke;
      group.append(value);
      this.values.push(value);
    }
    this.show(null, null);
  }

  /** uPlot's setCursor hook: the time and every series' value at the cursor's data index. */
  update(u: uPlot): void {
    const idx = u.cursor.idx ?? null;
    if (idx === null) this.show(null, null);
    else this.show(u.data[0][idx] ?? null, (i) => u.data[i + 1]?.[idx] ?? null);
  }

  private show(time: number | null, seriesValue: ((series: number) => number | null | undefined) | null): void {
    this.time.textContent = utcCursorTime({} as uPlot, time);
    this.values.forEach((el, i) => {
      const v = seriesValue?.(i) ?? null;
      el.textContent = v === null ? '–' : shortNumber(v);
    });
  }
}

/** 4, 2.5, 9999, 25.1k, 1.2M: short enough for eight formulas' values to share two lines. */
export function shortNumber(v: number): string {
  const size = Math.abs(v);
  if (size >= 999_950) return `${Number((v / 1e6).toFixed(1))}M`;
  if (size >= 10_000) return `${Number((v / 1e3).toFixed(1))}k`;
  return String(Math.round(v * 100) / 100);
}

function swatch(colour: string): HTMLElement {
  const el = document.createElement('i');
  el.className = 'swatch';
  el.style.borderTopColor = colour;
  return el;
}
