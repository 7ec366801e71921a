// The timeline CSV written as it goes: the same text as renderCsv, in chunks of about CHUNK_CHARS,
// so that a pool-year's timeline (a hundred thousand lines) is never one string. Lines are
// csv.ts's timelineLine, written by csv-line-writer.ts from pieces made once (tests hold the two
// equal). Pure: the playground can use it too.

import type { RecordingReplay } from '../replay/types.ts';
import { CsvLineWriter } from './csv-line-writer.ts';
import { linePrefix, TIMELINE_COLUMNS } from './csv.ts';
import { CHUNK_CHARS } from './json-stream.ts';

/** The CSV report in chunks; joined, they are renderCsv(replays). */
export function* csvReportChunks(replays: readonly RecordingReplay[]): Generator<string> {
  let text = `${TIMELINE_COLUMNS.join(',')}\n`;
  for (const r of replays)
    for (const f of r.formulas) {
      const lines = new CsvLineWriter(linePrefix(r.recording, f.summary.formula));
      for (const row of f.timeline) {
        text += lines.line(row);
        if (text.length >= CHUNK_CHARS) {
          yield text;
          text = '';
        }
      }
    }
  if (text !== '') yield text;
}
