// Whole-formula templates offered by completion at the start of a statement: the patterns users
// write again and again (docs' examples and the questions on forums). Each is formula text with
// `${n:default}` placeholders for the numbers a user tunes; a test checks that every template,
// with its defaults, checks without errors or warnings.

import { snippetFromTemplate } from '../snippets.ts';

export interface FormulaTemplate {
  /** Short name shown in the completion list. */
  label: string;
  /** What the formula does, one sentence. */
  description: string;
  /** Snippet text (placeholders for the tunable numbers, `$` escaped). */
  snippet: string;
  /** The formula the snippet inserts with every placeholder at its default. */
  text: string;
}

const SOURCES: ReadonlyArray<{ label: string; description: string; template: string }> = [
  {
    label: 'pending tasks',
    description:
      'Scale dedicated nodes to the pending tasks, using the last sample until 15 minutes of samples exist (docs, Example 2).',
    template: `// Scale on pending tasks: the 15-minute history when enough samples exist, else the last sample.
$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * \${1:15});
$tasks = $samples < 70 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * \${1:15})));
$targetVMs = $tasks > 0 ? $tasks : max(0, $TargetDedicatedNodes / 2);
$TargetDedicatedNodes = max(0, min($targetVMs, \${2:20}));
$NodeDeallocationOption = taskcompletion;
`,
  },
  {
    label: 'CPU',
    description:
      'Grow the pool by 10% while the average CPU is high and shrink it by 10% while it is low, within bounds.',
    template: `// Scale on CPU: the 10-minute average CPU percentage (0-100) drives the pool size.
$enoughSamples = $CPUPercent.GetSamplePercent(TimeInterval_Minute * 10) >= 70;
$cpu = $enoughSamples ? avg($CPUPercent.GetSample(TimeInterval_Minute * 10)) : 50;
$grown = $cpu > \${1:70} ? $CurrentDedicatedNodes * 1.1 : $CurrentDedicatedNodes;
$resized = $cpu < \${2:20} ? $CurrentDedicatedNodes * 0.9 : $grown;
$TargetDedicatedNodes = max(\${3:1}, min(\${4:20}, $resized));
$NodeDeallocationOption = taskcompletion;
`,
  },
  {
    label: 'time of day',
    description:
      'More nodes during working hours on weekdays, fewer otherwise; time() is UTC, so shift it to your time zone.',
    template: `// Scale by time of day: time() is UTC, so add your time zone's offset in hours.
$curTime = time() + (\${1:0} * TimeInterval_Hour);
$workHours = $curTime.hour >= \${2:8} && $curTime.hour < \${3:18};
$isWeekday = $curTime.weekday >= 1 && $curTime.weekday <= 5;
$TargetDedicatedNodes = $workHours && $isWeekday ? \${4:20} : \${5:2};
$NodeDeallocationOption = taskcompletion;
`,
  },
  {
    label: 'pool age',
    description:
      'Keep an initial pool size while the pool is young, then scale down to 0 when no tasks ran or waited for an hour (docs, Example 4).',
    template: `// Pool age: keep the initial size for the first minutes, then drop to 0 when idle for an hour.
lifespan = time() - time("\${1:Mon, 06 Oct 2014 10:20:00 GMT}");
span = TimeInterval_Minute * 60;
startup = TimeInterval_Minute * \${2:10};
ratio = 50;
$TargetDedicatedNodes = lifespan > startup ? (max($RunningTasks.GetSample(span, ratio), $ActiveTasks.GetSample(span, ratio)) == 0 ? 0 : $TargetDedicatedNodes) : \${3:4};
`,
  },
];

export const TEMPLATES: readonly FormulaTemplate[] = SOURCES.map((s) => {
  const { snippet, plain } = snippetFromTemplate(s.template);
  return { label: s.label, description: s.description, snippet, text: plain };
});
