// A formula's timeline lines for the streamed CSV report (csv-stream.ts), each the same text as
// csv.ts's `${timelineLine(prefix, row)}\n`, from pieces of text made once and kept flat
// (kept-pieces.ts): the line's start with each day's date and each time of day with its comma,
// each small whole number with the comma or line end after it, each deallocation option's cell,
// the last results cell. As in standard-row-json.ts, a row is then a few pieces, which is what
// flattening a chunk to write it costs.

import type { TimelineRow } from '../replay/types.ts';
import { csvCell } from './csv.ts';
import { FewTexts, InstantPieces, NumberPieces } from './kept-pieces.ts';

/** Numbers with the comma after them, and the last column's with the line end: shared by every writer. */
const BEFORE_COMMA = new NumberPieces('', ',', '');
const BEFORE_LINE_END = new NumberPieces('', '\n', '');
const OPTIONS = new FewTexts((option) => `${csvCell(option)},`);

export class CsvLineWriter {
  /** The prefix, the instant and its comma. */
  private readonly start: InstantPieces;
  private lastResults: string | undefined;
  private lastResultsCell = '';

  /** `prefix`: csv.ts's linePrefix of the recording and formula. */
  constructor(prefix: string) {
    this.start = new InstantPieces(prefix, ',');
  }

  /** timelineLine(prefix, r) and its line end. */
  line(r: TimelineRow): string {
    return (
      this.start.text(r.time) +
      this.results(r.results) +
      (r.error === null ? ',,' : `${csvCell(r.error.code)},${csvCell(r.error.message)},`) +
      cell(r.targetDedicated, BEFORE_COMMA, ',') +
      cell(r.targetLowPriority, BEFORE_COMMA, ',') +
      OPTIONS.of(r.deallocation) +
      cell(r.recordedDedicated, BEFORE_COMMA, ',') +
      cell(r.recordedLowPriority, BEFORE_COMMA, ',') +
      cell(r.simulatedDedicated, BEFORE_COMMA, ',') +
      cell(r.simulatedLowPriority, BEFORE_COMMA, ',') +
      cell(r.recordedActive, BEFORE_COMMA, ',') +
      cell(r.recordedPending, BEFORE_COMMA, ',') +
      cell(r.simulatedActive, BEFORE_COMMA, ',') +
      cell(r.simulatedPending, BEFORE_LINE_END, '\n')
    );
  }

  /** The results cell and its comma; the last one kept, as a replay keeps one string for a run of the same results. */
  private results(results: string): string {
    if (results !== this.lastResults) {
      this.lastResults = results;
      this.lastResultsCell = `${csvCell(results)},`;
    }
    return this.lastResultsCell;
  }
}

/** A number's cell (empty for null) and what follows it. */
function cell(n: number | null, kept: NumberPieces, after: string): string {
  // A row from elsewhere may hold another type: csvCell words it as timelineLine does.
  return (typeof n === 'number' || n === null ? kept.of(n) : undefined) ?? csvCell(n) + after;
}
