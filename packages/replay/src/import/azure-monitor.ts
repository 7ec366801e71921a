// Importer for the JSON that `az monitor metrics list --resource <Batch account> --interval PT1M
// --output json` prints. Maps the metrics whose meaning matches a service variable (IMPORTERS.md
// has the table) and says which variables cannot be derived. Azure Monitor's grain is one minute;
// each point becomes two 30-second samples so windows see the service's sample density.

import { parseInstant, SAMPLE_PERIOD_MS } from '@autoscale/core';
import { ErrorList } from '../recording/errors.ts';
import { RecordingBuilder } from '../recording/builder.ts';
import type { KeepColumn, Recording } from '../recording/model.ts';
import type { RecordingMeta } from '../recording/meta.ts';
import { isPlainObject, parseJsonText } from '../recording/jsonl.ts';

type Mapping = { variable: string; kind: 'gauge' } | { variable: string; kind: 'events'; minus?: string };

/**
 * Azure Monitor metric (REST name) -> service variable. Gauges repeat on both 30-s samples of a
 * minute; per-minute event counts are split between them (the service counts per sample period).
 */
export const AZURE_MONITOR_MAPPINGS: ReadonlyMap<string, Mapping> = new Map<string, Mapping>([
  ['TotalNodeCount', { variable: '$CurrentDedicatedNodes', kind: 'gauge' }],
  ['TotalLowPriorityNodeCount', { variable: '$CurrentLowPriorityNodes', kind: 'gauge' }],
  ['PreemptedNodeCount', { variable: '$PreemptedNodeCount', kind: 'gauge' }],
  ['TaskCompleteEvent', { variable: '$SucceededTasks', kind: 'events', minus: 'TaskFailEvent' }],
  ['TaskFailEvent', { variable: '$FailedTasks', kind: 'events' }],
]);

/** Variables no Batch account metric supports; the report repeats this so nobody is misled. */
export const AZURE_MONITOR_NOT_DERIVABLE =
  '$ActiveTasks, $RunningTasks and $PendingTasks (Azure Monitor has no queue length or running-task count), $CPUPercent and the other resource metrics (no per-node metrics)';

/** Which value of a data point to read: the first present of these (az prints the requested aggregation). */
const AGGREGATIONS = ['total', 'average', 'maximum', 'minimum', 'count'] as const;

interface Series {
  points: Map<number, number>;
}

export function importAzureMonitor(
  text: string,
  display: string,
  keep: KeepColumn,
  meta: RecordingMeta,
): { recording?: Recording; errors: ErrorList } {
  const errors = new ErrorList(display);
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) {
    errors.add(undefined, parsed.reason);
    return { errors };
  }
  const doc = parsed.value;
  if (!isPlainObject(doc) || !Array.isArray(doc.value)) {
    errors.add(
      undefined,
      'expected the output of `az monitor metrics list --output json`: an object with a "value" array of metrics',
    );
    return { errors };
  }
  const byMetric = new Map<string, Series>();
  const unmapped = new Set<string>();
  const pools = new Set<string>();
  doc.value.forEach((metric: unknown, i: number) => {
    const where = `value[${i}]`;
    const name = isPlainObject(metric) && isPlainObject(metric.name) ? metric.name.value : undefined;
    if (!isPlainObject(metric) || typeof name !== 'string' || !Array.isArray(metric.timeseries)) {
      errors.add(undefined, `${where}: expected a metric with "name": {"value": ...} and a "timeseries" array`);
      return;
    }
    if (!AZURE_MONITOR_MAPPINGS.has(name)) {
      unmapped.add(name);
      return;
    }
    const series = byMetric.get(name) ?? { points: new Map<number, number>() };
    byMetric.set(name, series);
    metric.timeseries.forEach((ts: unknown, j: number) => {
      const tsWhere = `${where}.timeseries[${j}]`;
      if (!isPlainObject(ts) || !Array.isArray(ts.data)) {
        errors.add(undefined, `${tsWhere}: expected an object with a "data" array`);
        return;
      }
      const pool = poolOf(ts);
      if (pool !== undefined) pools.add(pool);
      // With a pool chosen in the metadata, other pools' series are left out; otherwise they add up.
      if (meta.poolId !== undefined && pool !== undefined && pool.toLowerCase() !== meta.poolId.toLowerCase()) return;
      for (const [k, point] of (ts.data as unknown[]).entries())
        readPoint(point, `${tsWhere}.data[${k}]`, series, errors);
    });
  });
  if (!errors.empty) return { errors };

  const builder = new RecordingBuilder(display, keep);
  const perVariable = new Map<string, Map<number, number>>();
  for (const [metric, mapping] of AZURE_MONITOR_MAPPINGS) {
    const series = byMetric.get(metric);
    if (series === undefined) continue;
    const minus = mapping.kind === 'events' && mapping.minus !== undefined ? byMetric.get(mapping.minus) : undefined;
    const out = new Map<number, number>();
    for (const [t, v] of series.points) {
      const value = mapping.kind === 'events' ? Math.max(0, v - (minus?.points.get(t) ?? 0)) / 2 : v;
      out.set(t, value);
      out.set(t + SAMPLE_PERIOD_MS, value);
    }
    perVariable.set(mapping.variable, out);
  }
  const times = [...new Set([...perVariable.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  for (const name of perVariable.keys()) builder.column(name);
  for (const t of times) {
    builder.beginRow(t);
    for (const [name, points] of perVariable) {
      const v = points.get(t);
      if (v !== undefined) builder.column(name)?.push(builder.rows - 1, t, v);
    }
    builder.endSparseRow();
  }
  const notes = [
    `Imported from Azure Monitor metrics (1-minute grain, each point repeated as two 30-s samples; event counts split between them). Not derivable: ${AZURE_MONITOR_NOT_DERIVABLE}.`,
  ];
  if (byMetric.has('TaskCompleteEvent') && !byMetric.has('TaskFailEvent'))
    notes.push(
      'TaskFailEvent was not exported: $SucceededTasks counts every completed task and $FailedTasks is absent.',
    );
  if (unmapped.size > 0)
    notes.push(`Metrics with no matching variable were ignored: ${[...unmapped].sort().join(', ')}.`);
  notes.push(
    "Node counts in Azure Monitor are per Batch account, not per pool: they equal the pool's only when the account runs one pool.",
  );
  if (pools.size > 1 && meta.poolId === undefined)
    notes.push(`Task events of ${pools.size} pools were added up; set "poolId" in the metadata to import one pool's.`);
  if (times.length === 0)
    errors.add(undefined, `no data points for any mapped metric (${[...AZURE_MONITOR_MAPPINGS.keys()].join(', ')})`);
  return errors.empty ? { recording: builder.finish('azure-monitor', meta, notes), errors } : { errors };
}

function poolOf(ts: Record<string, unknown>): string | undefined {
  if (!Array.isArray(ts.metadatavalues)) return undefined;
  for (const m of ts.metadatavalues) {
    if (
      isPlainObject(m) &&
      isPlainObject(m.name) &&
      typeof m.name.value === 'string' &&
      m.name.value.toLowerCase() === 'poolid' &&
      typeof m.value === 'string'
    )
      return m.value;
  }
  return undefined;
}

function readPoint(point: unknown, where: string, series: Series, errors: ErrorList): void {
  if (!isPlainObject(point) || typeof point.timeStamp !== 'string') {
    errors.add(undefined, `${where}: expected a data point with a "timeStamp" string`);
    return;
  }
  const t = parseInstant(point.timeStamp);
  if (!t.ok) {
    errors.add(undefined, `${where}.timeStamp: ${t.reason}`);
    return;
  }
  const key = AGGREGATIONS.find((a) => point[a] !== undefined && point[a] !== null);
  // A minute without data has no aggregation value at all: a missing sample.
  if (key === undefined) return;
  const v = point[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    errors.add(undefined, `${where}.${key}: expected a non-negative number, got ${JSON.stringify(v)}`);
    return;
  }
  // Several series of one metric (per pool or job) add up.
  series.points.set(t.ms, (series.points.get(t.ms) ?? 0) + v);
}
