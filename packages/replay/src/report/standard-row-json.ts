// A timeline row as EvaluationLog.record makes it (exactly TIMELINE_ROW_KEYS), written as
// JSON.stringify(timelineJson(row), null, 2) writes it at some indentation, for the streamed JSON
// report (json-stream.ts). A pool-year's timeline is a hundred thousand rows of fourteen values,
// most of them small whole numbers or null: each key's text is joined with such a value once and
// kept, as are the start of each day's rows and each time of day, so that a row is a third as many
// pieces of text. The pieces are what costs: the chunks are flattened to be written, one piece
// at a time.

import { flattenString } from '@autoscale/core';
import type { TimelineRow } from '../replay/types.ts';
import { TIMELINE_ROW_KEYS } from '../replay/timeline-row-keys.ts';
import { instant } from './format.ts';
import { DAY_MS, datePrefix, isPlainInstant, timeOfDay } from './instant-writer.ts';

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

/** Whole numbers 0 to SMALL - 1 are joined with their key's text and kept; null at index SMALL. */
const SMALL = 1024;
/** How many distinct deallocation options are kept (the service has four). */
const MAX_DEALLOCATIONS = 16;

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
  /** Per key, its piece joined with each small whole number (and null), made on first use. */
  private readonly withNumber: string[][];
  private readonly withDeallocation = new Map<string, string>();
  /** The first piece and the date of the day `day`; each second of a day's time with the second piece. */
  private day = Number.NaN;
  private dayStart = '';
  private timesOfDay: string[] = [];
  /** The last results string and its JSON. */
  private lastResults = '';
  private lastResultsJson = '""';

  constructor(indent: string) {
    this.pieces = rowPieces(indent);
    this.errorIndent = `${indent}  `;
    // Filled with '' (not yet made) so that the arrays stay dense: a hole-y one would be a dictionary.
    this.withNumber = TIMELINE_ROW_KEYS.map(() => new Array<string>(SMALL + 1).fill(''));
  }

  write(r: TimelineRow): string {
    return (
      this.time(r.time) +
      this.results(r.results) +
      this.error(r.error) +
      this.number(TARGET_DEDICATED, r.targetDedicated) +
      this.number(TARGET_LOW_PRIORITY, r.targetLowPriority) +
      this.deallocation(r.deallocation) +
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

  /** The row's start up to its results: `{`, the time key and the quoted instant. */
  private time(ms: number): string {
    const p = this.pieces;
    if (!isPlainInstant(ms) || ms % 1000 !== 0) return (p[TIME] as string) + instant(ms) + p[RESULTS];
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dayStart = flattenString((p[TIME] as string) + datePrefix(day));
    }
    const second = (ms - day * DAY_MS) / 1000;
    if (this.timesOfDay.length === 0) this.timesOfDay = new Array<string>(86400).fill('');
    let rest = this.timesOfDay[second] as string;
    if (rest === '') {
      rest = `${timeOfDay(second)}Z${p[RESULTS]}`;
      rest = flattenString(rest);
      this.timesOfDay[second] = rest;
    }
    return this.dayStart + rest;
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
    let at: number;
    if (n === null || !Number.isFinite(n)) at = SMALL;
    // -0 is kept as 0, which is how JSON writes it.
    else if (n >= 0 && n < SMALL && Number.isInteger(n)) at = n;
    else return (this.pieces[key] as string) + String(n);
    const kept = this.withNumber[key] as string[];
    let text = kept[at] as string;
    if (text === '') {
      text = `${this.pieces[key]}${at === SMALL ? 'null' : n}`;
      kept[at] = flattenString(text);
    }
    return text;
  }

  private deallocation(option: string): string {
    let text = this.withDeallocation.get(option);
    if (text === undefined) {
      text = (this.pieces[DEALLOCATION] as string) + JSON.stringify(option);
      if (this.withDeallocation.size < MAX_DEALLOCATIONS) this.withDeallocation.set(option, text);
    }
    return text;
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
