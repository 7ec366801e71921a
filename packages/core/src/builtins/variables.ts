// Service-defined variables: the three read-write outputs, the sampled metrics and the plain
// pool numbers (docs/semantics.md §4). Names are case-sensitive.

import type { VariableEntry } from './entry.ts';

const SAMPLED_DOCS =
  'A sampled metric: one sample every 30 seconds, available after a delay (about a minute in the service; ' +
  "this toolkit uses the context's `availabilityDelay`, 30 s by default). Read it with `GetSample`, " +
  '`GetSamplePercent`, `Count`, `HistoryBeginTime` or `GetSamplePeriod`. Used directly as a number it is its ' +
  'most recent available sample, which may be old.';

function metric(name: string, unit: string, summary: string, extra = '', retired = false): VariableEntry {
  const retirement = retired
    ? '\n\n**Retired** after 31 March 2024: the service no longer populates it with samples, so windows over it fail with `InsufficientSampleData`.'
    : '';
  const example = `$samples = ${name}.GetSamplePercent(TimeInterval_Minute * 10);`;
  const entry: VariableEntry = {
    kind: 'variable',
    name,
    aliases: [],
    access: 'read',
    sampled: true,
    unit,
    summary,
    docs: `${summary}${extra ? ` ${extra}` : ''}\n\n${SAMPLED_DOCS}${retirement}`,
    example,
  };
  if (retired) entry.retired = true;
  return entry;
}

function plain(
  name: string,
  aliases: string[],
  poolField: NonNullable<VariableEntry['poolField']>,
  summary: string,
  docs: string,
): VariableEntry {
  return {
    kind: 'variable',
    name,
    aliases,
    access: 'read',
    sampled: false,
    unit: 'nodes',
    poolField,
    summary,
    docs: `${summary}\n\n${docs}`,
    example: `$TargetDedicatedNodes = max(0, ${name});`,
  };
}

export const VARIABLES: readonly VariableEntry[] = [
  {
    kind: 'variable',
    name: '$TargetDedicatedNodes',
    aliases: ['$TargetDedicated'],
    access: 'readwrite',
    sampled: false,
    unit: 'nodes',
    summary: 'Target number of dedicated nodes for the pool.',
    docs:
      "Target number of dedicated compute nodes. Starts as the pool's current target and may be read before it is assigned. " +
      'Fractional values are truncated toward zero when applied (58.25 becomes 58); negative values are applied as 0; ' +
      'NaN or infinity is an evaluation error. A target, because quota or a resize in progress may keep the pool from reaching it.\n\n' +
      '`$TargetDedicated` is the legacy alias; when both are assigned, `$TargetDedicatedNodes` wins and results always print the full name.',
    example: '$TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1));',
  },
  {
    kind: 'variable',
    name: '$TargetLowPriorityNodes',
    aliases: ['$TargetLowPriority'],
    access: 'readwrite',
    sampled: false,
    unit: 'nodes',
    summary: 'Target number of low-priority (Spot) nodes for the pool.',
    docs:
      "Target number of Spot/low-priority compute nodes. Starts as the pool's current target. Truncated toward zero when applied; " +
      'negative values are applied as 0.\n\n`$TargetLowPriority` is the legacy alias; the full name wins when both are assigned.',
    example: '$TargetLowPriorityNodes = 5;',
  },
  {
    kind: 'variable',
    name: '$NodeDeallocationOption',
    aliases: [],
    access: 'readwrite',
    sampled: false,
    unit: 'keyword',
    summary: 'What happens to running tasks on nodes removed by a shrink.',
    docs:
      'One of the bare keywords `requeue` (default: stop tasks and put them back in the queue), `terminate` (stop tasks and drop them), ' +
      '`taskcompletion` (wait for running tasks to finish) or `retaineddata` (wait until task data retention expires). ' +
      'Quoted words and any other value are errors.',
    example: '$NodeDeallocationOption = taskcompletion;',
  },
  {
    ...metric(
      '$CPUPercent',
      'percent (0-100)',
      'The average percentage of CPU usage.',
      'Samples are percentages from 0 to 100: compare them with 70, not 0.7.',
    ),
    percentage: true,
  },
  metric('$WallClockSeconds', 'seconds', 'The number of seconds consumed.', '', true),
  metric(
    '$MemoryBytes',
    'megabytes',
    'The average number of megabytes used.',
    'Despite its name the unit is megabytes.',
    true,
  ),
  metric(
    '$DiskBytes',
    'gigabytes',
    'The average number of gigabytes used on the local disks.',
    'Despite its name the unit is gigabytes.',
    true,
  ),
  metric('$DiskReadBytes', 'bytes', 'The number of bytes read.', '', true),
  metric('$DiskWriteBytes', 'bytes', 'The number of bytes written.', '', true),
  metric('$DiskReadOps', 'operations', 'The count of read disk operations performed.', '', true),
  metric('$DiskWriteOps', 'operations', 'The count of write disk operations performed.', '', true),
  metric('$NetworkInBytes', 'bytes', 'The number of inbound bytes.', '', true),
  metric('$NetworkOutBytes', 'bytes', 'The number of outbound bytes.', '', true),
  metric('$SampleNodeCount', 'nodes', 'The count of compute nodes.', '', true),
  metric(
    '$ActiveTasks',
    'tasks',
    'The number of tasks ready to run but not yet running.',
    'Tasks whose dependencies are not met are excluded; a multi-instance task counts its instances. Scaling down on it alone can shrink the pool under running tasks: use `$PendingTasks` or `$RunningTasks` for that.',
  ),
  metric('$RunningTasks', 'tasks', 'The number of tasks in a running state.'),
  metric('$PendingTasks', 'tasks', 'The sum of $ActiveTasks and $RunningTasks.'),
  metric('$SucceededTasks', 'tasks', 'The number of tasks that finished successfully.'),
  metric('$FailedTasks', 'tasks', 'The number of tasks that failed.'),
  metric('$PreemptedNodeCount', 'nodes', 'The number of nodes in the pool that are in a preempted state.'),
  plain(
    '$CurrentDedicatedNodes',
    ['$CurrentDedicated'],
    'currentDedicatedNodes',
    'The current number of dedicated compute nodes.',
    'A plain number, not a sampled metric. `$CurrentDedicated` is its legacy name, still accepted.',
  ),
  plain(
    '$CurrentLowPriorityNodes',
    [],
    'currentLowPriorityNodes',
    'The current number of low-priority (Spot) compute nodes, including preempted ones.',
    'A plain number, not a sampled metric.',
  ),
  {
    ...plain(
      '$TaskSlotsPerNode',
      [],
      'taskSlotsPerNode',
      'The number of task slots per node: how many tasks can run concurrently on one node.',
      'A plain number set when the pool is created.',
    ),
    unit: 'slots',
  },
  plain(
    '$UsableNodeCount',
    [],
    'usableNodeCount',
    'The number of usable compute nodes.',
    'A plain number. The service does not document how it is computed; this toolkit takes it from the context (default: all current nodes).',
  ),
];
