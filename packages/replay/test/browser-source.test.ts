// The browser entry (@autoscale/replay/browser) reads recordings from text that arrives in chunks,
// as the playground's worker gets a picked File: the lines are the same however the text is cut,
// and a replay from text equals the Node replay of the same file, number for number.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecording, runReplay } from '@autoscale/replay';
import {
  formatRecordingError,
  parseSideMeta,
  readRecordingSource,
  splitLines,
  textLines,
  type RecordingSource,
} from '@autoscale/replay/browser';

const WEEK = new URL('../../../examples/recordings/week.csv', import.meta.url);
const WEEK_META = new URL('../../../examples/recordings/week.meta.json', import.meta.url);
const FORMULA = {
  name: 'pending-tasks.autoscale',
  text: readFileSync(new URL('../../../examples/formulas/pending-tasks.autoscale', import.meta.url), 'utf8'),
};

async function linesOf(chunks: string[]): Promise<Array<[string, number]>> {
  const lines: Array<[string, number]> = [];
  async function* gen(): AsyncIterable<string> {
    yield* chunks;
  }
  await splitLines(gen(), (line, n) => void lines.push([line, n]));
  return lines;
}

function source(display: string, text: string, metaText?: string): RecordingSource {
  const meta = metaText === undefined ? { ok: true as const, value: {} } : parseSideMeta(metaText, 'x.meta.json');
  if (!meta.ok) throw new Error('bad meta in test');
  return { display, head: text.slice(0, 65536), lines: textLines(text), text: async () => text, sideMeta: meta.value };
}

describe('reading recordings from text chunks', () => {
  it('splits lines the same wherever the chunks are cut (CRLF, BOM and a last line without newline included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', ',', '\n', '\r\n', 'é', ' '), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (parts, cuts) => {
          const text = `\uFEFF${parts.join('')}`;
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
          expect(await linesOf(chunks)).toEqual(await linesOf([text]));
        },
      ),
    );
    expect(await linesOf(['\uFEFFa\r', '\nb'])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('replays the example week from text exactly as from the file', async () => {
    const text = readFileSync(WEEK, 'utf8');
    const fromText = await readRecordingSource(source('week.csv', text, readFileSync(WEEK_META, 'utf8')));
    const fromFile = await readRecording(WEEK.pathname, { display: 'week.csv' });
    if (!fromText.ok || !fromFile.ok) throw new Error('the example recording should read');
    const a = runReplay(fromText.value, [FORMULA], { mode: 'open' });
    const b = runReplay(fromFile.value, [FORMULA], { mode: 'open' });
    if (!a.ok || !b.ok) throw new Error('the example should replay');
    expect(a.replay.formulas[0]?.summary).toEqual(b.replay.formulas[0]?.summary);
    expect(a.replay.formulas[0]?.summary.nodeHours.dedicated).toBeGreaterThan(0);
    expect(a.replay.recorded).toEqual(b.replay.recorded);
  });

  it('reports bad text with the name and line the user knows', async () => {
    const bad = await readRecordingSource(source('mine.csv', 'time,$PendingTasks\n2026-01-05T00:00:00Z,1\n'));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map(formatRecordingError)).toEqual([
        'mine.csv:1:1: the first column must be "timestamp", got "time"',
      ]);
    const junk = await readRecordingSource(source('junk.bin', '\u0000\u0001\u0002garbage'));
    expect(junk.ok).toBe(false);
    const json = await readRecordingSource(source('metrics.json', '{\n  "value": 3\n}\n'));
    expect(json.ok).toBe(false);
    if (!json.ok) expect(formatRecordingError(json.errors[0] as never)).toContain('az monitor metrics list');
  });

  it('reads bad side metadata as errors, not exceptions', () => {
    const r = parseSideMeta('{ "taskSlotsPerNode": "two" }', 'week.meta.json');
    expect(r.ok).toBe(false);
    expect(parseSideMeta('not json', 'week.meta.json')).toMatchObject({
      ok: false,
      errors: [{ file: 'week.meta.json', message: expect.stringContaining('not valid JSON') }],
    });
  });
});
