// TimeInterval_* constants, timestamp members and the $NodeDeallocationOption keywords.

import { DOUBLE, INTERVAL } from '../types.ts';
import type { ConstantEntry, KeywordEntry, MemberEntry } from './entry.ts';

const SECOND = 1000;
const DAY = 86_400_000;

function interval(suffix: string, milliseconds: number, summary: string, extra = ''): ConstantEntry {
  const name = `TimeInterval_${suffix}`;
  return {
    kind: 'constant',
    name,
    type: INTERVAL,
    milliseconds,
    summary,
    docs: `${summary}${extra ? `\n\n${extra}` : ''}`,
    example: `span = ${name} * 2;`,
  };
}

export const CONSTANTS: readonly ConstantEntry[] = [
  interval('Zero', 0, 'A timeinterval of zero length.'),
  interval('100ns', 0.0001, 'A timeinterval of 100 nanoseconds (one .NET tick).'),
  interval('Microsecond', 0.001, 'A timeinterval of one microsecond.'),
  interval('Millisecond', 1, 'A timeinterval of one millisecond.'),
  interval('Second', SECOND, 'A timeinterval of one second.'),
  interval('Minute', 60 * SECOND, 'A timeinterval of one minute.'),
  interval('Hour', 3600 * SECOND, 'A timeinterval of one hour.'),
  interval('Day', DAY, 'A timeinterval of one day.'),
  interval('Week', 7 * DAY, 'A timeinterval of seven days.'),
  interval(
    'Year',
    365 * DAY,
    'A timeinterval of 365 days.',
    'The service does not document the length of a year; this toolkit uses 365 days (docs/semantics.md §8.3).',
  ),
];

function member(name: string, summary: string, read: (d: Date) => number, example: string, extra = ''): MemberEntry {
  return {
    kind: 'member',
    name,
    returns: DOUBLE,
    summary,
    docs: `${summary} In UTC: \`time()\` is UTC, so shift it for local time (\`(time() + (-6 * TimeInterval_Hour)).hour\`).${extra ? `\n\n${extra}` : ''}`,
    example,
    read: (ms) => read(new Date(ms)),
  };
}

export const TIMESTAMP_MEMBERS: readonly MemberEntry[] = [
  member('year', 'The year of a timestamp.', (d) => d.getUTCFullYear(), 'y = time().year;'),
  member('month', 'The month of a timestamp, 1 (January) to 12.', (d) => d.getUTCMonth() + 1, 'm = time().month;'),
  member('day', 'The day of the month, 1 to 31.', (d) => d.getUTCDate(), 'd = time().day;'),
  member(
    'weekday',
    'The day of the week, 0 (Sunday) to 6 (Saturday).',
    (d) => d.getUTCDay(),
    'isWeekday = time().weekday >= 1 && time().weekday <= 5;',
    'Monday is 1 as the docs say; Sunday is 0, following .NET (the docs are silent; docs/semantics.md §8.2), so `weekday == 7` is never true.',
  ),
  member('hour', 'The hour of the day, 0 to 23.', (d) => d.getUTCHours(), 'h = time().hour;'),
  member('minute', 'The minute of the hour, 0 to 59.', (d) => d.getUTCMinutes(), 'mi = time().minute;'),
  member('second', 'The second of the minute, 0 to 59.', (d) => d.getUTCSeconds(), 's = time().second;'),
];

function keyword(name: string, summary: string): KeywordEntry {
  return {
    kind: 'keyword',
    name,
    summary,
    docs: `${summary}\n\nOnly valid as the bare right-hand side of \`$NodeDeallocationOption = ${name};\`.`,
    example: `$NodeDeallocationOption = ${name};`,
  };
}

export const KEYWORDS: readonly KeywordEntry[] = [
  keyword('requeue', 'Default: stop running tasks on removed nodes at once and put them back in the queue.'),
  keyword('terminate', 'Stop running tasks on removed nodes at once and remove them from the job.'),
  keyword(
    'taskcompletion',
    'Let running tasks finish before removing their nodes; no new tasks are scheduled on them.',
  ),
  keyword(
    'retaineddata',
    'Wait until the data retained by tasks on the nodes has been cleaned up before removing them.',
  ),
];
