// The timeline as CSV (--format csv): one row per evaluation of each formula on each recording,
// with a header. Cells that hold commas, quotes or line breaks (a results string with a vector,
// an error message) are quoted as RFC 4180 says.

import type { RecordingReplay, TimelineRow } from '../replay/types.ts';
import { InstantPieces } from './kept-pieces.ts';

export const TIMELINE_COLUMNS = [
  'recording',
  'formula',
  'time',
  'results',
  'error_code',
  'error_message',
  'target_dedicated',
  'target_low_priority',
  'deallocation',
  'recorded_dedicated',
  'recorded_low_priority',
  'simulated_dedicated',
  'simulated_low_priority',
  'recorded_active',
  'recorded_pending',
  'simulated_active',
  'simulated_pending',
] as const;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // A number never needs quotes; only text is looked at.
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** Row times as format.ts's `instant` writes them (never a character CSV quotes). */
const instants = new InstantPieces('', '');

/** `recording,formula,` as the start of each of a formula's lines. */
export function linePrefix(recording: string, formula: string): string {
  return `${csvCell(recording)},${csvCell(formula)},`;
}

/** One timeline row's line, after its prefix (no line end). */
export function timelineLine(prefix: string, r: TimelineRow): string {
  return (
    `${prefix}${instants.text(r.time)},${csvCell(r.results)},${csvCell(r.error?.code ?? null)},` +
    `${csvCell(r.error?.message ?? null)},${csvCell(r.targetDedicated)},${csvCell(r.targetLowPriority)},` +
    `${csvCell(r.deallocation)},${csvCell(r.recordedDedicated)},${csvCell(r.recordedLowPriority)},` +
    `${csvCell(r.simulatedDedicated)},${csvCell(r.simulatedLowPriority)},${csvCell(r.recordedActive)},` +
    `${csvCell(r.recordedPending)},${csvCell(r.simulatedActive)},${csvCell(r.simulatedPending)}`
  );
}

export function renderCsv(replays: readonly RecordingReplay[]): string {
  const out: string[] = [TIMELINE_COLUMNS.join(',')];
  for (const r of replays)
    for (const f of r.formulas) {
      const prefix = linePrefix(r.recording, f.summary.formula);
      for (const row of f.timeline) out.push(timelineLine(prefix, row));
    }
  return `${out.join('\n')}\n`;
}
