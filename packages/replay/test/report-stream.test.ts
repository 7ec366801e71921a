// The streamed JSON and CSV reports (json-stream.ts, csv-stream.ts) are the pure renderers' text,
// byte for byte, joined from their chunks: open and closed loop, failures with messages to quote,
// results strings with commas and quotes, several formulas and recordings, --compare, a service
// history, and timelines of every size; and each chunk stays about CHUNK_CHARS long.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant } from '@autoscale/core';
import {
  csvReportChunks,
  formatRecordingError,
  jsonReportChunks,
  readRecording,
  readServiceHistory,
  renderCsv,
  renderJson,
  renderText,
  replayFile,
  reportChunks,
  runReplay,
  type RecordingReplay,
  type TimelineRow,
} from '@autoscale/replay';
import { CHUNK_CHARS, rowJson, standardRowJson } from '../src/report/json-stream.ts';
import { hasRowKeys } from '../src/replay/timeline-row-keys.ts';
import { CsvLineWriter } from '../src/report/csv-line-writer.ts';
import { linePrefix, timelineLine } from '../src/report/csv.ts';
import { csv, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const FORMULAS = [
  { name: 'grow.autoscale', text: '$TargetDedicatedNodes = 3;\nv = [1, 2];\ns = "a,\\"b\\"";' },
  {
    name: 'bad "one", really.autoscale',
    text: '$TargetDedicatedNodes = avg($PendingTasks.GetSample(TimeInterval_Hour, 100));',
  },
  {
    name: 'half.autoscale',
    text: '$TargetDedicatedNodes = $CurrentDedicatedNodes / 2;\n$TargetLowPriorityNodes = 1.5;',
  },
];

let replays: RecordingReplay[];

beforeAll(async () => {
  const text = csv(
    ['$PendingTasks', '$RunningTasks', '$ActiveTasks', '$CurrentDedicatedNodes'],
    500,
    (row, c) => (c === '$CurrentDedicatedNodes' ? 2 + (row % 3) : c === '$PendingTasks' ? row % 9 : row % 4),
    T0,
    ['# poolId: <pool & "co">'],
  );
  const r = await readRecording(files.write('pool.csv', text));
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  const open = runReplay(r.value, FORMULAS, { mode: 'open', interval: 5 * 60_000, priceDedicated: 1.5 });
  const closed = runReplay(r.value, FORMULAS, { mode: 'closed', interval: 5 * 60_000 });
  if (!open.ok || !closed.ok) throw new Error('replay failed');
  const fixtures = join(import.meta.dirname, 'fixtures/service-history');
  const history = readServiceHistory([join(fixtures, 'events.jsonl')]);
  if (!history.ok) throw new Error('history');
  const agreed = await replayFile(
    join(fixtures, 'half-hour.csv'),
    [{ name: 'latest.autoscale', text: readFileSync(join(fixtures, 'latest.autoscale'), 'utf8') }],
    { mode: 'open', interval: 5 * 60_000, serviceHistory: history.value },
  );
  if (!agreed.ok) throw new Error(agreed.errors.join('\n'));
  replays = [open.replay, closed.replay, agreed.replay];
});

const joined = (chunks: Iterable<string>): string => [...chunks].join('');

/** Counts as rows hold them: small whole numbers too, which the writers keep joined with their text. */
const count = fc.oneof(
  fc.integer(),
  fc.integer({ min: -2, max: 1100 }),
  fc.double(),
  fc.constantFrom(-0, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 1023, 1024, 0.5),
);

/** Arbitraries of a timeline row's values but its time, in the row's key order, with `text` for its texts. */
function rowValues(text: fc.Arbitrary<string>) {
  const maybe = fc.option(count, { nil: null });
  return {
    results: text,
    error: fc.option(fc.record({ code: text, message: text }), { nil: null }),
    targetDedicated: count,
    targetLowPriority: count,
    deallocation: text,
    recordedDedicated: maybe,
    recordedLowPriority: maybe,
    simulatedDedicated: count,
    simulatedLowPriority: count,
    recordedActive: maybe,
    recordedPending: maybe,
    simulatedActive: maybe,
    simulatedPending: maybe,
  };
}

describe('streamed reports', () => {
  it('JSON: renderJson’s text, with and without --compare, for one replay or several', () => {
    for (const set of [[replays[0]], [replays[1]], [replays[2]], replays] as RecordingReplay[][]) {
      for (const compare of [false, true])
        expect(joined(jsonReportChunks(set, compare))).toBe(renderJson(set, compare));
    }
    // The fixtures hold what must be quoted and nested: failures, a service history, agreements.
    const json = renderJson(replays, true);
    expect(json).toContain('"error": {\n');
    expect(json).toContain('"agreement": {');
    expect(json).toContain('bad \\"one\\", really.autoscale');
  });

  it('CSV: renderCsv’s text, every line quoted where it must be', () => {
    for (const set of [[replays[0]], [replays[1]], replays] as RecordingReplay[][])
      expect(joined(csvReportChunks(set))).toBe(renderCsv(set));
    expect(renderCsv(replays)).toContain('"bad ""one"", really.autoscale"');
  });

  it('reportChunks: the text report whole, the others streamed', () => {
    expect(joined(reportChunks('text', replays, true))).toBe(renderText(replays, true));
    expect(joined(reportChunks('json', replays, false))).toBe(renderJson(replays, false));
    expect(joined(reportChunks('csv', replays, false))).toBe(renderCsv(replays));
  });

  it('no replay, and formulas with empty timelines', () => {
    expect(joined(jsonReportChunks([], false))).toBe(renderJson([], false));
    expect(joined(csvReportChunks([]))).toBe(renderCsv([]));
    const empty = { ...(replays[0] as RecordingReplay) };
    empty.formulas = empty.formulas.map((f) => ({ ...f, timeline: [] }));
    expect(joined(jsonReportChunks([empty], true))).toBe(renderJson([empty], true));
    expect(joined(csvReportChunks([empty]))).toBe(renderCsv([empty]));
    // Values JSON leaves out (undefined) beside a timeline, and writes as null in an array.
    const odd = { ...(replays[0] as RecordingReplay), notes: [undefined as unknown as string] };
    odd.formulas = odd.formulas.map((f) => ({
      ...f,
      summary: { ...f.summary, formula: undefined as unknown as string },
    }));
    expect(renderJson([odd], true)).toContain('"notes": [\n        null\n      ]');
    expect(joined(jsonReportChunks([odd], true))).toBe(renderJson([odd], true));
  });

  it('rows other than the replay’s own (keys reordered, added or missing, another prototype) are written the general way', () => {
    const formula = (replays[0] as RecordingReplay).formulas[0] as RecordingReplay['formulas'][number];
    const row = formula.timeline[3] as TimelineRow;
    const { results, ...withoutResults } = row;
    const proto = { simulatedPending: 99 };
    const others: TimelineRow[] = [
      { results, ...withoutResults },
      { ...row, extra: 1 } as TimelineRow,
      withoutResults as TimelineRow,
      Object.assign(Object.create(proto) as object, withoutResults) as TimelineRow,
      Object.assign(Object.create(null) as object, row) as TimelineRow,
      row,
    ];
    expect(others.map(hasRowKeys)).toEqual([false, false, false, false, false, true]);
    const mixed = { ...(replays[0] as RecordingReplay), formulas: [{ ...formula, timeline: [...others, row] }] };
    expect(joined(jsonReportChunks([mixed], false))).toBe(renderJson([mixed], false));
  });

  it('chunks stay near CHUNK_CHARS: a long timeline is never one string', () => {
    const long = { ...(replays[0] as RecordingReplay) };
    const timeline = (long.formulas[0] as RecordingReplay['formulas'][number]).timeline;
    const rows = Array.from({ length: 200 }, () => timeline).flat();
    long.formulas = [{ ...(long.formulas[0] as RecordingReplay['formulas'][number]), timeline: rows }];
    for (const chunks of [[...jsonReportChunks([long], false)], [...csvReportChunks([long])]]) {
      expect(chunks.length).toBeGreaterThan(10);
      for (const chunk of chunks.slice(0, -1)) {
        expect(chunk.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
        expect(chunk.length).toBeLessThan(CHUNK_CHARS + 2000);
      }
    }
    expect(joined(jsonReportChunks([long], false))).toBe(renderJson([long], false));
  });

  it('a row as EvaluationLog.record makes it is written by the template as JSON.stringify writes it', () => {
    const anyUtf16 = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
      .map((units) => String.fromCharCode(...units));
    // Whole seconds too, whose time of day the writer keeps.
    const time = fc.oneof(
      fc.integer({ min: -1e13, max: 3e14 }),
      fc.integer({ min: 0, max: 3e8 }).map((s) => s * 1000),
      fc.constantFrom(0, 86_399_000, 253_402_300_799_000, 253_402_300_800_000),
    );
    // Any UTF-16, lone surrogates and controls included: the template quotes plain strings itself.
    const text = fc.oneof(fc.string(), anyUtf16, fc.constantFrom('', '$TargetDedicatedNodes=1'));
    fc.assert(
      fc.property(fc.record({ time, ...rowValues(text) }), fc.constantFrom('', '  ', '          '), (row, indent) => {
        const expected = JSON.stringify({ ...row, time: formatInstant(row.time) }, null, 2);
        expect(standardRowJson(row, indent)).toBe(expected.replaceAll('\n', `\n${indent}`));
        expect(rowJson(row, indent)).toBe(expected.replaceAll('\n', `\n${indent}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('a timeline of standard rows in turn (days, repeated results, indentations taking turns) as JSON.stringify', () => {
    const row = fc.record({
      step: fc.constantFrom(30_000, 300_000, 3_600_000, 86_400_000, 1),
      results: fc.constantFrom('$TargetDedicatedNodes=1', '$TargetDedicatedNodes=2;s="q"', ''),
      targetDedicated: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double()),
      deallocation: fc.constantFrom('requeue', 'taskcompletion', 'ä"'),
      failed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.constantFrom('', '    '), (steps, indent) => {
        let t = 1_767_571_200_000;
        for (const s of steps) {
          t += s.step;
          const r: TimelineRow = {
            time: t,
            results: s.results,
            error: s.failed ? { code: 'FormulaEvaluationError', message: 'a\nb "c"' } : null,
            targetDedicated: s.targetDedicated,
            targetLowPriority: 0,
            deallocation: s.deallocation,
            recordedDedicated: null,
            recordedLowPriority: 1,
            simulatedDedicated: 2,
            simulatedLowPriority: 0,
            recordedActive: 3,
            recordedPending: null,
            simulatedActive: null,
            simulatedPending: 4,
          };
          const expected = JSON.stringify({ ...r, time: formatInstant(r.time) }, null, 2);
          expect(standardRowJson(r, indent)).toBe(expected.replaceAll('\n', `\n${indent}`));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('CSV lines from kept pieces are timelineLine’s, row after row (days, repeated results, quoted cells)', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('', 'a,"b"', 'x\ny', '$TargetDedicatedNodes=1', 'requeue'));
    const row = fc.record({ step: fc.constantFrom(30_000, 300_000, 86_400_000, 1, 0.5), ...rowValues(text) });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: -1e12, max: 3e14 }),
        text,
        (rows, start, formula) => {
          const prefix = linePrefix('pool "a", b.csv', formula);
          const lines = new CsvLineWriter(prefix);
          let time = start;
          for (const { step, ...values } of rows) {
            time += step;
            const r: TimelineRow = { time, ...values };
            expect(lines.line(r)).toBe(`${timelineLine(prefix, r)}\n`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a row of any values is written as JSON.stringify writes it', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.double(),
      fc.integer(),
      fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY),
      fc.string(),
      fc.boolean(),
      fc.record({ code: fc.string(), message: fc.string() }),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), value, { maxKeys: 6 }),
        fc.oneof(
          fc.integer({ min: 0, max: 4e12 }),
          fc.integer({ min: -1e13, max: 3e14 }),
          fc.double({ min: -1e12, max: 1e13, noNaN: true }),
          fc.constantFrom(0, 253_402_300_799_999, 253_402_300_800_000, 1_767_571_200_000, 1_767_657_599_999),
        ),
        fc.constantFrom('', '  ', '          '),
        (extra, time, indent) => {
          fc.pre(!Object.hasOwn(extra, 'time'));
          const row = { time, ...extra, time2: 1 } as unknown as TimelineRow;
          const expected = JSON.stringify({ ...row, time: formatInstant(time) }, null, 2);
          expect(rowJson(row, indent)).toBe(expected.replaceAll('\n', `\n${indent}`));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
