// Sample methods of the sampled metrics (docs/semantics.md §6, §7). Implementations receive the metric as
// args[0], then the call's own arguments. Windows given as timeintervals are look-backs from the
// evaluation instant; timestamps are absolute; the order of the two bounds does not matter.

import { DOUBLE, INTERVAL, TIMESTAMP, VEC } from '../types.ts';
import { evaluationFailure } from '../runtime/errors.ts';
import { SAMPLE_PERIOD_MS } from '../runtime/context.ts';
import { sliceValues, visibleCount, windowPercent, type WindowSelection } from '../runtime/samples.ts';
import { formatDouble } from '../runtime/format-value-text.ts';
import { Interval, MetricRef, Timestamp, type Value } from '../runtime/values.ts';
import type { MethodEntry, Overload } from './entry.ts';
import { toDouble, type Runtime } from './support.ts';

/** Required percentage of a window GetSample when the call gives none (docs/semantics.md §7.5; batch-shipyard #138). */
export const DEFAULT_SAMPLE_PERCENT = 70;

function metricOf(v: Value | undefined, at: number): MetricRef {
  if (v instanceof MetricRef) return v;
  throw evaluationFailure('AS3003', 'sampleMethodReceiver', {}, at);
}

/** A window bound as an instant: a timeinterval looks back from now, a timestamp is absolute. */
function instant(v: Value | undefined, rt: Runtime, at: number): number {
  if (v instanceof Interval) return rt.now - v.ms;
  if (v instanceof Timestamp) return v.ms;
  throw evaluationFailure('AS3003', 'windowBound', {}, at);
}

/**
 * The visible samples in (older, newer], as selectWindow, through the metric's remembered searches.
 * The answer is written into one selection that every call reuses (its callers read it at once):
 * windows are asked for on every evaluation of a replay, and this allocates nothing.
 */
function windowOf(m: MetricRef, a: number, b: number, rt: Runtime): WindowSelection {
  const older = Math.min(a, b);
  const newer = Math.max(a, b);
  const from = m.countUpTo(older);
  lastWindow.from = from;
  lastWindow.to = Math.max(from, m.countUpTo(Math.min(newer, rt.now - rt.availabilityDelay)));
  lastWindow.expected = (newer - older) / SAMPLE_PERIOD_MS;
  return lastWindow;
}
const lastWindow: WindowSelection = { from: 0, to: 0, expected: 0 };

/**
 * The samples in a window, when at least `percent` of them (by default 70) are there
 * (docs/semantics.md §7.5). The arguments are read in the call's order.
 */
function windowSample(
  m: MetricRef,
  start: Value,
  end: Value | undefined,
  percent: Value | undefined,
  rt: Runtime,
  at: number,
): number[] {
  const from = instant(start, rt, at);
  const to = end === undefined ? rt.now : instant(end, rt, at);
  const wanted = percent === undefined ? DEFAULT_SAMPLE_PERCENT : toDouble(percent, rt, at, 'GetSample()');
  const sel = windowOf(m, from, to, rt);
  const received = windowPercent(sel);
  if (received < wanted) {
    const args = { metric: m.name, wanted: formatDouble(wanted), received: formatDouble(received) };
    throw evaluationFailure('AS3002', 'percent', args, at, 'InsufficientSampleData');
  }
  return sliceValues(m.history, sel.from, sel.to);
}

/** The n most recent visible samples, oldest first; fewer when fewer exist (docs/semantics.md §6.1). */
function countSample(m: MetricRef, count: Value, rt: Runtime, at: number): number[] {
  const n = Math.trunc(toDouble(count, rt, at, 'GetSample()'));
  const visible = m.countUpTo(rt.now - rt.availabilityDelay);
  // NaN asks for nothing; Infinity for everything visible.
  const take = n > 0 ? Math.min(n, visible) : 0;
  return sliceValues(m.history, visible - take, visible);
}

/** GetSample(startTime): the window from startTime to now, at the default percentage. */
function sampleSince(m: MetricRef, start: Value, rt: Runtime, at: number): number[] {
  return windowSample(m, start, undefined, undefined, rt, at);
}

const TIME = 'time' as const;

const getSample: Overload[] = [
  {
    params: [{ name: 'count', kind: 'double' }],
    returns: VEC,
    label: 'GetSample(double count) -> doubleVec',
    impl: (a, rt, at) => countSample(metricOf(a[0], at), a[1] as Value, rt, at),
    onMetricWith: countSample,
  },
  {
    params: [{ name: 'startTime', kind: TIME }],
    returns: VEC,
    label: 'GetSample(startTime) -> doubleVec',
    impl: (a, rt, at) => sampleSince(metricOf(a[0], at), a[1] as Value, rt, at),
    onMetricWith: sampleSince,
  },
  {
    params: [
      { name: 'startTime', kind: TIME },
      { name: 'samplePercent', kind: 'double' },
    ],
    returns: VEC,
    label: 'GetSample(startTime, double samplePercent) -> doubleVec',
    impl: (a, rt, at) => windowSample(metricOf(a[0], at), a[1] as Value, undefined, a[2], rt, at),
  },
  {
    params: [
      { name: 'startTime', kind: TIME },
      { name: 'endTime', kind: TIME },
    ],
    returns: VEC,
    label: 'GetSample(startTime, endTime) -> doubleVec',
    impl: (a, rt, at) => windowSample(metricOf(a[0], at), a[1] as Value, a[2], undefined, rt, at),
  },
  {
    params: [
      { name: 'startTime', kind: TIME },
      { name: 'endTime', kind: TIME },
      { name: 'samplePercent', kind: 'double' },
    ],
    returns: VEC,
    label: 'GetSample(startTime, endTime, double samplePercent) -> doubleVec',
    impl: (a, rt, at) => windowSample(metricOf(a[0], at), a[1] as Value, a[2], a[3], rt, at),
  },
];

/** The percentage of a window's samples that are there, from start to end (to now without one). */
function samplePercent(m: MetricRef, start: Value, end: Value | undefined, rt: Runtime, at: number): number {
  const from = instant(start, rt, at);
  return windowPercent(windowOf(m, from, end === undefined ? rt.now : instant(end, rt, at), rt));
}

function percentSince(m: MetricRef, start: Value, rt: Runtime, at: number): number {
  return samplePercent(m, start, undefined, rt, at);
}

const WINDOW_DOCS =
  'Bounds are timeintervals (look-backs from now, e.g. `TimeInterval_Minute * 10`) or timestamps. The window is half-open, ' +
  '(older, newer], and a complete window holds one sample per 30 seconds. Only samples older than the availability delay are visible.';

export const METHODS: readonly MethodEntry[] = [
  {
    kind: 'method',
    name: 'GetSample',
    summary: 'Samples of the metric: the n most recent, or those in a time window.',
    docs:
      'Returns a doubleVec, oldest sample first.\n\n' +
      '- `GetSample(n)`: the n most recent available samples; fewer (or none) if fewer exist. Never fails. `GetSample(1)` is the last available sample, which may be old.\n' +
      `- \`GetSample(start[, percent])\` and \`GetSample(start, end[, percent])\`: the available samples in the window. If less than \`percent\` of the window's samples are available the evaluation fails with InsufficientSampleData; \`percent\` defaults to ${DEFAULT_SAMPLE_PERCENT}.\n\n` +
      WINDOW_DOCS,
    example: 'x = avg($PendingTasks.GetSample(TimeInterval_Minute * 10, 50));',
    overloads: getSample,
  },
  {
    kind: 'method',
    name: 'GetSamplePercent',
    summary: "Percentage (0-100) of a window's samples that are available.",
    docs: `Use it to avoid an InsufficientSampleData failure: \`$PendingTasks.GetSamplePercent(TimeInterval_Minute * 15) < 70 ? ... : ...\`. Returns a percentage, so compare it with 70, not 0.7.\n\n${WINDOW_DOCS}`,
    example: 'p = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 15);',
    overloads: [
      {
        params: [{ name: 'startTime', kind: TIME }],
        returns: DOUBLE,
        label: 'GetSamplePercent(startTime) -> double',
        impl: (a, rt, at) => percentSince(metricOf(a[0], at), a[1] as Value, rt, at),
        onMetricWith: percentSince,
      },
      {
        params: [
          { name: 'startTime', kind: TIME },
          { name: 'endTime', kind: TIME },
        ],
        returns: DOUBLE,
        label: 'GetSamplePercent(startTime, endTime) -> double',
        impl: (a, rt, at) => samplePercent(metricOf(a[0], at), a[1] as Value, a[2], rt, at),
      },
    ],
  },
  {
    kind: 'method',
    name: 'GetSamplePeriod',
    summary: 'The period between samples: 30 seconds.',
    docs: 'Returns a timeinterval of 30 seconds, the sampling period of every metric.',
    example: 'period = $PendingTasks.GetSamplePeriod();',
    overloads: [
      {
        params: [],
        returns: INTERVAL,
        label: 'GetSamplePeriod() -> timeinterval',
        impl: () => new Interval(SAMPLE_PERIOD_MS),
      },
    ],
  },
  {
    kind: 'method',
    name: 'Count',
    summary: "Number of available samples in the metric's history.",
    docs: 'A freshly created pool has no samples, so `Count()` is 0 on its first evaluation; `$PendingTasks.Count() ? a : b` detects that.',
    example: 'n = $PendingTasks.Count();',
    overloads: [
      {
        params: [],
        returns: DOUBLE,
        label: 'Count() -> double',
        impl: (args, rt, at) => visibleCount(metricOf(args[0], at).history, rt.now, rt.availabilityDelay),
      },
    ],
  },
  {
    kind: 'method',
    name: 'HistoryBeginTime',
    summary: 'Timestamp of the oldest available sample.',
    docs: 'An evaluation error when the metric has no available sample yet.',
    example: 'age = time() - $PendingTasks.HistoryBeginTime();',
    overloads: [
      {
        params: [],
        returns: TIMESTAMP,
        label: 'HistoryBeginTime() -> timestamp',
        impl: (args, rt, at) => {
          const m = metricOf(args[0], at);
          if (visibleCount(m.history, rt.now, rt.availabilityDelay) === 0) {
            throw evaluationFailure('AS3002', 'noSampleYet', { metric: m.name }, at, 'InsufficientSampleData');
          }
          return new Timestamp(m.history.times[0] as number);
        },
      },
    ],
  },
];
