// A recording assembled from batches while it is still being read (a streaming replay): appends
// each batch's columns, hands out views of the columns so far for evaluations up to the last
// time read, and becomes an ordinary Recording at the end. Dense columns keep sharing the row
// times, as in RecordingBuilder.

import type { MetricHistory } from '@autoscale/core';
import { GrowableFloat64, type Recording, type RecordingFormat } from './model.ts';
import type { RecordingMeta } from './meta.ts';

/** One batch as a reader emits it: row times, and per kept column its times (the row times when dense) and values. */
export interface RecordingBatch {
  times: Float64Array;
  columns: Array<{ name: string; times: Float64Array | null; values: Float64Array }>;
  /**
   * Rows the whole recording is expected to have (the reader's estimate from the file's size):
   * the columns are then allocated once at that size instead of doubling as batches arrive.
   */
  expectedRows?: number;
}

/** A batch from a batch-sized Recording (what readCsvRecording emits), ready to transfer. */
export function toBatch(r: Recording): RecordingBatch {
  return {
    times: r.times,
    columns: [...r.columns].map(([name, h]) => ({
      name,
      times: h.times === r.times ? null : h.times,
      values: h.values,
    })),
  };
}

class GrowingColumn {
  readonly values: GrowableFloat64;
  /** Undefined while every row had a value: the column's times are the row times. */
  times: GrowableFloat64 | undefined;

  constructor(capacity: number) {
    this.values = new GrowableFloat64(capacity);
  }
}

export class GrowingRecording {
  private readonly rowTimes = new GrowableFloat64(1 << 16);
  private readonly columns = new Map<string, GrowingColumn>();
  /** The size columns are allocated at: the latest expected row count, at least 64 Ki. */
  private capacity = 1 << 16;

  get rows(): number {
    return this.rowTimes.length;
  }

  get firstTime(): number | undefined {
    return this.rowTimes.length > 0 ? this.rowTimes.get(0) : undefined;
  }

  get lastTime(): number | undefined {
    return this.rowTimes.length > 0 ? this.rowTimes.last() : undefined;
  }

  append(batch: RecordingBatch): void {
    const before = this.rowTimes.length;
    if (batch.expectedRows !== undefined && batch.expectedRows > this.capacity) this.reserve(batch.expectedRows);
    for (const c of batch.columns) {
      let column = this.columns.get(c.name);
      if (column === undefined) {
        column = new GrowingColumn(this.capacity);
        // A column that first appears after the first row has gaps from the start.
        if (before > 0) column.times = new GrowableFloat64(this.capacity);
        this.columns.set(c.name, column);
      }
      if (column.times === undefined && c.times !== null) {
        column.times = new GrowableFloat64(Math.max(this.capacity, before * 2));
        column.times.pushAll(this.rowTimes.view().subarray(0, before));
      }
      column.values.pushAll(c.values);
      column.times?.pushAll(c.times ?? batch.times);
    }
    // A column this batch does not carry has no sample in it: it stops sharing the row times.
    const carried = new Set(batch.columns.map((c) => c.name));
    for (const [name, column] of this.columns) {
      if (carried.has(name) || column.times !== undefined) continue;
      column.times = new GrowableFloat64(Math.max(this.capacity, before * 2));
      column.times.pushAll(this.rowTimes.view().subarray(0, before));
    }
    this.rowTimes.pushAll(batch.times);
  }

  /** Allocates every array for `rows` rows once (dense columns' own times stay unallocated). */
  private reserve(rows: number): void {
    this.capacity = rows;
    this.rowTimes.reserve(rows);
    for (const c of this.columns.values()) {
      c.values.reserve(rows);
      c.times?.reserve(rows);
    }
  }

  /** Views of every column so far; valid until the next append. */
  views(): Map<string, MetricHistory> {
    const rowTimes = this.rowTimes.view();
    const out = new Map<string, MetricHistory>();
    for (const [name, c] of this.columns)
      out.set(name, { times: c.times === undefined ? rowTimes : c.times.view(), values: c.values.view() });
    return out;
  }

  finish(
    file: string,
    format: RecordingFormat,
    meta: RecordingMeta,
    present: string[],
    notes: string[] = [],
  ): Recording {
    const times = this.rowTimes.finish();
    const columns = new Map<string, MetricHistory>();
    for (const [name, c] of this.columns)
      columns.set(name, { times: c.times === undefined ? times : c.times.finish(), values: c.values.finish() });
    return { file, format, meta, times, columns, present, notes };
  }
}
