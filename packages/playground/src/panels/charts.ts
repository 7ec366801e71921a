// Draws the replay report's charts (report/chart-data.ts in @autoscale/replay) with uPlot, with the
// options of the self-contained HTML report (report/html-script.ts): UTC time axis, the colours the
// chart data gives (recorded series grey, one colour per formula), dashed low-priority series, cursors synchronised, and
// the sections' "show the whole replay" buttons, which undo a zoom.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PageChart } from '@autoscale/replay/browser';

const HEIGHT = 240;

export class ChartSet {
  private plots: Array<{ el: HTMLElement; plot: uPlot; group: string; x: number[] }> = [];
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
        {},
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
        axes: [{}, { label: chart.yLabel }],
        cursor: { sync: { key: chart.group } },
      };
      const data = [chart.x, ...chart.series.map((s) => s.values)] as uPlot.AlignedData;
      this.plots.push({ el, plot: new uPlot(options, data, el), group: chart.group, x: chart.x });
    }
    for (const button of root.querySelectorAll<HTMLButtonElement>('button.reset-zoom'))
      button.addEventListener('click', () => this.showWhole(button.dataset.group ?? ''));
    this.resizeObserver.observe(root);
  }

  clear(): void {
    for (const p of this.plots) p.plot.destroy();
    this.plots = [];
    this.resizeObserver.disconnect();
  }

  /** Every chart of `group` back to its full time range. */
  private showWhole(group: string): void {
    for (const p of this.plots) {
      const first = p.x[0];
      const last = p.x[p.x.length - 1];
      if (p.group === group && first !== undefined && last !== undefined)
        p.plot.setScale('x', { min: first, max: last });
    }
  }

  private resize(): void {
    for (const p of this.plots) p.plot.setSize({ width: widthOf(p.el), height: HEIGHT });
  }
}

function widthOf(el: HTMLElement): number {
  return Math.max(320, el.clientWidth || 600);
}
