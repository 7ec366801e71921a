// A report in the format the command was asked for, as the chunks to write one after another:
// the text report whole (it is small), the JSON and CSV reports streamed (json-stream.ts,
// csv-stream.ts), so that a pool-year's timeline goes out as it is written.

import type { RecordingReplay } from '../replay/types.ts';
import { csvReportChunks } from './csv-stream.ts';
import { jsonReportChunks } from './json-stream.ts';
import { renderText } from './text.ts';

export type ReportChunksFormat = 'text' | 'json' | 'csv';

/** Joined, the chunks are renderText, renderJson or renderCsv of the same replays. */
export function reportChunks(
  format: ReportChunksFormat,
  replays: readonly RecordingReplay[],
  compare: boolean,
): Iterable<string> {
  if (format === 'json') return jsonReportChunks(replays, compare);
  if (format === 'csv') return csvReportChunks(replays);
  return [renderText(replays, compare)];
}
