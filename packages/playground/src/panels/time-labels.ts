// Times on the replay charts in UTC and 24-hour, as the report's tables print them and as the
// self-contained HTML report draws them (@autoscale/replay's report/html-script.ts): axis ticks
// ("06:00", with the day under the first tick of each day; "Jan 5" for ticks a day or more apart)
// and the legend's time at the cursor ("2026-01-05 06:15 UTC").

import type uPlot from 'uplot';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;

/** uPlot's `axes[0].values`: tick labels for splits in seconds since the epoch. */
export function utcTicks(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  return splits.map((v, i) => {
    const d = new Date(v * 1000);
    if (incr >= 86_400) return dayOf(d);
    const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    const before = i > 0 ? new Date((splits[i - 1] as number) * 1000) : undefined;
    return before === undefined || before.getUTCDate() !== d.getUTCDate() ? `${time}\n${dayOf(d)}` : time;
  });
}

/** uPlot's `series[0].value`: the legend's time at the cursor. */
export function utcCursorTime(_u: uPlot, v: number | null): string {
  if (v === null || v === undefined) return '--';
  const d = new Date(v * 1000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}
