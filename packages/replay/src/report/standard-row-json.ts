// A timeline row as EvaluationLog.record makes it (exactly TIMELINE_ROW_KEYS), written as
// JSON.stringify(timelineJson(row), null, 2) writes it at some indentation, for the streamed JSON
// report (json-stream.ts). A pool-year's timeline is a hundred thousand rows of fourteen values,
// most of them small whole numbers or null: each key's text is joined with such a value once and
// kept, as are the start of each day's rows and each time of day (kept-pieces.ts), so that a row
// is a third as many pieces of text.

import { flattenString } from '@autoscale/core';
import type { TimelineRow } from '../replay/types.ts';
import { TIMELINE_ROW_KEYS } from '../replay/timeline-row-keys.ts';
import { FewTexts, InstantPieces, NumberPieces } from './kept-pieces.ts';

/** rowJson of a row with exactly TIMELINE_ROW_KEYS (json-stream.ts tells which), at this indentation. */
export function standardRowJson(row: TimelineRow, indent: string): string {
  return standardRowWriter(indent).write(row);
}

/** The writer of standard rows at this indentation, for a timeline's rows in turn. */
export function standardRowWriter(indent: string): StandardRowWriter {
  let writer = WRITERS.get(indent);
  if (writer === undefined) {
    writer = new StandardRowWriter(indent);
    WRITERS.set(indent, writer);
  }
  return writer;
}

/** One writer per indentation (a report has a handful): its kept texts outlive one report. */
const WRITERS = new Map<string, StandardRowWriter>();

/** Indexes of TIMELINE_ROW_KEYS (and END, of the closing piece), named. */
const TIME = 0;
const RESULTS = 1;
const ERROR = 2;
const TARGET_DEDICATED = 3;
const TARGET_LOW_PRIORITY = 4;
const DEALLOCATION = 5;
const RECORDED_DEDICATED = 6;
const RECORDED_LOW_PRIORITY = 7;
const SIMULATED_DEDICATED = 8;
const SIMULATED_LOW_PRIORITY = 9;
const RECORDED_ACTIVE = 10;
const RECORDED_PENDING = 11;
const SIMULATED_ACTIVE = 12;
const SIMULATED_PENDING = 13;
const END = 14;

export class StandardRowWriter {
  /** Before each value: the end of the one before (the time is written inside quotes) and its key; then `}`. */
  private readonly pieces: readonly string[];
  private readonly errorIndent: string;
  /** The row's start up to its results: `{`, the time key and the quoted instant. */
  private readonly time: InstantPieces;
  /** Per key, its piece and a small whole number or null (unused for the keys of other values). */
  private readonly numbers: NumberPieces[];
  private readonly deallocation: FewTexts;
  /** The last results string and its JSON. */
  private lastResults = '';
  private lastResultsJson = '""';

  constructor(indent: string) {
    const pieces = rowPieces(indent);
    this.pieces = pieces;
    this.errorIndent = `${indent}  `;
    this.time = new InstantPieces(pieces[TIME] as string, pieces[RESULTS] as string);
    this.numbers = pieces.map((piece) => new NumberPieces(piece, '', 'null'));
    this.deallocation = new FewTexts((option) => pieces[DEALLOCATION] + JSON.stringify(option));
  }

  write(r: TimelineRow): string {
    return (
      this.time.text(r.time) +
      this.results(r.results) +
      this.error(r.error) +
      this.number(TARGET_DEDICATED, r.targetDedicated) +
      this.number(TARGET_LOW_PRIORITY, r.targetLowPriority) +
      this.deallocation.of(r.deallocation) +
      this.number(RECORDED_DEDICATED, r.recordedDedicated) +
      this.number(RECORDED_LOW_PRIORITY, r.recordedLowPriority) +
      this.number(SIMULATED_DEDICATED, r.simulatedDedicated) +
      this.number(SIMULATED_LOW_PRIORITY, r.simulatedLowPriority) +
      this.number(RECORDED_ACTIVE, r.recordedActive) +
      this.number(RECORDED_PENDING, r.recordedPending) +
      this.number(SIMULATED_ACTIVE, r.simulatedActive) +
      this.number(SIMULATED_PENDING, r.simulatedPending) +
      (this.pieces[END] as string)
    );
  }

  /** The results quoted; the last one kept, as the replay keeps one string for a run of the same results. */
  private results(results: string): string {
    if (results !== this.lastResults) {
      this.lastResults = results;
      this.lastResultsJson = JSON.stringify(results);
    }
    return this.lastResultsJson;
  }

  private error(error: TimelineRow['error']): string {
    if (error === null) return this.number(ERROR, null);
    return (this.pieces[ERROR] as string) + JSON.stringify(error, null, 2).replaceAll('\n', `\n${this.errorIndent}`);
  }

  /** The key's piece and the number as JSON writes it (null for null and what is not finite). */
  private number(key: number, n: number | null): string {
    const value = n !== null && Number.isFinite(n) ? n : null;
    return (this.numbers[key] as NumberPieces).of(value) ?? (this.pieces[key] as string) + String(value);
  }
}

/** Per indentation, the text around a standard row's values: `{\n  "time": "`, `",\n  "results": `, ... */
function rowPieces(indent: string): string[] {
  // Before each value: the end of the one before (the time is written inside quotes) and its key.
  const quoted = (key: string | undefined) => (key === 'time' ? '"' : '');
  const pieces = TIMELINE_ROW_KEYS.map((key, i) => {
    const before = i === 0 ? '{' : `${quoted(TIMELINE_ROW_KEYS[i - 1])},`;
    return flattenString(`${before}\n${indent}  "${key}": ${quoted(key)}`);
  });
  pieces.push(flattenString(`\n${indent}}`));
  return pieces;
}
