// The timeline CSV written as it goes: the same text as renderCsv, in chunks of about CHUNK_CHARS,
// so that a pool-year's timeline (a hundred thousand lines) is never one string. Lines are
// csv.ts's own (timelineLine). Pure: the playground can use it too.

import type { RecordingReplay } from '../replay/types.ts';
import { linePrefix, TIMELINE_COLUMNS, timelineLine } from './csv.ts';
import { CHUNK_CHARS } from './json-stream.ts';

/** The CSV report in chunks; joined, they are renderCsv(replays). */
export function* csvReportChunks(replays: readonly RecordingReplay[]): Generator<string> {
  let text = `${TIMELINE_COLUMNS.join(',')}\n`;
  for (const r of replays)
    for (const f of r.formulas) {
      const prefix = linePrefix(r.recording, f.summary.formula);
      for (const row of f.timeline) {
        text += `${timelineLine(prefix, row)}\n`;
        if (text.length >= CHUNK_CHARS) {
          yield text;
          text = '';
        }
      }
    }
  if (text !== '') yield text;
}
