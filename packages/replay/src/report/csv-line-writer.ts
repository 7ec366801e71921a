// A formula's timeline lines for the streamed CSV report (csv-stream.ts), each the same text as
// csv.ts's `${timelineLine(prefix, row)}\n`, from pieces of text made once and kept flat: the
// line's start with each day's date, each time of day with its comma, each column's small whole
// numbers with theirs, the last results cell. A chunk is flattened to be written, which costs
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

export class CsvLineWriter {
  private readonly prefix: string;
  private day = Number.NaN;
  private dayStart = '';
  private timesOfDay: string[] = [];
  private lastResults: string | undefined;
  private lastResultsCell = '';
  /** Per column (the two targets, then the eight counts): each small whole number with what follows it. */
  private readonly withNumber: string[][];
  private readonly withOption = new Map<string, string>();

  /** `prefix`: csv.ts's linePrefix of the recording and formula. */
  constructor(prefix: string) {
    this.prefix = flattenString(prefix);
    // Filled with '' (not yet made), so that the arrays stay dense.
    this.withNumber = Array.from({ length: 2 + COUNT_COLUMNS }, () => new Array<string>(SMALL + 1).fill(''));
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
    if (this.timesOfDay.length === 0) this.timesOfDay = new Array<string>(86_400).fill('');
    const second = (ms - day * DAY_MS) / 1000;
    let rest = this.timesOfDay[second] as string;
    if (rest === '') {
      rest = flattenString(`${timeOfDay(second)}Z,`);
      this.timesOfDay[second] = rest;
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
    const kept = this.withNumber[column] as string[];
    let text = kept[at] as string;
    if (text === '') {
      text = flattenString((at === SMALL ? '' : String(at)) + after);
      kept[at] = text;
    }
    return text;
  }

  private option(option: string): string {
    let text = this.withOption.get(option);
    if (text === undefined) {
      text = `${csvCell(option)},`;
      if (this.withOption.size < MAX_OPTIONS) this.withOption.set(option, text);
    }
    return text;
  }
}
