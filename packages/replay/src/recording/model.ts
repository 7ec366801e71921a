// The in-memory recording every reader and importer produces and every replay mode reads:
// row timestamps plus one columnar history per kept service variable (core's MetricHistory, so
// the evaluator reads it directly), the pool metadata as given, and importers' notes.

import type { MetricHistory } from '@autoscale/core';
import type { RecordingMeta } from './meta.ts';

export type RecordingFormat = 'csv' | 'jsonl' | 'azure-monitor' | 'rest-poll';
export const RECORDING_FORMATS: readonly RecordingFormat[] = ['csv', 'jsonl', 'azure-monitor', 'rest-poll'];

export interface Recording {
  /** The file as the user named it. */
  file: string;
  format: RecordingFormat;
  meta: RecordingMeta;
  /** Timestamp of every row (or poll), ascending, milliseconds since the epoch. */
  times: Float64Array;
  /** Histories of the kept columns, by full variable name; a missing sample is simply absent. */
  columns: Map<string, MetricHistory>;
  /** Every column the source has (full names), including those not kept in memory. */
  present: string[];
  /** What an importer could not derive or had to approximate, for the report. */
  notes: string[];
}

/** Which columns to keep in memory; the others are validated and dropped while reading. */
export type KeepColumn = (name: string) => boolean;
export const KEEP_ALL: KeepColumn = () => true;

/** A Float64Array that grows by doubling; `finish` trims it to its length. */
export class GrowableFloat64 {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(1, capacity));
  }

  push(v: number): void {
    const i = this.length;
    // Kept small so that it inlines into the readers' row loops; growing is the rare case.
    if (i === this.data.length) this.grow();
    this.data[i] = v;
    this.length = i + 1;
  }

  private grow(): void {
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }

  /** Appends a whole array (a batch's column). */
  pushAll(values: Float64Array): void {
    if (this.length + values.length > this.data.length) {
      let capacity = this.data.length;
      while (capacity < this.length + values.length) capacity *= 2;
      const next = new Float64Array(capacity);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  last(): number {
    return this.data[this.length - 1] as number;
  }

  /** A view of the first `length` values; valid until the next push. */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  /** Makes room for `capacity` values in all (one allocation where doubling would take several). */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Float64Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /**
   * The values as one array, and the growable buffer released. Nearly full (a reserved size that
   * was about right), it is a view of the buffer: copying a pool-year's column to save a few
   * percent would cost time and, while both exist, memory. Otherwise a right-sized copy.
   */
  finish(): Float64Array {
    const slack = this.data.length - this.length;
    const out = slack <= this.data.length / 8 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length);
    this.data = new Float64Array(0);
    this.length = 0;
    return out;
  }
}
