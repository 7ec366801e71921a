// Importers on small files shaped like the real thing: `az monitor metrics list --output json` for
// a Batch account, and a JSON Lines log of polled REST taskcounts/nodecounts. Checks the mapping
// tables of IMPORTERS.md, the notes about what cannot be derived, detection, and bad input.

import { afterAll, describe, expect, it } from 'vitest';
import { formatRecordingError, readRecording, type Recording } from '@autoscale/replay';
import { T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const metric = (name: string, series: Array<{ pool?: string; points: Array<[string, number | null]> }>) => ({
  id: `/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct/providers/Microsoft.Insights/metrics/${name}`,
  name: { localizedValue: name, value: name },
  resourceGroup: 'rg',
  errorCode: 'Success',
  type: 'Microsoft.Insights/metrics',
  unit: 'Count',
  timeseries: series.map((s) => ({
    metadatavalues:
      s.pool === undefined ? [] : [{ name: { localizedValue: 'poolId', value: 'poolId' }, value: s.pool }],
    data: s.points.map(([timeStamp, total]) => (total === null ? { timeStamp } : { timeStamp, total })),
  })),
});

const AZ = {
  cost: 59,
  interval: 'PT1M',
  namespace: 'Microsoft.Batch/batchAccounts',
  resourceregion: 'westeurope',
  timespan: '2026-01-05T00:00:00Z/2026-01-05T00:02:00Z',
  value: [
    metric('TotalNodeCount', [
      {
        points: [
          ['2026-01-05T00:00:00+00:00', 2],
          ['2026-01-05T00:01:00+00:00', 3],
        ],
      },
    ]),
    metric('TotalLowPriorityNodeCount', [
      {
        points: [
          ['2026-01-05T00:00:00+00:00', 1],
          ['2026-01-05T00:01:00+00:00', null],
        ],
      },
    ]),
    metric('PreemptedNodeCount', [
      {
        points: [
          ['2026-01-05T00:00:00+00:00', 0],
          ['2026-01-05T00:01:00+00:00', 1],
        ],
      },
    ]),
    metric('TaskCompleteEvent', [
      {
        pool: 'render',
        points: [
          ['2026-01-05T00:00:00+00:00', 6],
          ['2026-01-05T00:01:00+00:00', 4],
        ],
      },
      {
        pool: 'etl',
        points: [
          ['2026-01-05T00:00:00+00:00', 10],
          ['2026-01-05T00:01:00+00:00', 0],
        ],
      },
    ]),
    metric('TaskFailEvent', [
      {
        pool: 'render',
        points: [
          ['2026-01-05T00:00:00+00:00', 2],
          ['2026-01-05T00:01:00+00:00', 0],
        ],
      },
    ]),
    metric('ApiCount', [{ points: [['2026-01-05T00:00:00+00:00', 99]] }]),
  ],
};

const values = (r: Recording, name: string): Array<[number, number]> => {
  const h = r.columns.get(name);
  return h === undefined ? [] : [...h.times].map((t, i) => [(t - T0) / 1000, h.values[i] as number]);
};

async function read(name: string, text: string, meta?: unknown): Promise<Recording> {
  const path = files.write(name, text);
  if (meta !== undefined) files.write(name.replace(/\.[^.]+$/, '.meta.json'), JSON.stringify(meta));
  const r = await readRecording(path, { display: name });
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  return r.value;
}

describe('Azure Monitor importer (az monitor metrics list --output json)', () => {
  it('maps node counts, preemptions and task events onto 30-second samples', async () => {
    const r = await read('account.json', JSON.stringify(AZ, null, 2));
    expect(r.format).toBe('azure-monitor');
    // Each one-minute point becomes two 30-s samples; gauges repeat.
    expect(values(r, '$CurrentDedicatedNodes')).toEqual([
      [0, 2],
      [30, 2],
      [60, 3],
      [90, 3],
    ]);
    // A minute without a value is a missing sample.
    expect(values(r, '$CurrentLowPriorityNodes')).toEqual([
      [0, 1],
      [30, 1],
    ]);
    expect(values(r, '$PreemptedNodeCount')).toEqual([
      [0, 0],
      [30, 0],
      [60, 1],
      [90, 1],
    ]);
    // Event counts of both pools add up and are split between the two samples; succeeded = complete - fail.
    expect(values(r, '$SucceededTasks')).toEqual([
      [0, 7],
      [30, 7],
      [60, 2],
      [90, 2],
    ]);
    expect(values(r, '$FailedTasks')).toEqual([
      [0, 1],
      [30, 1],
      [60, 0],
      [90, 0],
    ]);
    // No queue length: the task gauges are not invented.
    expect(r.columns.has('$PendingTasks')).toBe(false);
    expect(r.columns.has('$ActiveTasks')).toBe(false);
    expect(r.notes.join('\n')).toMatch(/Not derivable: \$ActiveTasks, \$RunningTasks and \$PendingTasks/);
    expect(r.notes.join('\n')).toMatch(/ignored: ApiCount/);
    expect(r.notes.join('\n')).toMatch(/Task events of 2 pools were added up/);
  });

  it("takes one pool's task events when the metadata names the pool", async () => {
    const r = await read('one-pool.json', JSON.stringify(AZ, null, 2), { poolId: 'RENDER' });
    expect(values(r, '$SucceededTasks')).toEqual([
      [0, 2],
      [30, 2],
      [60, 2],
      [90, 2],
    ]);
    expect(r.meta.poolId).toBe('RENDER');
  });

  it('refuses documents that are not az output, with the JSON path of the problem', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ values: [] }, /bad\.json: expected the output of `az monitor metrics list --output json`/],
      [
        { value: [{ name: 'TotalNodeCount' }] },
        /bad\.json: value\[0\]: expected a metric with "name": \{"value": \.\.\.\} and a "timeseries" array/,
      ],
      [
        { value: [metric('TotalNodeCount', [{ points: [['5 Jan', 1]] }])] },
        /bad\.json: value\[0\]\.timeseries\[0\]\.data\[0\]\.timeStamp: "5 Jan" is not an ISO 8601 instant/,
      ],
      [
        { value: [metric('TotalNodeCount', [{ points: [['2026-01-05T00:00:00Z', -1]] }])] },
        /bad\.json: value\[0\]\.timeseries\[0\]\.data\[0\]\.total: expected a non-negative number, got -1/,
      ],
      [
        { value: [metric('ApiCount', [{ points: [['2026-01-05T00:00:00Z', 1]] }])] },
        /bad\.json: no data points for any mapped metric/,
      ],
    ];
    for (const [doc, pattern] of cases) {
      const r = await readRecording(files.write('bad.json', JSON.stringify(doc, null, 2)), { display: 'bad.json' });
      expect(r.ok ? '' : r.errors.map(formatRecordingError).join('\n')).toMatch(pattern);
    }
    const broken = await readRecording(files.write('broken.json', '{\n  "value": [\n'), { display: 'broken.json' });
    expect(broken.ok ? '' : formatRecordingError(broken.errors[0] as never)).toMatch(/^broken\.json: not valid JSON: /);
  });
});

const poll = (
  seconds: number,
  tasks: Record<string, number>,
  dedicated: Record<string, number>,
  lowPriority: Record<string, number>,
) =>
  JSON.stringify({
    time: new Date(T0 + seconds * 1000).toISOString(),
    taskCounts: tasks,
    nodeCounts: { dedicated, lowPriority },
  });

describe('REST poll importer (taskcounts + nodecounts as JSON Lines)', () => {
  it('maps counts; cumulative succeeded/failed become completions per 30 s', async () => {
    const text = [
      poll(
        0,
        { active: 5, running: 4, completed: 10, succeeded: 9, failed: 1 },
        { total: 2, idle: 0, running: 2 },
        { total: 1, preempted: 0 },
      ),
      poll(
        30,
        { active: 3, running: 4, completed: 13, succeeded: 12, failed: 1 },
        { total: 2 },
        { total: 1, preempted: 1 },
      ),
      poll(
        90,
        { active: 1, running: 2, completed: 19, succeeded: 16, failed: 3 },
        { total: 3 },
        { total: 1, preempted: 0 },
      ),
    ].join('\n');
    const r = await read('polls.jsonl', text);
    expect(r.format).toBe('rest-poll');
    expect(values(r, '$ActiveTasks')).toEqual([
      [0, 5],
      [30, 3],
      [90, 1],
    ]);
    expect(values(r, '$RunningTasks')).toEqual([
      [0, 4],
      [30, 4],
      [90, 2],
    ]);
    expect(values(r, '$PendingTasks')).toEqual([
      [0, 9],
      [30, 7],
      [90, 3],
    ]);
    // The first poll has no previous one; a 60-s gap halves the growth to a per-30-s count.
    expect(values(r, '$SucceededTasks')).toEqual([
      [30, 3],
      [90, 2],
    ]);
    expect(values(r, '$FailedTasks')).toEqual([
      [30, 0],
      [90, 1],
    ]);
    expect(values(r, '$CurrentDedicatedNodes')).toEqual([
      [0, 2],
      [30, 2],
      [90, 3],
    ]);
    expect(values(r, '$CurrentLowPriorityNodes')).toEqual([
      [0, 1],
      [30, 1],
      [90, 1],
    ]);
    expect(values(r, '$PreemptedNodeCount')).toEqual([
      [0, 0],
      [30, 1],
      [90, 0],
    ]);
  });

  it('counts that go down (deleted jobs) give 0 completions and a note', async () => {
    const text = [
      poll(0, { active: 1, running: 1, succeeded: 50, failed: 0 }, { total: 1 }, { total: 0 }),
      poll(30, { active: 1, running: 1, succeeded: 10, failed: 0 }, { total: 1 }, { total: 0 }),
    ].join('\n');
    const r = await read('down.jsonl', text);
    expect(values(r, '$SucceededTasks')).toEqual([[30, 0]]);
    expect(r.notes.join('\n')).toMatch(/went down 1 times \(first at line 2/);
  });

  it.each([
    [
      'an unknown key',
      JSON.stringify({ time: '2026-01-05T00:00:00Z', taskCount: {} }),
      /^bad-poll\.jsonl:1: unknown key "taskCount"/,
    ],
    [
      'a missing time',
      JSON.stringify({ taskCounts: { active: 1 } }),
      /^bad-poll\.jsonl:1: "time" must be an ISO 8601 instant string$/,
    ],
    [
      'a fractional count',
      JSON.stringify({ time: '2026-01-05T00:00:00Z', taskCounts: { active: 1.5 } }),
      /^bad-poll\.jsonl:1: taskCounts\.active must be a whole number >= 0, got 1\.5$/,
    ],
    [
      'node counts that are not objects',
      JSON.stringify({ time: '2026-01-05T00:00:00Z', nodeCounts: 3 }),
      /^bad-poll\.jsonl:1: nodeCounts must be an object/,
    ],
    ['a broken line', '{"time": ', /^bad-poll\.jsonl:1: not valid JSON/],
  ])('refuses %s', async (_, text, pattern) => {
    const r = await readRecording(files.write('bad-poll.jsonl', text), {
      display: 'bad-poll.jsonl',
      format: 'rest-poll',
    });
    expect(r.ok ? '' : formatRecordingError(r.errors[0] as never)).toMatch(pattern);
  });
});

describe('format detection', () => {
  it('picks the reader from the content; --recording-format overrides', async () => {
    expect((await read('az-output.txt', JSON.stringify(AZ, null, 2))).format).toBe('azure-monitor');
    expect((await read('polls.log', poll(0, { active: 1, running: 0 }, { total: 1 }, { total: 0 }))).format).toBe(
      'rest-poll',
    );
    expect(
      (await read('rows.log', JSON.stringify({ timestamp: '2026-01-05T00:00:00Z', $PendingTasks: 1 }))).format,
    ).toBe('jsonl');
    expect((await read('table.txt', 'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,1\n')).format).toBe('csv');
    const forced = await readRecording(files.write('forced.csv', 'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,1\n'), {
      format: 'jsonl',
      display: 'forced.csv',
    });
    expect(forced.ok ? '' : formatRecordingError(forced.errors[0] as never)).toMatch(/^forced\.csv:1: not valid JSON/);
  });
});
