// Draws the replay report's charts (report/chart-data.ts in @autoscale/replay) with uPlot, with the
// options of the self-contained HTML report (report/html-script.ts): UTC time axis, the colours the
// chart data gives (recorded series grey, one colour per formula), dashed low-priority series,
// cursors synchronised, the overview strip whose brush picks the period every chart of its group
// shows, and the sections' "show the whole replay" buttons, which undo a zoom.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PageChart } from '@autoscale/replay/browser';
import { utcCursorTime, utcTicks } from './time-labels.ts';

const HEIGHT = 240;
const OVERVIEW_HEIGHT = 90;

export class ChartSet {
  private plots: Array<{ el: HTMLElement; plot: uPlot; group: string; x: number[] }> = [];
  private overviews: Array<{ el: HTMLElement; plot: uPlot; group: string }> = [];
  private readonly resizeObserver = new ResizeObserver(() => this.resize());

  /** Draws each chart into the element with its id inside `root`; replaces what was drawn before. */
  draw(root: HTMLElement, charts: readonly PageChart[]): void {
    this.clear();
    for (const chart of charts) {
      const el = root.querySelector<HTMLElement>(`#${CSS.escape(chart.id)}`);
      if (!el) continue;
      if (chart.series.length === 0) {
        el.textContent = 'No data for this chart.';
        continue;
      }
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
        scales: { x: { time: true } },
        axes: [{ values: utcTicks }, { label: chart.yLabel }],
        cursor: { sync: { key: chart.group } },
      };
      const data = [chart.x, ...chart.series.map((s) => s.values)] as uPlot.AlignedData;
      this.plots.push({ el, plot: new uPlot(options, data, el), group: chart.group, x: chart.x });
    }
    for (const el of root.querySelectorAll<HTMLElement>('.overview[data-group]')) this.drawOverview(el, charts);
    for (const button of root.querySelectorAll<HTMLButtonElement>('button.reset-zoom'))
      button.addEventListener('click', () => this.showWhole(button.dataset.group ?? ''));
    this.resizeObserver.observe(root);
  }

  clear(): void {
    for (const p of this.plots) p.plot.destroy();
    for (const o of this.overviews) o.plot.destroy();
    this.plots = [];
    this.overviews = [];
    this.resizeObserver.disconnect();
  }

  /** The group's targets chart, small, over the whole replay; its brush picks what the group's charts show. */
  private drawOverview(el: HTMLElement, charts: readonly PageChart[]): void {
    const group = el.dataset.group ?? '';
    const source = charts.find((c) => c.group === group && c.overview === true && c.series.length > 0);
    if (!source) return;
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
            const min = u.posToVal(u.select.left, 'x');
            const max = u.posToVal(u.select.left + u.select.width, 'x');
            for (const p of this.plots) if (p.group === group) p.plot.setScale('x', { min, max });
          },
        ],
      },
    };
    const data = [source.x, ...source.series.map((s) => s.values)] as uPlot.AlignedData;
    this.overviews.push({ el, group, plot: new uPlot(options, data, el) });
  }

  /** Every chart of `group` back to its full time range, and its overview's brush cleared. */
  private showWhole(group: string): void {
    for (const p of this.plots) {
      const first = p.x[0];
      const last = p.x[p.x.length - 1];
      if (p.group === group && first !== undefined && last !== undefined)
        p.plot.setScale('x', { min: first, max: last });
    }
    for (const o of this.overviews)
      if (o.group === group) o.plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  }

  private resize(): void {
    for (const p of this.plots) p.plot.setSize({ width: widthOf(p.el), height: HEIGHT });
    for (const o of this.overviews) o.plot.setSize({ width: widthOf(o.el), height: OVERVIEW_HEIGHT });
  }
}

function widthOf(el: HTMLElement): number {
  return Math.max(320, el.clientWidth || 600);
}
