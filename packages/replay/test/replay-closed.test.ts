// Closed-loop replay on hand-computed cases: a task log on a small pool (waits, idle node-hours,
// queueing), each $NodeDeallocationOption when the pool shrinks under running tasks, preemption,
// the workload model derived from recorded task counts, and its low-confidence periods.

import { afterAll, describe, expect, it } from 'vitest';
import {
  formatRecordingError,
  readRecording,
  readTaskLog,
  runReplay,
  type Recording,
  type RecordingReplay,
  type TaskLog,
} from '@autoscale/replay';
import { deriveWorkload } from '../src/sim/derive-workload.ts';
import { csv, iso, MIN, T0, TempFiles, must } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

async function recording(text: string): Promise<Recording> {
  const r = await readRecording(files.write(`rec-${Math.random()}.csv`, text));
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  return r.value;
}

async function taskLog(lines: string[]): Promise<TaskLog> {
  const r = await readTaskLog(files.write(`tasks-${Math.random()}.csv`, `${lines.join('\n')}\n`));
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  return r.value;
}

function closed(rec: Recording, formula: string, log?: TaskLog, to = T0 + 30 * MIN): RecordingReplay {
  const out = runReplay(rec, [{ name: 'f', text: formula }], { mode: 'closed', to }, log ? { taskLog: log } : {});
  if (!out.ok) throw new Error(out.errors.join('\n'));
  return out.replay;
}

/** Half an hour of an idle pool's samples, so the replay has a time range and metadata. */
const halfHour = (header: string[]) => csv(['$PendingTasks'], 61, () => 0, T0, header);

describe('closed loop with a task log', () => {
  it('three 10-minute tasks on one node growing to two after 5 minutes', async () => {
    const rec = await recording(halfHour(['# initialTargetDedicatedNodes: 1', '# allocationLatency: 5m']));
    const log = await taskLog(['submitted,duration', `${iso(T0)},10m`, `${iso(T0)},10m`, `${iso(T0)},PT10M`]);
    const r = closed(rec, '$TargetDedicatedNodes = 2;\n$NodeDeallocationOption = requeue;', log);
    const s = must(r.formulas[0]).summary;
    const c = must(s.closedLoop);
    // Task 0 starts at once, task 1 when node 2 arrives (5 min), task 2 when task 0 ends (10 min).
    expect([c.waitP50Seconds, c.waitP95Seconds, c.waitMaxSeconds]).toEqual([300, 600, 600]);
    expect(c).toMatchObject({
      workload: 'task-log',
      tasksArrived: 3,
      tasksCompleted: 3,
      tasksWaitingAtEnd: 0,
      tasksRunningAtEnd: 0,
      tasksRequeued: 0,
    });
    // Node 1 for 30 minutes, node 2 from minute 5.
    expect(s.nodeHours.dedicated).toBeCloseTo(55 / 60, 10);
    // Node 1 idle from 20 to 30, node 2 from 15 to 30.
    expect(c.idleNodeHours).toBeCloseTo(25 / 60, 10);
    // Tasks waited with no free slot from 0 to 10 minutes.
    expect(s.queuedNoFreeSlotHours).toBeCloseTo(10 / 60, 10);
    const rows = must(r.formulas[0]).timeline;
    expect(rows.map((row) => [row.simulatedPending, row.simulatedActive, row.simulatedDedicated])).toEqual([
      [3, 2, 1],
      [1, 0, 2],
      [0, 0, 2],
    ]);
  });

  it.each([
    // Two 25-minute tasks on two nodes; at 15 minutes the pool shrinks to one node.
    ['requeue', 45, { tasksCompleted: 1, tasksRequeued: 1, tasksTerminated: 0, tasksRunningAtEnd: 1 }],
    ['terminate', 45, { tasksCompleted: 1, tasksRequeued: 0, tasksTerminated: 1, tasksRunningAtEnd: 0 }],
    ['taskcompletion', 55, { tasksCompleted: 2, tasksRequeued: 0, tasksTerminated: 0, tasksRunningAtEnd: 0 }],
    ['retaineddata', 55, { tasksCompleted: 2, tasksRequeued: 0, tasksTerminated: 0, tasksRunningAtEnd: 0 }],
  ] as const)('shrinking under running tasks with %s', async (option, nodeMinutes, expected) => {
    const rec = await recording(halfHour(['# initialTargetDedicatedNodes: 2']));
    const log = await taskLog(['submitted,duration', `${iso(T0)},25m`, `${iso(T0)},25m`]);
    const r = closed(
      rec,
      `$TargetDedicatedNodes = time() >= time("2026-01-05T00:15:00Z") ? 1 : 2;\n$NodeDeallocationOption = ${option};`,
      log,
    );
    const s = must(r.formulas[0]).summary;
    expect(s.nodeHours.dedicated).toBeCloseTo(nodeMinutes / 60, 10);
    expect(s.closedLoop).toMatchObject(expected);
    expect(s.scaleDowns).toBe(1);
  });

  it('preemptions follow the recording: the node counts but runs nothing; its task is requeued', async () => {
    const text = csv(
      ['$PendingTasks', '$PreemptedNodeCount'],
      61,
      (row, c) => (c === '$PreemptedNodeCount' ? (row >= 10 && row < 20 ? 1 : 0) : 0),
      T0,
      ['# initialTargetLowPriorityNodes: 1'],
    );
    const rec = await recording(text);
    const log = await taskLog(['submitted,duration', `${iso(T0)},12m`]);
    const r = closed(rec, '$TargetLowPriorityNodes = 1;\nn = $PreemptedNodeCount.GetSample(1);', log);
    const s = must(r.formulas[0]).summary;
    // Preempted from minute 5 to 10: the task restarts at 10 and ends at 22.
    expect(s.closedLoop).toMatchObject({ tasksRequeued: 1, tasksCompleted: 1 });
    expect(s.nodeHours.lowPriority).toBeCloseTo(0.5, 10);
    // The formula reads the simulated $PreemptedNodeCount.
    expect(must(r.formulas[0]).timeline.map((row) => row.results.replace(/^.*;n=/, ''))).toEqual(['[]', '[0]', '[0]']);
    const during = runReplay(
      rec,
      [{ name: 'f', text: 'n = $PreemptedNodeCount.GetSample(1);' }],
      { mode: 'closed', to: T0 + 30 * MIN, interval: 5 * MIN, delay: 0 },
      { taskLog: log },
    );
    expect(
      during.ok && must(during.replay.formulas[0]).timeline.map((row) => row.results.replace(/^.*;n=/, '')),
    ).toEqual(['[0]', '[1]', '[0]', '[0]', '[0]', '[0]', '[0]']);
  });

  it('tasks go to a free dedicated node before an idle low-priority one, so a preemption misses them', async () => {
    // One node of each kind; the low-priority one is preempted from minute 12 to 14.
    const text = csv(
      ['$PendingTasks', '$PreemptedNodeCount'],
      61,
      (row, c) => (c === '$PreemptedNodeCount' ? (row >= 24 && row < 28 ? 1 : 0) : 0),
      T0,
      ['# initialTargetDedicatedNodes: 1', '# initialTargetLowPriorityNodes: 1'],
    );
    const rec = await recording(text);
    // Task 0 runs 0-5 on the dedicated node; task 1 arrives at 10, when both nodes are idle.
    const log = await taskLog(['submitted,duration', `${iso(T0)},5m`, `${iso(T0 + 10 * MIN)},10m`]);
    const r = closed(rec, '$TargetDedicatedNodes = 1;\n$TargetLowPriorityNodes = 1;', log);
    const c = must(must(r.formulas[0]).summary.closedLoop);
    // Task 1 runs on the dedicated node (10-20), untouched by the preemption; on the low-priority
    // node it would have been requeued at 12 and rerun 14-24.
    expect(c).toMatchObject({ tasksArrived: 2, tasksCompleted: 2, tasksRequeued: 0, tasksRunningAtEnd: 0 });
    expect([c.waitP50Seconds, c.waitMaxSeconds]).toEqual([0, 0]);
  });

  it('refuses a task that needs more slots than a node has, and a task log with a bad line', async () => {
    const rec = await recording(halfHour(['# taskSlotsPerNode: 2']));
    const log = await taskLog(['submitted,duration,slots', `${iso(T0)},1m,3`]);
    const out = runReplay(
      rec,
      [{ name: 'f', text: '$TargetDedicatedNodes = 1;' }],
      { mode: 'closed' },
      { taskLog: log },
    );
    expect(out.ok ? [] : out.errors[0]).toMatch(/a task needs 3 slots but nodes have 2/);
    const bad = await readTaskLog(
      files.write('bad-tasks.csv', `submitted,duration\n${iso(T0)},90\n2026-01-05,1m\n`),
      'bad-tasks.csv',
    );
    expect(bad.ok ? [] : bad.errors.map(formatRecordingError)).toEqual([
      'bad-tasks.csv:2:22: duration: "90" has no unit (a plain number is ambiguous); write e.g. "90s" or "90ms"',
      'bad-tasks.csv:3:1: submitted: "2026-01-05" is not an ISO 8601 instant like "2026-01-05T10:00:00Z"',
    ]);
    const header = await readTaskLog(files.write('bad-header.csv', 'start,length\n'), 'bad-header.csv');
    expect(header.ok ? [] : header.errors.map(formatRecordingError)).toEqual([
      'bad-header.csv:1:1: the header must be "submitted,duration" or "submitted,duration,slots", got "start,length"',
    ]);
  });
});

describe('workload derived from recorded task counts', () => {
  it("arrivals = growth of pending + completions; durations by Little's law", async () => {
    // pending, running, succeeded per 30 s
    const table: Array<[number, number, number]> = [
      [0, 0, 0],
      [2, 2, 0],
      [2, 2, 0],
      [1, 1, 1],
      [3, 2, 0],
      [3, 2, 0],
      [2, 2, 1],
    ];
    const text = csv(
      ['$PendingTasks', '$RunningTasks', '$SucceededTasks'],
      table.length,
      (row, c) => (table[row] as number[])[['$PendingTasks', '$RunningTasks', '$SucceededTasks'].indexOf(c)] as number,
    );
    const rec = await recording(text);
    const w = deriveWorkload(rec, T0, T0 + 3 * MIN);
    if (typeof w === 'string') throw new Error(w);
    // 2 arrive in (0, 30s], 0 in the next two periods (one left, one completed), 2 in (90, 120], then 0, then 0.
    expect([...w.submitted].map((t) => (t - T0) / 1000)).toEqual([10, 20, 100, 110]);
    // Running-task area over the window: (0+2+2+1+2+2+2) x 30 s, over 2 completions.
    expect([...w.duration]).toEqual(new Array(4).fill((11 * 30_000) / 2));
    expect(w.lowConfidence).toEqual([]);
    expect(w.initial).toBe(0);
  });

  it('flags missing counts and the lack of completion counts as low confidence', async () => {
    const text = csv(['$PendingTasks'], 40, (row) => (row >= 10 && row < 20 ? '' : row < 20 ? 2 : 4));
    const rec = await recording(text);
    const w = deriveWorkload(rec, T0, T0 + 20 * MIN);
    if (typeof w === 'string') throw new Error(w);
    expect(w.lowConfidence.map((p) => [(p.from - T0) / 1000, (p.to - T0) / 1000, p.reason])).toEqual([
      [0, 1200, 'no completion counts in the recording'],
      [270, 600, 'task counts missing'],
    ]);
    expect(w.notes.join(' ')).toMatch(/no \$SucceededTasks\/\$FailedTasks/);
    // The two pending tasks at the start, then two more that appear after the gap.
    expect(w.count).toBe(4);
    expect(w.initial).toBe(2);
    const withCompletions = await recording(
      csv(['$PendingTasks', '$SucceededTasks'], 40, (row, c) =>
        row >= 10 && row < 20 ? '' : c === '$SucceededTasks' ? 0 : 2,
      ),
    );
    const w2 = deriveWorkload(withCompletions, T0, T0 + 20 * MIN);
    if (typeof w2 === 'string') throw new Error(w2);
    expect(w2.lowConfidence.map((p) => [(p.from - T0) / 1000, (p.to - T0) / 1000, p.reason])).toEqual([
      [270, 600, 'task counts missing'],
      [270, 600, 'completion counts missing'],
    ]);
  });

  it('needs task counts or a task log', async () => {
    const rec = await recording(csv(['$CPUPercent'], 10, () => 5));
    const out = runReplay(rec, [{ name: 'f', text: '$TargetDedicatedNodes = 1;' }], { mode: 'closed' });
    expect(out.ok ? [] : out.errors[0]).toMatch(
      /a closed-loop replay needs \$PendingTasks \(or \$ActiveTasks and \$RunningTasks\) in the recording, or a task log$/,
    );
  });

  it('the simulated metrics continue the recorded history before the start', async () => {
    const rec = await recording(
      csv(['$PendingTasks', '$RunningTasks', '$SucceededTasks'], 61, (row, c) =>
        c === '$SucceededTasks' ? 0 : row < 20 ? 9 : 0,
      ),
    );
    const out = runReplay(rec, [{ name: 'f', text: 'h = $PendingTasks.GetSample(TimeInterval_Minute * 12, 0);' }], {
      mode: 'closed',
      from: T0 + 10 * MIN,
      to: T0 + 10 * MIN,
    });
    if (!out.ok) throw new Error(out.errors.join());
    // At 10:00 with a 30-s delay the window (-2:00, 10:00] shows the recorded samples 0:00..9:30.
    expect(must(must(out.replay.formulas[0]).timeline[0]).results.replace(/^.*;h=/, '')).toBe(
      `[${new Array(20).fill(9).join(',')}]`,
    );
    // At 15:00: recorded 3:30..9:30, then the simulation's own samples from 10:00 (the pool is empty then).
    const later = runReplay(rec, [{ name: 'f', text: 'h = $PendingTasks.GetSample(TimeInterval_Minute * 12, 0);' }], {
      mode: 'closed',
      from: T0 + 10 * MIN,
      to: T0 + 15 * MIN,
      interval: 5 * MIN,
    });
    expect(later.ok && must(must(later.replay.formulas[0]).timeline[1]).results.replace(/^.*;h=/, '')).toBe(
      `[${[...new Array(13).fill(9), ...new Array(10).fill(0)].join(',')}]`,
    );
  });
});
