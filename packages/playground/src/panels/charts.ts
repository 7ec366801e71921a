// Draws the replay report's charts (report/chart-data.ts in @autoscale/replay) with uPlot, as the
// self-contained HTML report's page script does (report/html-script.ts): UTC time axis, the colours
// the chart data gives (recorded series grey, one colour per formula), dashed low-priority series,
// cursors synchronised, the overview strip whose brush picks the period every chart of its group
// shows, and the sections' "show the whole replay" buttons, which undo a zoom. Each chart draws its
// series re-bucketed to its width in device pixels for the period shown (chart-buckets.ts), again
// on every zoom and resize, so a long replay keeps its spikes and a zoom shows the detail
// underneath. A click (not a drag) picks the evaluation nearest to it (ChartSet.draw's onPick). The
// legend is chart-legend.ts's: one key per group and one line of values under each chart.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PageChart } from '@autoscale/replay/browser';
import { bucketRange, type Column, nearestIndex } from './chart-buckets.ts';
import { ChartReadout, groupKey } from './chart-legend.ts';
import { utcCursorTime, utcTicks } from './time-labels.ts';

const HEIGHT = 240;
const OVERVIEW_HEIGHT = 90;
/** Pixels the mouse must move before a press on a chart is a drag (a zoom) rather than a click (a pick). */
const DRAG_PIXELS = 4;

/** Called with the chart's group ('recording-0-1') and an evaluation's time in milliseconds since the epoch. */
export type PickEvaluation = (group: string, time: number) => void;

/** A drawn chart: its source series (any resolution), the period it shows, and the buckets its data was cut to. */
interface Drawn {
  el: HTMLElement;
  group: string;
  x: number[];
  columns: Column[];
  min: number;
  max: number;
  buckets: number;
  plot?: uPlot;
}

export class ChartSet {
  private plots: Drawn[] = [];
  private overviews: Drawn[] = [];
  private added: HTMLElement[] = [];
  private readonly resizeObserver = new ResizeObserver(() => this.resize());

  /**
   * Draws each chart into the element with its id inside `root`; replaces what was drawn before.
   * `onPick` hears of each click on a chart.
   */
  draw(root: HTMLElement, charts: readonly PageChart[], onPick: PickEvaluation = () => {}): void {
    this.clear();
    const keyed = new Set<string>();
    for (const chart of charts) {
      const el = root.querySelector<HTMLElement>(`#${CSS.escape(chart.id)}`);
      if (!el) continue;
      if (chart.series.length === 0) {
        el.textContent = 'No data for this chart.';
        continue;
      }
      if (!keyed.has(chart.group)) {
        keyed.add(chart.group);
        this.add(el, 'before', groupKey(charts.filter((c) => c.group === chart.group)));
      }
      const p = drawn(
        el,
        chart.group,
        chart.x,
        chart.series.map((s) => s.values),
      );
      const readout = new ChartReadout(chart);
      const series: uPlot.Series[] = [
        { value: utcCursorTime },
        ...chart.series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: 1.5,
          ...(s.dashed ? { dash: [6, 4] } : {}),
          ...(s.stepped ? { paths: uPlot.paths.stepped?.({ align: 1 }) } : {}),
        })),
      ];
      const options: uPlot.Options = {
        title: chart.title,
        width: widthOf(el),
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series,
        legend: { show: false },
        scales: { x: { time: true } },
        axes: [{ values: utcTicks }, { label: chart.yLabel }],
        cursor: {
          sync: { key: chart.group },
          drag: { x: true, y: false, setScale: false, dist: DRAG_PIXELS },
          bind: {
            mouseup: (u, _target, handler) => (e) => {
              if (e.button !== 0) return null;
              const dragged = u.select.width > 0;
              handler(e);
              if (!dragged) pick(p, u, onPick);
              return null;
            },
            // uPlot's own double-click would re-range this chart alone, to its (bucketed) data.
            dblclick: (_u, target) => (e) => {
              if (e.button === 0 && e.target === target) this.showWhole(p.group);
              return null;
            },
          },
        },
        hooks: {
          setSelect: [(u) => this.zoomBySelect(p, u)],
          setSize: [(u) => this.resized(p, u)],
          setCursor: [(u) => readout.update(u)],
        },
      };
      p.plot = new uPlot(options, firstData(p), el);
      this.add(el, 'append', readout.element);
      this.plots.push(p);
    }
    for (const el of root.querySelectorAll<HTMLElement>('.overview[data-group]')) this.drawOverview(el, charts);
    for (const button of root.querySelectorAll<HTMLButtonElement>('button.reset-zoom'))
      button.addEventListener('click', () => this.showWhole(button.dataset.group ?? ''));
    this.resizeObserver.observe(root);
  }

  clear(): void {
    for (const p of [...this.plots, ...this.overviews]) p.plot?.destroy();
    for (const el of this.added) el.remove();
    this.plots = [];
    this.overviews = [];
    this.added = [];
    this.resizeObserver.disconnect();
  }

  private add(el: HTMLElement, where: 'before' | 'append', added: HTMLElement): void {
    if (where === 'before') el.before(added);
    else el.append(added);
    this.added.push(added);
  }

  /** The group's targets chart, small, over the whole replay; its brush picks what the group's charts show. */
  private drawOverview(el: HTMLElement, charts: readonly PageChart[]): void {
    const group = el.dataset.group ?? '';
    const source = charts.find((c) => c.group === group && c.overview === true && c.series.length > 0);
    if (!source) return;
    const o = drawn(
      el,
      group,
      source.x,
      source.series.map((s) => s.values),
    );
    const options: uPlot.Options = {
      width: widthOf(el),
      height: OVERVIEW_HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: false },
      series: [{}, ...source.series.map((s) => ({ stroke: s.stroke, width: 1 }))],
      scales: { x: { time: true } },
      axes: [{ values: utcTicks }, { show: false }],
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width <= 0) return;
            this.showRange(group, u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
          },
        ],
        setSize: [(u) => this.resized(o, u)],
      },
    };
    o.plot = new uPlot(options, firstData(o), el);
    this.overviews.push(o);
  }

  /**
   * A drag across a chart selected a period: the chart dragged shows it in its whole group. The
   * group's other charts follow the drag (synchronised cursors, no event of their own) and only
   * clear their copy of the selection.
   */
  private zoomBySelect(p: Drawn, u: uPlot): void {
    if (u.select.width <= 0) return;
    const min = u.posToVal(u.select.left, 'x');
    const max = u.posToVal(u.select.left + u.select.width, 'x');
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (u.cursor.event) this.showRange(p.group, min, max);
  }

  private showRange(group: string, min: number, max: number): void {
    for (const p of this.plots) {
      if (p.group !== group) continue;
      p.min = min;
      p.max = max;
      render(p);
    }
  }

  /** Every chart of `group` back to its full time range, and its overview's brush cleared. */
  private showWhole(group: string): void {
    for (const p of this.plots) {
      if (p.group !== group) continue;
      p.min = p.x[0] ?? 0;
      p.max = p.x[p.x.length - 1] ?? 0;
      render(p);
    }
    for (const o of this.overviews)
      if (o.group === group) o.plot?.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  }

  /** uPlot's setSize hook runs inside its draw: a new width is re-bucketed just after it, unless cleared meanwhile. */
  private resized(p: Drawn, u: uPlot): void {
    if (Math.round(u.bbox.width) === p.buckets) return;
    queueMicrotask(() => {
      if (this.plots.includes(p) || this.overviews.includes(p)) render(p);
    });
  }

  /** Only a new width redraws: the readouts under the charts change the page's height as the cursor moves. */
  private resize(): void {
    for (const [drawn, height] of [
      [this.plots, HEIGHT],
      [this.overviews, OVERVIEW_HEIGHT],
    ] as const)
      for (const p of drawn) {
        const width = widthOf(p.el);
        if (p.plot && p.plot.width !== width) p.plot.setSize({ width, height });
      }
  }
}

function drawn(el: HTMLElement, group: string, x: number[], columns: Column[]): Drawn {
  // Before uPlot has laid the chart out, a bucket per device pixel of the element is the estimate.
  const buckets = Math.round(widthOf(el) * (window.devicePixelRatio || 1));
  return { el, group, x, columns, min: x[0] ?? 0, max: x[x.length - 1] ?? 0, buckets };
}

function firstData(p: Drawn): uPlot.AlignedData {
  return bucketRange(p.x, p.columns, p.min, p.max, p.buckets) as uPlot.AlignedData;
}

/**
 * Draws p's period from its source series, one bucket per device pixel (uPlot's bbox). setData
 * keeps the scales (false); the setScale after it makes uPlot index the new data. (Doing this from
 * a setScale hook would change the data under the indexes uPlot has just computed.)
 */
function render(p: Drawn): void {
  if (p.plot === undefined || p.x.length < 2) return;
  p.buckets = Math.max(1, Math.round(p.plot.bbox.width));
  p.plot.setData(bucketRange(p.x, p.columns, p.min, p.max, p.buckets) as uPlot.AlignedData, false);
  p.plot.setScale('x', { min: p.min, max: p.max });
}

/** A click: the evaluation of the source series nearest to the cursor. */
function pick(p: Drawn, u: uPlot, onPick: PickEvaluation): void {
  const left = u.cursor.left;
  if (left === undefined || left < 0) return;
  const i = nearestIndex(p.x, u.posToVal(left, 'x'));
  if (i >= 0) onPick(p.group, Math.round((p.x[i] as number) * 1000));
}

function widthOf(el: HTMLElement): number {
  return Math.max(320, el.clientWidth || 600);
}
