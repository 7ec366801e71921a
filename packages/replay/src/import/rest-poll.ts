// Importer for a log of Batch REST responses polled over time, one JSON object per line:
// {"time": ..., "taskCounts": {active, running, completed, succeeded, failed}, "nodeCounts":
// {"dedicated": {..., "total"}, "lowPriority": {..., "total", "preempted"}}}. Streamed; the mapping
// (IMPORTERS.md) turns the cumulative succeeded/failed counts into completions per 30-s period.

import { SAMPLE_PERIOD_MS } from '@autoscale/core';
import type { LineSource } from '../io/lines.ts';
import { InstantParser } from '../recording/cells.ts';
import { ErrorList } from '../recording/errors.ts';
import { RecordingBuilder } from '../recording/builder.ts';
import { isPlainObject, parseJsonText } from '../recording/jsonl.ts';
import type { KeepColumn, Recording } from '../recording/model.ts';
import type { RecordingMeta } from '../recording/meta.ts';

const TOP_KEYS = new Set(['time', 'poolId', 'taskCounts', 'taskSlotCounts', 'nodeCounts']);
const TASK_KEYS = ['active', 'running', 'completed', 'succeeded', 'failed'] as const;

/** The variables this importer produces, in column order. */
export const REST_POLL_VARIABLES = [
  '$ActiveTasks',
  '$RunningTasks',
  '$PendingTasks',
  '$SucceededTasks',
  '$FailedTasks',
  '$CurrentDedicatedNodes',
  '$CurrentLowPriorityNodes',
  '$PreemptedNodeCount',
] as const;

interface Previous {
  time: number;
  succeeded: number | undefined;
  failed: number | undefined;
}

export async function importRestPoll(
  lines: LineSource,
  display: string,
  keep: KeepColumn,
  meta: RecordingMeta,
): Promise<{ recording?: Recording; errors: ErrorList }> {
  const errors = new ErrorList(display);
  const builder = new RecordingBuilder(display, keep);
  const instants = new InstantParser();
  for (const name of REST_POLL_VARIABLES) builder.column(name);
  let previous: Previous | undefined;
  let decreases = 0;
  let firstDecrease: string | undefined;
  let longGaps = 0;

  await lines((line, n) => {
    if (line.trim() === '') return true;
    const parsed = parseJsonText(line);
    if (!parsed.ok || !isPlainObject(parsed.value)) {
      errors.add(
        n,
        parsed.ok
          ? 'each line must be a JSON object {"time": ..., "taskCounts": {...}, "nodeCounts": {...}}'
          : parsed.reason,
      );
      return !errors.full;
    }
    const poll = parsed.value;
    for (const key of Object.keys(poll))
      if (!TOP_KEYS.has(key)) errors.add(n, `unknown key "${key}"; a poll has ${[...TOP_KEYS].join(', ')}`);
    if (typeof poll.time !== 'string') {
      errors.add(n, '"time" must be an ISO 8601 instant string');
      return !errors.full;
    }
    const t = instants.parse(poll.time);
    if (!t.ok) {
      errors.add(n, `time: ${t.reason}`);
      return !errors.full;
    }
    const tasks = readCounts(poll.taskCounts, 'taskCounts', TASK_KEYS, n, errors);
    const dedicated = readNodeCounts(poll.nodeCounts, 'dedicated', n, errors);
    const lowPriority = readNodeCounts(poll.nodeCounts, 'lowPriority', n, errors);
    if (poll.taskSlotCounts !== undefined && !isPlainObject(poll.taskSlotCounts))
      errors.add(n, 'taskSlotCounts must be an object');
    if (!errors.empty) return !errors.full;
    const order = builder.beginRow(t.ms);
    if (order !== undefined) {
      errors.add(n, order);
      return !errors.full;
    }
    const row = builder.rows - 1;
    const put = (name: string, v: number | undefined): void => {
      if (v !== undefined) builder.column(name)?.push(row, t.ms, v);
    };
    put('$ActiveTasks', tasks.active);
    put('$RunningTasks', tasks.running);
    put(
      '$PendingTasks',
      tasks.active !== undefined && tasks.running !== undefined ? tasks.active + tasks.running : undefined,
    );
    if (previous !== undefined) {
      const gap = t.ms - previous.time;
      if (gap > 4 * SAMPLE_PERIOD_MS) longGaps++;
      // Completions since the previous poll, as a count per 30-s sample period.
      const per = (now: number | undefined, before: number | undefined): number | undefined => {
        if (now === undefined || before === undefined) return undefined;
        if (now < before) {
          decreases++;
          firstDecrease ??= `line ${n}`;
          return 0;
        }
        return ((now - before) * SAMPLE_PERIOD_MS) / gap;
      };
      put('$SucceededTasks', per(tasks.succeeded, previous.succeeded));
      put('$FailedTasks', per(tasks.failed, previous.failed));
    }
    put('$CurrentDedicatedNodes', dedicated?.total);
    put('$CurrentLowPriorityNodes', lowPriority?.total);
    put('$PreemptedNodeCount', lowPriority?.preempted);
    builder.endSparseRow();
    previous = { time: t.ms, succeeded: tasks.succeeded, failed: tasks.failed };
    return true;
  });
  if (!errors.empty) return { errors };
  if (builder.rows === 0) {
    errors.add(undefined, 'no polls in the file');
    return { errors };
  }
  const notes = [
    'Imported from polled Batch REST task and node counts: $SucceededTasks/$FailedTasks are the growth of the cumulative counts between polls, per 30 s; the first poll has none. $CPUPercent and the other resource metrics cannot be derived.',
  ];
  if (decreases > 0)
    notes.push(
      `The cumulative succeeded/failed counts went down ${decreases} times (first at ${firstDecrease}; tasks or jobs deleted?): those polls count 0 completions.`,
    );
  if (longGaps > 0)
    notes.push(
      `${longGaps} gaps of more than 2 minutes between polls: windows over them see fewer samples than the service would.`,
    );
  return { recording: builder.finish('rest-poll', meta, notes), errors };
}

type Counts = Partial<Record<string, number>>;

function readCounts(value: unknown, where: string, keys: readonly string[], line: number, errors: ErrorList): Counts {
  const out: Counts = {};
  if (value === undefined) return out;
  if (!isPlainObject(value)) {
    errors.add(line, `${where} must be an object`);
    return out;
  }
  for (const key of keys) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      errors.add(line, `${where}.${key} must be a whole number >= 0, got ${JSON.stringify(v)}`);
      continue;
    }
    out[key] = v;
  }
  return out;
}

function readNodeCounts(
  value: unknown,
  kind: 'dedicated' | 'lowPriority',
  line: number,
  errors: ErrorList,
): Counts | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    errors.add(line, 'nodeCounts must be an object {"dedicated": {...}, "lowPriority": {...}}');
    return undefined;
  }
  const counts = value[kind];
  if (counts === undefined) return undefined;
  return readCounts(counts, `nodeCounts.${kind}`, ['total', 'preempted'], line, errors);
}
