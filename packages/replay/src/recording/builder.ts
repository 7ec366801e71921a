// Builds a Recording row by row, for every reader and importer: checks that timestamps
// increase, stores only the columns the replay keeps, and shares the row-time array with every
// column that has no missing sample (a pool-year of 9 columns then costs one time array).

import type { MetricHistory } from '@autoscale/core';
import { GrowableFloat64, type KeepColumn, type Recording, type RecordingFormat } from './model.ts';
import type { RecordingMeta } from './meta.ts';
import { formatInstant } from '@autoscale/core';

/** One kept column. While it has a value in every row its times are the row times (dense). */
export class ColumnBuilder {
  readonly name: string;
  private readonly values: GrowableFloat64;
  private times: GrowableFloat64 | undefined;
  /** The last row index given a value, so rows a JSONL line leaves out can be told apart. */
  lastRow = -1;

  constructor(name: string, firstRow: number, capacity = 1024) {
    this.name = name;
    this.values = new GrowableFloat64(capacity);
    // A column that first appears after row 0 has gaps from the start.
    if (firstRow > 0) this.times = new GrowableFloat64();
  }

  push(row: number, time: number, value: number): void {
    this.values.push(value);
    this.times?.push(time);
    this.lastRow = row;
  }

  reserve(rows: number): void {
    this.values.reserve(rows);
  }

  /** Records that row `row` has no sample: the column stops sharing the row times. */
  missing(rowTimes: GrowableFloat64): void {
    if (this.times !== undefined) return;
    this.times = new GrowableFloat64(Math.max(1024, this.values.length));
    const shared = rowTimes.view();
    for (let i = 0; i < this.values.length; i++) this.times.push(shared[i] as number);
  }

  finish(rowTimes: Float64Array): MetricHistory {
    return { times: this.times === undefined ? rowTimes : this.times.finish(), values: this.values.finish() };
  }
}

export class RecordingBuilder {
  readonly file: string;
  private readonly keep: KeepColumn;
  private readonly rowTimes: GrowableFloat64;
  /** Rows expected (a batch's size): the arrays start that large, so they neither grow nor get trimmed. */
  private readonly capacity: number;
  private readonly kept = new Map<string, ColumnBuilder>();
  private readonly present: string[] = [];
  private readonly presentSet = new Set<string>();

  /** The last row time of the batch before this one, when a reader builds a recording in batches. */
  private readonly previousTime: number | undefined;

  constructor(file: string, keep: KeepColumn, previousTime?: number, capacity?: number) {
    this.file = file;
    this.keep = keep;
    this.previousTime = previousTime;
    this.capacity = capacity ?? 1024;
    this.rowTimes = new GrowableFloat64(capacity ?? 4096);
  }

  get rows(): number {
    return this.rowTimes.length;
  }

  /** The time of the last row begun, or undefined before the first. */
  get lastTime(): number | undefined {
    return this.rowTimes.length > 0 ? this.rowTimes.last() : this.previousTime;
  }

  /**
   * Sizes the arrays for `rows` rows in all (a reader's estimate from the source's size), so that a
   * pool-year is not grown by doubling and copied when finished.
   */
  reserve(rows: number): void {
    this.rowTimes.reserve(rows);
    for (const c of this.kept.values()) c.reserve(rows);
  }

  /** Declares a column (idempotent); returns its builder, or undefined when it is not kept. */
  column(name: string): ColumnBuilder | undefined {
    if (!this.presentSet.has(name)) {
      this.presentSet.add(name);
      this.present.push(name);
      if (this.keep(name)) this.kept.set(name, new ColumnBuilder(name, this.rowTimes.length, this.capacity));
    }
    return this.kept.get(name);
  }

  /** Starts a row; returns why its time is refused (not after the previous row's), else undefined. */
  beginRow(time: number): string | undefined {
    if (this.rowTimes.length > 0 || this.previousTime !== undefined) {
      const previous = this.rowTimes.length > 0 ? this.rowTimes.last() : (this.previousTime as number);
      if (time === previous) return `duplicate timestamp ${formatInstant(time)} (the previous row has the same)`;
      if (time < previous)
        return `timestamps must increase: ${formatInstant(time)} is before the previous row's ${formatInstant(previous)}`;
    }
    this.rowTimes.push(time);
    return undefined;
  }

  /** Marks a kept column as missing in the current row. */
  missing(column: ColumnBuilder): void {
    column.missing(this.rowTimes);
  }

  /** After a row whose columns are not all visited (JSON Lines): columns it left out are missing. */
  endSparseRow(): void {
    const row = this.rowTimes.length - 1;
    for (const c of this.kept.values()) if (c.lastRow !== row) c.missing(this.rowTimes);
  }

  finish(format: RecordingFormat, meta: RecordingMeta, notes: string[] = []): Recording {
    const times = this.rowTimes.finish();
    const columns = new Map<string, MetricHistory>();
    for (const [name, c] of this.kept) columns.set(name, c.finish(times));
    return { file: this.file, format, meta, times, columns, present: [...this.present], notes };
  }
}

/** Rows after which a reader first judges the size of its source's rows. */
const SIZE_AFTER_ROWS = 256;

/**
 * Sizes a builder's arrays for all of a source of known size (bytes) as its rows come in: once the
 * first rows show how long a row is, and again whenever the rows reach the size reserved (rows got
 * longer), each time with a margin. A pool-year is then one allocation per column, not a doubling
 * series and a copy at the end. Not for batches, which have their own size.
 */
export class RowReserve {
  private readonly size: number | undefined;
  private firstRowEnd = -1;
  private reserved = SIZE_AFTER_ROWS;

  constructor(size: number | undefined) {
    this.size = size;
  }

  /** After each row, with the bytes read so far (that row included). */
  afterRow(builder: RecordingBuilder, bytesRead: number): void {
    if (this.size === undefined) return;
    const rows = builder.rows;
    if (rows === 1) this.firstRowEnd = bytesRead;
    if (rows !== this.reserved) return;
    const perRow = (bytesRead - this.firstRowEnd) / (rows - 1);
    const left = Math.max(0, this.size - bytesRead);
    this.reserved = rows + Math.ceil((left / Math.max(1, perRow)) * 1.08) + 64;
    builder.reserve(this.reserved);
  }
}
