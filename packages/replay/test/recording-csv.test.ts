// The wide CSV recording reader: columns resolved by core's registry, missing samples, shared time
// arrays, metadata from header lines and the side file, and every kind of malformed input, each
// reported as file:line:col before anything is replayed.

import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstant, registry } from '@autoscale/core';
import { formatRecordingError, MAX_READ_ERRORS, readRecording, recordableColumnNames } from '@autoscale/replay';
import { InstantParser, parseNumberCell } from '../src/recording/cells.ts';
import { csv, iso, MIN, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

async function errorsOf(text: string, name = 'bad.csv'): Promise<string[]> {
  const r = await readRecording(files.write(name, text), { display: name });
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors.map(formatRecordingError);
}

describe('wide CSV recordings', () => {
  it('reads columns into histories; an empty cell is a missing sample', async () => {
    const text = csv(['$PendingTasks', '$CPUPercent', '$CurrentDedicatedNodes'], 4, (r, c) =>
      c === '$CPUPercent' && r === 2 ? '' : r * 10 + (c === '$CurrentDedicatedNodes' ? 1 : 0),
    );
    const r = await readRecording(files.write('ok.csv', text));
    if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
    const rec = r.value;
    expect(rec.format).toBe('csv');
    expect([...rec.times]).toEqual([0, 1, 2, 3].map((i) => T0 + i * 30_000));
    expect([...(rec.columns.get('$PendingTasks')?.values ?? [])]).toEqual([0, 10, 20, 30]);
    const cpu = rec.columns.get('$CPUPercent');
    expect([...(cpu?.times ?? [])]).toEqual([T0, T0 + 30_000, T0 + 90_000]);
    expect([...(cpu?.values ?? [])]).toEqual([0, 10, 30]);
    // A column without gaps shares the row-time array: one array for a pool-year of columns.
    expect(rec.columns.get('$PendingTasks')?.times).toBe(rec.times);
    expect(rec.columns.get('$CurrentDedicatedNodes')?.times).toBe(rec.times);
    expect(rec.present).toEqual(['$PendingTasks', '$CPUPercent', '$CurrentDedicatedNodes']);
  });

  it('accepts aliases and stores them under the full name; keeps only the columns asked for (after validating all)', async () => {
    const path = files.write(
      'alias.csv',
      csv(['$CurrentDedicated', '$CPUPercent'], 2, () => 3),
    );
    const r = await readRecording(path, { keep: (n) => n !== '$CPUPercent' });
    if (!r.ok) throw new Error('unexpected');
    expect([...r.value.columns.keys()]).toEqual(['$CurrentDedicatedNodes']);
    expect(r.value.present).toEqual(['$CurrentDedicatedNodes', '$CPUPercent']);
    const bad = await readRecording(
      files.write(
        'dropped-bad.csv',
        csv(['$CPUPercent'], 2, (row) => (row === 1 ? 'x' : 1)),
      ),
      { keep: () => false, display: 'dropped-bad.csv' },
    );
    expect(bad.ok ? [] : bad.errors.map(formatRecordingError)).toEqual([
      'dropped-bad.csv:3:22: $CPUPercent: "x" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)',
    ]);
  });

  it('every recordable column name comes from the registry: sampled metrics and the varying pool values', () => {
    const names = recordableColumnNames();
    for (const v of registry.variables) {
      if (v.sampled) expect(names).toContain(v.name);
      if (v.access === 'readwrite') expect(names).not.toContain(v.name);
    }
    expect(names).toContain('$CurrentDedicatedNodes');
    expect(names).toContain('$CurrentDedicated');
    expect(names).not.toContain('$TaskSlotsPerNode');
  });

  it('reads metadata from "# key: value" lines and from NAME.meta.json; free comments are ignored', async () => {
    const header = [
      '# recorded by our poller',
      '# taskSlotsPerNode: 4',
      '# evaluationInterval: 5m',
      '# poolId: render',
    ];
    const path = files.write(
      'meta.csv',
      csv(['$PendingTasks'], 2, () => 1, T0, header),
    );
    files.write('meta.meta.json', JSON.stringify({ allocationLatency: '90s', maxDedicatedNodes: 12 }));
    const r = await readRecording(path);
    if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
    expect(r.value.meta).toEqual({
      taskSlotsPerNode: 4,
      evaluationInterval: 5 * MIN,
      poolId: 'render',
      allocationLatency: 90_000,
      maxDedicatedNodes: 12,
    });
  });

  it('a bare CSV with only timestamp and metrics needs no metadata', async () => {
    const r = await readRecording(files.write('bare.csv', 'timestamp,$ActiveTasks\n2026-01-05T00:00:00Z,3\n'));
    expect(r.ok && r.value.meta).toEqual({});
  });

  it.each([
    ['first column', 'time,$PendingTasks\n', 'bad.csv:1:1: the first column must be "timestamp", got "time"'],
    [
      'unknown column with a suggestion',
      'timestamp,$PendingTask\n',
      'bad.csv:1:11: unknown column "$PendingTask"; did you mean "$PendingTasks"?',
    ],
    [
      'a formula output as a column',
      'timestamp,$TargetDedicatedNodes\n',
      "bad.csv:1:11: $TargetDedicatedNodes is what a formula sets, not a recorded metric; the pool's starting targets go in the metadata (initialTargetDedicatedNodes, initialTargetLowPriorityNodes)",
    ],
    [
      'a pool setting as a column',
      'timestamp,$TaskSlotsPerNode\n',
      'bad.csv:1:11: $TaskSlotsPerNode is fixed when the pool is created: set it in the metadata (taskSlotsPerNode), not as a column',
    ],
    [
      'a column twice under two spellings',
      'timestamp,$CurrentDedicated,$CurrentDedicatedNodes\n',
      'bad.csv:1:29: column $CurrentDedicatedNodes repeats $CurrentDedicatedNodes (column 11)',
    ],
    ['an empty column name', 'timestamp,,$PendingTasks\n', 'bad.csv:1:11: empty column name'],
    [
      'too few cells',
      'timestamp,$PendingTasks,$RunningTasks\n2026-01-05T00:00:00Z,1\n',
      'bad.csv:2: expected 3 cells (timestamp and 2 metrics), got 2',
    ],
    [
      'too many cells',
      'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,1,2\n',
      'bad.csv:2: expected 2 cells (timestamp and 1 metrics), got 3',
    ],
    [
      'a timestamp without a zone',
      'timestamp,$PendingTasks\n2026-01-05T00:00:00,1\n',
      'bad.csv:2:1: timestamp: "2026-01-05T00:00:00" is not an ISO 8601 instant like "2026-01-05T10:00:00Z" (a zone, e.g. "Z", is required)',
    ],
    [
      'an impossible date',
      'timestamp,$PendingTasks\n2026-02-30T00:00:00Z,1\n',
      'bad.csv:2:1: timestamp: "2026-02-30T00:00:00Z": no such date',
    ],
    [
      'a duplicate timestamp',
      'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,1\n2026-01-05T00:00:00Z,2\n',
      'bad.csv:3:1: duplicate timestamp 2026-01-05T00:00:00Z (the previous row has the same)',
    ],
    [
      'timestamps going back',
      'timestamp,$PendingTasks\n2026-01-05T00:01:00Z,1\n2026-01-05T00:00:30Z,2\n',
      "bad.csv:3:1: timestamps must increase: 2026-01-05T00:00:30Z is before the previous row's 2026-01-05T00:01:00Z",
    ],
    [
      'a word for a number',
      'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,many\n',
      'bad.csv:2:22: $PendingTasks: "many" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)',
    ],
    [
      'NaN',
      'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,NaN\n',
      'bad.csv:2:22: $PendingTasks: "NaN" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)',
    ],
    [
      'hexadecimal',
      'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,0x10\n',
      'bad.csv:2:22: $PendingTasks: "0x10" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)',
    ],
    [
      'a decimal comma',
      'timestamp,$CPUPercent,$PendingTasks\n2026-01-05T00:00:00Z,"1,5",3\n',
      'bad.csv:2: expected 3 cells (timestamp and 2 metrics), got 4',
    ],
    [
      'a negative count',
      'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,-1\n',
      'bad.csv:2:22: $PendingTasks: -1 is negative (tasks cannot be)',
    ],
    [
      'a percentage above 100',
      'timestamp,$CPUPercent\n2026-01-05T00:00:00Z,120\n',
      'bad.csv:2:22: $CPUPercent: 120 is above 100 ($CPUPercent samples are percentages, 0-100)',
    ],
    [
      'a fractional node count',
      'timestamp,$CurrentDedicatedNodes\n2026-01-05T00:00:00Z,2.5\n',
      'bad.csv:2:22: $CurrentDedicatedNodes: 2.5 is not a whole number ($CurrentDedicatedNodes counts nodes)',
    ],
    [
      'an unknown metadata key',
      '# taskSlotPerNode: 2\ntimestamp,$PendingTasks\n',
      'bad.csv:1:1: unknown metadata key "taskSlotPerNode"; did you mean "taskSlotsPerNode"?',
    ],
    [
      'a bad metadata value',
      '# taskSlotsPerNode: 0\ntimestamp,$PendingTasks\n',
      'bad.csv:1:1: taskSlotsPerNode must be a whole number from 1 to 256, got "0"',
    ],
    [
      'an interval the service refuses',
      '# evaluationInterval: 1m\ntimestamp,$PendingTasks\n',
      'bad.csv:1:1: evaluationInterval must be between 5m and 7d, got 1m',
    ],
    [
      'metadata after the header',
      'timestamp,$PendingTasks\n# taskSlotsPerNode: 2\n2026-01-05T00:00:00Z,1\n',
      'bad.csv:2:1: metadata (taskSlotsPerNode) must come before the header row',
    ],
    ['an empty file', '', 'bad.csv: no header row (expected "timestamp,$PendingTasks,...")'],
    [
      'a header and no rows',
      'timestamp,$PendingTasks\n',
      'bad.csv: no rows: a recording needs at least one sample time',
    ],
  ])('refuses %s', async (_, text, message) => {
    expect(await errorsOf(text)).toEqual([message]);
  });

  it('reports several mistakes in one pass and stops after MAX_READ_ERRORS', async () => {
    const text = csv(['$PendingTasks'], 50, (r) => (r % 2 === 0 ? 'x' : 1));
    const errors = await errorsOf(text, 'many.csv');
    expect(errors).toHaveLength(MAX_READ_ERRORS + 1);
    expect(errors[0]).toMatch(/^many\.csv:2:22: /);
    expect(errors[1]).toMatch(/^many\.csv:4:22: /);
    expect(errors.at(-1)).toBe(`many.csv: stopped after ${MAX_READ_ERRORS} errors`);
  });

  it('reports a bad side file and a key set in both places', async () => {
    const path = files.write(
      'side.csv',
      csv(['$PendingTasks'], 1, () => 1, T0, ['# taskSlotsPerNode: 2']),
    );
    files.write('side.meta.json', '{"taskSlotsPerNode": 2, "maxLowPriorityNodes": -1}');
    const r = await readRecording(path, { display: 'side.csv' });
    expect(r.ok ? [] : r.errors.map(formatRecordingError)).toEqual([
      `${files.dir}/side.meta.json: maxLowPriorityNodes must be a whole number >= 0, got -1`,
    ]);
    files.write('side.meta.json', '{"taskSlotsPerNode": 2}');
    const clash = await readRecording(path, { display: 'side.csv' });
    expect(clash.ok ? [] : clash.errors.map(formatRecordingError)).toEqual([
      'side.csv: metadata "taskSlotsPerNode" is set both in the file and in side.meta.json',
    ]);
    files.write('side.meta.json', '{"taskSlotsPerNode": 2,}');
    const broken = await readRecording(path, { display: 'side.csv' });
    expect(broken.ok ? '' : formatRecordingError(broken.errors[0] as never)).toMatch(
      /side\.meta\.json: not valid JSON: /,
    );
  });

  it('a file that cannot be read is an error value', async () => {
    const r = await readRecording(`${files.dir}/missing.csv`, { display: 'missing.csv' });
    expect(r.ok ? [] : r.errors.map(formatRecordingError)).toEqual([
      'missing.csv: cannot read: no such file or directory',
    ]);
    const dir = await readRecording(files.dir, { display: 'dir' });
    expect(dir.ok ? [] : dir.errors.map(formatRecordingError)).toEqual(['dir: cannot read: is a directory']);
  });

  it('handles CRLF line ends, a byte order mark and quoted header names', async () => {
    const r = await readRecording(
      files.write('crlf.csv', '\uFEFFtimestamp,"$PendingTasks"\r\n2026-01-05T00:00:00Z,7\r\n'),
    );
    expect(r.ok && [...(r.value.columns.get('$PendingTasks')?.values ?? [])]).toEqual([7]);
  });
});

describe('cell parsers agree with the general rules', () => {
  it('the fast instant path gives what core parseInstant gives', () => {
    const parser = new InstantParser();
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
        fc.boolean(),
        (ms, millis) => {
          const text = millis ? new Date(ms).toISOString() : iso(Math.floor(ms / 1000) * 1000);
          const expected = parseInstant(text);
          const got = parser.parse(text);
          expect(got.ok && got.ms).toBe(expected.ok && expected.ms);
        },
      ),
    );
    for (const text of [
      '2026-01-05T24:00:00Z',
      '2026-01-05T10:60:00Z',
      '2026-01-05T10:00:00.12Z',
      '2026-01-05T10:00:00+01:00',
      '2026-13-01T00:00:00Z',
    ]) {
      const expected = parseInstant(text);
      const got = parser.parse(text);
      expect(got.ok ? got.ms : got.reason).toEqual(expected.ok ? expected.ms : expected.reason);
    }
  });

  it('the fast number path gives what a strict decimal parse gives', () => {
    const strict = (s: string): number =>
      /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s) && Number.isFinite(Number(s)) ? Number(s) : Number.NaN;
    fc.assert(
      fc.property(
        fc.oneof(fc.integer().map(String), fc.double({ noNaN: true }).map(String), fc.string({ maxLength: 6 })),
        (s) => {
          fc.pre(s !== '');
          expect(
            Object.is(parseNumberCell(s), strict(s)) || (Number.isNaN(parseNumberCell(s)) && Number.isNaN(strict(s))),
          ).toBe(true);
        },
      ),
    );
  });
});
