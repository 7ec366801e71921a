// A formula's timeline lines for the streamed CSV report (csv-stream.ts), each the same text as
// csv.ts's `${timelineLine(prefix, row)}\n`, from pieces of text made once and kept flat: the
// line's start with each day's date and the last results cell (per writer), each time of day with
// its comma and each column's small whole numbers with theirs (shared by all writers, as they
// do not depend on the prefix). A chunk is flattened to be written, which costs
// for each piece, and more for a piece that is itself a rope (json-stream.ts's rows are made the
// same way, in standard-row-json.ts).

import { flattenString } from '@autoscale/core';
import type { TimelineRow } from '../replay/types.ts';
import { csvCell } from './csv.ts';
import { instant } from './format.ts';
import { DAY_MS, datePrefix, isPlainInstant, timeOfDay } from './instant-writer.ts';

/** Whole numbers 0 to SMALL - 1 are kept with the text after them; the empty cell at index SMALL. */
const SMALL = 1024;
/** The numeric columns after the deallocation option, in order; the last ends the line. */
const COUNT_COLUMNS = 8;
/** How many deallocation options are kept (the service has four). */
const MAX_OPTIONS = 16;

/**
 * Pieces that do not depend on the line's prefix, shared by every writer (a fleet's report has a
 * writer per recording and formula): each second of the day with its comma, made on first use...
 */
let timesOfDay: string[] = [];
/** ...each small whole number with what follows it, per column (the two targets, then the eight counts)... */
const withNumber: string[][] = [];
/** ...and each deallocation option's cell with its comma. */
const withOption = new Map<string, string>();

export class CsvLineWriter {
  private readonly prefix: string;
  private day = Number.NaN;
  private dayStart = '';
  private lastResults: string | undefined;
  private lastResultsCell = '';

  /** `prefix`: csv.ts's linePrefix of the recording and formula. */
  constructor(prefix: string) {
    this.prefix = flattenString(prefix);
  }

  /** timelineLine(prefix, r) and its line end. */
  line(r: TimelineRow): string {
    return (
      this.start(r.time) +
      this.results(r.results) +
      this.error(r.error) +
      this.number(0, r.targetDedicated) +
      this.number(1, r.targetLowPriority) +
      this.option(r.deallocation) +
      this.number(2, r.recordedDedicated) +
      this.number(3, r.recordedLowPriority) +
      this.number(4, r.simulatedDedicated) +
      this.number(5, r.simulatedLowPriority) +
      this.number(6, r.recordedActive) +
      this.number(7, r.recordedPending) +
      this.number(8, r.simulatedActive) +
      this.number(9, r.simulatedPending)
    );
  }

  /** The prefix, the instant and its comma. */
  private start(ms: number): string {
    if (!isPlainInstant(ms) || ms % 1000 !== 0) return `${this.prefix}${instant(ms)},`;
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dayStart = flattenString(this.prefix + datePrefix(day));
    }
    // Filled with '' (not yet made), so that the array stays dense.
    if (timesOfDay.length === 0) timesOfDay = new Array<string>(86_400).fill('');
    const second = (ms - day * DAY_MS) / 1000;
    let rest = timesOfDay[second] as string;
    if (rest === '') {
      rest = flattenString(`${timeOfDay(second)}Z,`);
      timesOfDay[second] = rest;
    }
    return this.dayStart + rest;
  }

  /** The results cell and its comma; the last one kept, as a replay keeps one string for a run of the same results. */
  private results(results: string): string {
    if (results !== this.lastResults) {
      this.lastResults = results;
      this.lastResultsCell = `${csvCell(results)},`;
    }
    return this.lastResultsCell;
  }

  private error(error: TimelineRow['error']): string {
    return error === null ? ',,' : `${csvCell(error.code)},${csvCell(error.message)},`;
  }

  /** Column `column`'s cell and what follows it: a comma, or the line end after the last. */
  private number(column: number, n: number | null): string {
    const after = column === 1 + COUNT_COLUMNS ? '\n' : ',';
    let at: number;
    if (n === null) at = SMALL;
    // -0 is kept as 0, which is how String writes it.
    else if (typeof n === 'number' && n >= 0 && n < SMALL && Number.isInteger(n)) at = n;
    else return csvCell(n) + after;
    if (withNumber.length === 0)
      for (let c = 0; c < 2 + COUNT_COLUMNS; c++) withNumber.push(new Array<string>(SMALL + 1).fill(''));
    const kept = withNumber[column] as string[];
    let text = kept[at] as string;
    if (text === '') {
      text = flattenString((at === SMALL ? '' : String(at)) + after);
      kept[at] = text;
    }
    return text;
  }

  private option(option: string): string {
    let text = withOption.get(option);
    if (text === undefined) {
      text = `${csvCell(option)},`;
      if (withOption.size < MAX_OPTIONS) withOption.set(option, text);
    }
    return text;
  }
}
