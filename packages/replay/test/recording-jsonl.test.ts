// The JSON Lines recording reader: same columns as the CSV form, a missing key or null is a
// missing sample, an optional first line {"meta": ...}; malformed lines are file:line errors.

import { afterAll, describe, expect, it } from 'vitest';
import { formatRecordingError, readRecording } from '@autoscale/replay';
import { MIN, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const line = (o: unknown): string => JSON.stringify(o);

describe('JSON Lines recordings', () => {
  it('reads rows; absent keys and nulls are missing samples; columns may appear later', async () => {
    const text = [
      line({ meta: { taskSlotsPerNode: 2, evaluationInterval: '10m' } }),
      line({ timestamp: '2026-01-05T00:00:00Z', $PendingTasks: 4, $CPUPercent: null }),
      line({ timestamp: '2026-01-05T00:00:30Z', $PendingTasks: 5 }),
      '',
      line({ timestamp: '2026-01-05T00:01:00Z', $PendingTasks: 6, $CPUPercent: 50, $CurrentDedicated: 3 }),
    ].join('\n');
    const r = await readRecording(files.write('ok.jsonl', text));
    if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
    expect(r.value.format).toBe('jsonl');
    expect(r.value.meta).toEqual({ taskSlotsPerNode: 2, evaluationInterval: 10 * MIN });
    expect([...(r.value.columns.get('$PendingTasks')?.values ?? [])]).toEqual([4, 5, 6]);
    expect(r.value.columns.get('$PendingTasks')?.times).toBe(r.value.times);
    expect([...(r.value.columns.get('$CPUPercent')?.times ?? [])]).toEqual([T0 + 60_000]);
    expect([...(r.value.columns.get('$CurrentDedicatedNodes')?.times ?? [])]).toEqual([T0 + 60_000]);
    expect(r.value.present).toEqual(['$PendingTasks', '$CPUPercent', '$CurrentDedicatedNodes']);
  });

  it.each([
    ['broken JSON', '{"timestamp": "2026-01-05T00:00:00Z", ', /^bad\.jsonl:1: not valid JSON: /],
    ['a line that is not an object', '[1, 2]', /^bad\.jsonl:1: each line must be a JSON object/],
    [
      'a missing timestamp',
      line({ $PendingTasks: 1 }),
      /^bad\.jsonl:1: "timestamp" must be an ISO 8601 instant string like "2026-01-05T00:00:00Z" \(it is missing\)$/,
    ],
    [
      'a bad timestamp',
      line({ timestamp: 'yesterday', $PendingTasks: 1 }),
      /^bad\.jsonl:1: timestamp: "yesterday" is not an ISO 8601 instant/,
    ],
    [
      'an unknown key',
      line({ timestamp: '2026-01-05T00:00:00Z', $PendingTask: 1 }),
      /^bad\.jsonl:1: unknown column "\$PendingTask"; did you mean "\$PendingTasks"\?$/,
    ],
    [
      'a number given as a string',
      line({ timestamp: '2026-01-05T00:00:00Z', $PendingTasks: '1' }),
      /^bad\.jsonl:1: \$PendingTasks: expected a number or null \(missing sample\), got "1"$/,
    ],
    [
      'a negative value',
      line({ timestamp: '2026-01-05T00:00:00Z', $RunningTasks: -2 }),
      /^bad\.jsonl:1: \$RunningTasks: -2 is negative/,
    ],
    [
      'a variable under two spellings',
      line({ timestamp: '2026-01-05T00:00:00Z', $CurrentDedicated: 1, $CurrentDedicatedNodes: 1 }),
      /^bad\.jsonl:1: \$CurrentDedicatedNodes is given twice/,
    ],
    // A null is a missing sample, but the key still names the variable: one null spelling is still a repeat.
    [
      'a variable under two spellings, one null',
      line({ timestamp: '2026-01-05T00:00:00Z', $CurrentDedicated: null, $CurrentDedicatedNodes: 3 }),
      /^bad\.jsonl:1: \$CurrentDedicatedNodes is given twice/,
    ],
    [
      'a variable under two spellings, both null',
      line({ timestamp: '2026-01-05T00:00:00Z', $CurrentDedicatedNodes: null, $CurrentDedicated: null }),
      /^bad\.jsonl:1: \$CurrentDedicatedNodes is given twice/,
    ],
    [
      'bad metadata',
      line({ meta: { taskSlotsPerNode: 'two' } }),
      /^bad\.jsonl:1: meta: taskSlotsPerNode must be a whole number from 1 to 256, got "two"$/,
    ],
    ['a second metadata line', `${line({ meta: {} })}\n${line({ meta: {} })}`, /^bad\.jsonl:2: "timestamp" must be/],
    [
      'timestamps going back',
      `${line({ timestamp: '2026-01-05T00:01:00Z' })}\n${line({ timestamp: '2026-01-05T00:00:00Z' })}`,
      /^bad\.jsonl:2: timestamps must increase/,
    ],
  ])('refuses %s', async (_, text, pattern) => {
    const r = await readRecording(files.write('bad.jsonl', text), { display: 'bad.jsonl' });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : formatRecordingError(r.errors[0] as never)).toMatch(pattern);
  });
});
