// The timeline as CSV (--format csv): one row per evaluation of each formula on each recording,
// with a header. Cells that hold commas, quotes or line breaks (a results string with a vector,
// an error message) are quoted as RFC 4180 says.

import type { RecordingReplay, TimelineRow } from '../replay/types.ts';
import { instant } from './format.ts';

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
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function line(recording: string, formula: string, r: TimelineRow): string {
  return [
    recording,
    formula,
    instant(r.time),
    r.results,
    r.error?.code ?? null,
    r.error?.message ?? null,
    r.targetDedicated,
    r.targetLowPriority,
    r.deallocation,
    r.recordedDedicated,
    r.recordedLowPriority,
    r.simulatedDedicated,
    r.simulatedLowPriority,
    r.recordedActive,
    r.recordedPending,
    r.simulatedActive,
    r.simulatedPending,
  ]
    .map(csvCell)
    .join(',');
}

export function renderCsv(replays: readonly RecordingReplay[]): string {
  const out: string[] = [TIMELINE_COLUMNS.join(',')];
  for (const r of replays)
    for (const f of r.formulas) for (const row of f.timeline) out.push(line(r.recording, f.summary.formula, row));
  return `${out.join('\n')}\n`;
}
