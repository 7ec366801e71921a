// The CSV and JSON Lines readers take plainly right rows from their bytes (csv-row.ts,
// jsonl-row.ts) and read every other line as text. Both paths must give the same recording and the
// same errors: each property below reads one random file twice, once with rows the fast path takes
// and once spelled so that it cannot (a lower-case `z` zone, an escaped key) though they mean the
// same, and compares everything. Files are also read from byte chunks cut anywhere.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byteChunkLines,
  formatRecordingError,
  readRecordingSource,
  textLines,
  type LineSource,
  type Recording,
  type RecordingSource,
} from '@autoscale/replay/browser';
import type { ByteLineHandler } from '../src/io/byte-lines.ts';
import type { LineHandler } from '../src/io/lines.ts';
import { readCsvRecording } from '../src/recording/csv.ts';
import { iso, T0 } from './support.ts';

const encoder = new TextEncoder();

function source(display: string, lines: LineSource, head: string): RecordingSource {
  return { display, head, lines, text: async () => '', sideMeta: {} };
}

/** A recording as comparable data: every column's times and values, or the error lines. */
async function read(display: string, text: string, lines: LineSource = textLines(text)): Promise<unknown> {
  const r = await readRecordingSource(source(display, lines, text.slice(0, 4096)));
  return r.ok ? plain(r.value) : r.errors.map(formatRecordingError);
}

function plain(r: Recording): unknown {
  return {
    times: [...r.times],
    present: r.present,
    meta: r.meta,
    columns: [...r.columns].map(([name, h]) => [name, h.times === r.times ? 'row times' : [...h.times], [...h.values]]),
  };
}

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

/** Cells of every form the CSV reader accepts, blanks, and mistakes it must word. */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 120 }).map(String) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '\t') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('0.5', '.5', '5.', '+7', '1e1', '2.5E-1', '-0', '007', '99.999', '12345678901234567'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('-1', '101', '2.5', 'x', 'NaN', '0x1', ' 5', '"5"', '5é', '\u00a0', '1e400'),
  },
);

/** Columns of each kind: a count, a percentage and a whole-number pool value. */
const COLUMNS = ['$PendingTasks', '$CPUPercent', '$CurrentDedicatedNodes'];

const csvFile = fc
  .tuple(
    fc.array(fc.tuple(fc.integer({ min: -2, max: 3 }), fc.array(cell, { minLength: 3, maxLength: 3 })), {
      minLength: 1,
      maxLength: 30,
    }),
    fc.array(fc.constantFrom('# a comment', '', 'extra,cells,here,too', 'only-one'), { maxLength: 2 }),
  )
  .map(([rows, odd]) => {
    let t = T0;
    const lines = rows.map(([step, cells]) => {
      t += step * 30_000;
      return [iso(t), ...cells];
    });
    return { lines, odd };
  });

function csvText(file: { lines: string[][]; odd: string[] }, zone: 'Z' | 'z', crlf = false): string {
  const rows = file.lines.map(([time, ...cells]) => [(time as string).replace(/Z$/, zone), ...cells].join(','));
  rows.splice(Math.floor(rows.length / 2), 0, ...file.odd);
  return `${['timestamp', ...COLUMNS].join(',')}\n${rows.join(crlf ? '\r\n' : '\n')}\n`;
}

describe('the CSV fast path', () => {
  it('gives what the text path gives, values and errors alike', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, fc.boolean(), async (file, crlf) => {
        const fast = await read('f.csv', csvText(file, 'Z', crlf));
        const text = await read('f.csv', csvText(file, 'z', crlf));
        expect(fast).toEqual(text);
      }),
      { numRuns: 300 },
    );
  });

  it('reads byte chunks cut anywhere as the whole text, a multibyte character in an error included', async () => {
    const text = `\uFEFFtimestamp,"$PendingTasks",$CPUPercent\r\n${iso(T0)},1,50\r\n${iso(T0 + 30_000)},2,é\r\n${iso(T0 + 60_000)},3,\r\n${iso(T0 + 90_000)},4.5e0,99.5`;
    const whole = await read('chunks.csv', text);
    expect(whole).toEqual([
      'chunks.csv:3:24: $CPUPercent: "é" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)',
    ]);
    const bytes = encoder.encode(text);
    for (const size of [1, 2, 3, 5, 7, 64])
      expect(
        await read(
          'chunks.csv',
          text,
          byteChunkLines(() => chunksOf(bytes, size)),
        ),
      ).toEqual(whole);
    const good = text.replace(',é', ',7');
    const expected = await read('good.csv', good);
    expect(expected).toMatchObject({ times: [T0, T0 + 30_000, T0 + 60_000, T0 + 90_000] });
    for (const size of [1, 3, 7])
      expect(
        await read(
          'good.csv',
          good,
          byteChunkLines(() => chunksOf(encoder.encode(good), size)),
        ),
      ).toEqual(expected);
  });

  it('a text-only source (no bytes) reads the same', async () => {
    const text = `timestamp,$PendingTasks\n${iso(T0)},1\n${iso(T0 + 30_000)},x\n`;
    const textOnly: LineSource = (onLine) => textLines(text)(onLine);
    expect(await read('t.csv', text, textOnly)).toEqual(await read('t.csv', text));
    expect(await read('t.csv', text)).toEqual([
      't.csv:3:22: $PendingTasks: "x" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)',
    ]);
  });

  it('quoted data cells are not numbers, on either path (only header names may be quoted)', async () => {
    const text = `timestamp,"$PendingTasks"\n${iso(T0)},"5"\n`;
    expect(await read('q.csv', text)).toEqual([
      'q.csv:2:22: $PendingTasks: ""5"" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)',
    ]);
  });

  it('takes timestamps of every common shape and reads odd ones with the general parser', async () => {
    const stamps = [
      '2026-01-05T00:00:00Z',
      '2026-01-05T00:00:00.5Z',
      '2026-01-05T00:00:01.25Z',
      '2026-01-05T01:00:02.125+01:00',
      '2026-01-04T19:00:03-05:00',
      '2026-01-05t00:00:04z',
      '2026-01-05 00:00:05Z',
      '2026-01-05T00:00:06.5000Z',
      '2026-01-05T00:00:07.1000Z',
      '2026-01-05T01:00:08+0100',
      '2026-01-05T00:01Z',
    ];
    const text = `timestamp,$PendingTasks\n${stamps.map((s, i) => `${s},${i}`).join('\n')}\n`;
    const r = await read('shapes.csv', text);
    expect(r).toMatchObject({
      times: [0, 500, 1250, 2125, 3000, 4000, 5000, 6500, 7100, 8000, 60_000].map((ms) => T0 + ms),
    });
  });

  it('streams batches from the bytes: the same rows, and read counted in bytes', async () => {
    const text = `timestamp,$PendingTasks\n${Array.from({ length: 10 }, (_, i) => `${iso(T0 + i * 30_000)},${i}`).join('\n')}\n`;
    const batches: Array<[number[], number]> = [];
    const state = await readCsvRecording(textLines(text), 'b.csv', () => true, {
      rows: 4,
      emit: (batch, _meta, read) => void batches.push([[...(batch.columns.get('$PendingTasks')?.values ?? [])], read]),
    });
    expect(batches.map(([values]) => values)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    const header = 'timestamp,$PendingTasks\n'.length;
    const row = `${iso(T0)},0\n`.length;
    expect(batches.map(([, read]) => read)).toEqual([header + 4 * row, header + 8 * row]);
    expect([...(state.builder.finish('csv', {}).columns.get('$PendingTasks')?.values ?? [])]).toEqual([8, 9]);
  });

  it('a byte source failing part-way fails the read, with what was read so far left behind', async () => {
    const text = `timestamp,$PendingTasks\n${iso(T0)},1\n${iso(T0 + 30_000)},2\n`;
    const failing: LineSource = Object.assign((onLine: LineHandler) => textLines(text)(onLine), {
      bytes: async (onLine: ByteLineHandler) => {
        await textLines(text).bytes?.((b, s, e, n) => n <= 2 && onLine(b, s, e, n));
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      },
    });
    await expect(readCsvRecording(failing, 'f.csv', () => true)).rejects.toThrow('EIO');
  });
});

/** JSON Lines rows of the values the reader accepts (and some it refuses), keys in any order. */
const jsonValue = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 90 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('null', '0.5', '1e1', '2.5E-1', '-0', '99.999', '12345678901234567') },
  { weight: 1, arbitrary: fc.constantFrom('-1', '101', '2.5', '"7"', 'true', '01', '+1', '.5', '[]', '1e400') },
);

const jsonlFile = fc.array(
  fc.tuple(
    fc.integer({ min: -1, max: 3 }),
    fc.subarray(COLUMNS.concat('$CurrentDedicated')),
    fc.array(jsonValue, { minLength: 4, maxLength: 4 }),
    fc.constantFrom('', ' ', '\t', '  '),
  ),
  { minLength: 1, maxLength: 25 },
);

/** `escaped` spells a letter of each key as \u0061-style, which JSON.parse reads as the same key. */
function jsonlText(rows: Array<[number, string[], string[], string]>, escaped: boolean): string {
  let t = T0;
  const key = (k: string): string => (escaped ? k.replace(/a/, '\\u0061') : k);
  return rows
    .map(([step, columns, values, space]) => {
      t += step * 30_000;
      const members = [`"${key('timestamp')}":${space}"${iso(t)}"`];
      for (const [i, c] of columns.entries()) members.push(`${space}"${key(c)}"${space}:${values[i]}`);
      if (step === 2) members.reverse();
      return `{${space}${members.join(',')}${space}}`;
    })
    .join('\n');
}

describe('the JSON Lines fast path', () => {
  it('gives what JSON.parse gives, values and errors alike', async () => {
    await fc.assert(
      fc.asyncProperty(jsonlFile, async (rows) => {
        // JSON.parse's own message quotes the line, escapes and all: only its start can agree.
        const same = (r: unknown): unknown =>
          Array.isArray(r) ? r.map((e: string) => e.replace(/not valid JSON: .*/, 'not valid JSON')) : r;
        const fast = await read('f.jsonl', jsonlText(rows, false));
        const parsed = await read('f.jsonl', jsonlText(rows, true));
        expect(same(fast)).toEqual(same(parsed));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a key given twice (the last wins)', `{"timestamp":"${iso(T0)}","$PendingTasks":1,"$PendingTasks":2}`, [2]],
    [
      'a number as a string',
      `{"timestamp":"${iso(T0)}","$PendingTasks":"1"}`,
      /^x\.jsonl:1: \$PendingTasks: expected a number or null \(missing sample\), got "1"$/,
    ],
    ['a leading zero', `{"timestamp":"${iso(T0)}","$PendingTasks":01}`, /^x\.jsonl:1: not valid JSON: /],
    ['a trailing comma', `{"timestamp":"${iso(T0)}","$PendingTasks":1,}`, /^x\.jsonl:1: not valid JSON: /],
    ['nothing after the key', `{"timestamp":"${iso(T0)}","$PendingTasks"}`, /^x\.jsonl:1: not valid JSON: /],
    ['text after the object', `{"timestamp":"${iso(T0)}","$PendingTasks":1} x`, /^x\.jsonl:1: not valid JSON: /],
    ['a vertical tab as space', `{"timestamp":"${iso(T0)}",\v"$PendingTasks":1}`, /^x\.jsonl:1: not valid JSON: /],
    ['an unknown key', `{"timestamp":"${iso(T0)}","$PendingTask":1}`, /did you mean "\$PendingTasks"\?$/],
    ['no timestamp', '{"$PendingTasks":1}', /^x\.jsonl:1: "timestamp" must be an ISO 8601 instant string/],
    ['an empty object', '{}', /^x\.jsonl:1: "timestamp" must be .* \(it is missing\)$/],
    ['a timestamp of an odd shape', `{"timestamp":"2026-01-05 00:00:00z","$PendingTasks":3}`, [3]],
  ])('leaves %s to JSON.parse, which reads or refuses it as before', async (_, line, expected) => {
    const r = await readRecordingSource(source('x.jsonl', textLines(line), line));
    if (Array.isArray(expected)) {
      expect(r.ok && [...(r.value.columns.get('$PendingTasks')?.values ?? [])]).toEqual(expected);
      expect(r.ok && [...r.value.times]).toEqual([T0]);
    } else expect(r.ok ? [] : r.errors.map(formatRecordingError)).toEqual([expect.stringMatching(expected)]);
  });
});
