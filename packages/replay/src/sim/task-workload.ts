// A task log as the closed loop's workload: the tasks submitted in the replayed range, in order of
// submission. Pure (no node:*); task-log.ts reads the file in Node.

import type { Workload } from './workload-model.ts';

export interface TaskLog {
  file: string;
  submitted: Float64Array;
  duration: Float64Array;
  slots: Uint16Array;
}

/** The tasks submitted in [from, to), sorted by submission; slots above the pool's are an error. */
export function workloadFromTaskLog(log: TaskLog, from: number, to: number, slotsPerNode: number): Workload | string {
  const order: number[] = [];
  for (let i = 0; i < log.submitted.length; i++) {
    const t = log.submitted[i] as number;
    if (t >= from && t < to) order.push(i);
    if ((log.slots[i] as number) > slotsPerNode)
      return `${log.file}: a task needs ${log.slots[i]} slots but nodes have ${slotsPerNode} (taskSlotsPerNode in the recording's metadata)`;
  }
  order.sort((a, b) => (log.submitted[a] as number) - (log.submitted[b] as number) || a - b);
  const dropped = log.submitted.length - order.length;
  return {
    count: order.length,
    submitted: Float64Array.from(order, (i) => log.submitted[i] as number),
    duration: Float64Array.from(order, (i) => log.duration[i] as number),
    slots: Uint16Array.from(order, (i) => log.slots[i] as number),
    fails: new Uint8Array(order.length),
    initial: 0,
    source: 'task-log',
    lowConfidence: [],
    notes: [
      `Tasks from the task log ${log.file}: ${order.length} in the replayed range${dropped > 0 ? `, ${dropped} outside it ignored` : ''}; the pool starts with no tasks.`,
    ],
  };
}
