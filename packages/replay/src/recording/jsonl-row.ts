// The fast path of the JSON Lines reader: one row object read from its UTF-8 bytes straight into
// the columns, without JSON.parse and without a string per key. It takes a line only when it is
// plainly a right row: one flat object of distinct ASCII keys without escapes, "timestamp" a string
// of a common shape (byte-cells.ts) after the previous row's, every other key a column core's
// registry resolves (each variable once) holding a JSON number its column accepts or null.
// Anything else it leaves untouched for jsonl.ts's JSON.parse path, which reads it and words every
// problem as before; a row is only stored once all of it is checked.

import { parseInstantBytes, parseNumberBytes } from './byte-cells.ts';
import type { ColumnBuilder, RecordingBuilder } from './builder.ts';
import { TIME_COLUMN, type ColumnResult } from './columns.ts';
import { checkCellValue } from './values.ts';
import { BACKSLASH, DOT, MINUS, NINE, QUOTE, ZERO } from './byte-codes.ts';

interface Key {
  bytes: Uint8Array;
  /** undefined for "timestamp". */
  column: ColumnResult | undefined;
  /** The variable's number (one per full name, whatever the spelling), for "given twice"; -1 if none. */
  variable: number;
  /** The column's builder in `builderOf`'s builder (null until declared there). */
  declared: ColumnBuilder | undefined | null;
  builderOf: RecordingBuilder | undefined;
}

const TIME_KEY = new TextEncoder().encode(TIME_COLUMN);
const decoder = new TextDecoder();

export class JsonlRowReader {
  private readonly resolve: (key: string) => ColumnResult;
  /** Keys seen so far, by a hash of their bytes. */
  private readonly keys = new Map<number, Key[]>();
  /** Variables' numbers, by full name. */
  private readonly variables = new Map<string, number>();
  /** The row at hand: its keys in order, and their values (NaN = null). */
  private rowKeys: Key[] = [];
  /** The last row's keys: the next row most likely has the same, in the same order. */
  private lastKeys: Key[] = [];
  private values = new Float64Array(16);
  /** Per variable, the number of the row that last named it. */
  private seen = new Int32Array(16);
  private row = 0;

  constructor(resolve: (key: string) => ColumnResult) {
    this.resolve = resolve;
  }

  /** Stores the row `bytes[start, end)` when it is plainly right and returns true; else stores nothing, false. */
  read(bytes: Uint8Array, start: number, end: number, builder: RecordingBuilder): boolean {
    const rowKeys = this.rowKeys;
    rowKeys.length = 0;
    const stamp = ++this.row;
    let time = Number.NaN;
    let i = skipSpace(bytes, start, end);
    if (i >= end || bytes[i] !== 123 /* { */) return false;
    i = skipSpace(bytes, i + 1, end);
    if (bytes[i] === 125 /* } */) return false;
    for (;;) {
      if (i >= end || bytes[i] !== QUOTE) return false;
      const keyStart = i + 1;
      let key = this.lastKeys[rowKeys.length];
      let keyEnd = key === undefined ? -1 : keyStart + key.bytes.length;
      if (key === undefined || bytes[keyEnd] !== QUOTE || !sameBytes(key.bytes, bytes, keyStart, keyEnd)) {
        keyEnd = stringEnd(bytes, keyStart, end);
        if (keyEnd < 0) return false;
        key = this.key(bytes, keyStart, keyEnd);
      }
      if (key.variable >= 0) {
        if (this.seen[key.variable] === stamp) return false;
        this.seen[key.variable] = stamp;
      } else if (key.column === undefined) {
        if (!Number.isNaN(time)) return false;
      } else return false;
      i = skipSpace(bytes, keyEnd + 1, end);
      if (i >= end || bytes[i] !== 58 /* : */) return false;
      i = skipSpace(bytes, i + 1, end);
      if (i >= end) return false;
      if (key.column === undefined) {
        if (bytes[i] !== QUOTE) return false;
        const valueEnd = stringEnd(bytes, i + 1, end);
        if (valueEnd < 0) return false;
        time = parseInstantBytes(bytes, i + 1, valueEnd);
        if (Number.isNaN(time)) return false;
        i = valueEnd + 1;
      } else {
        const column = key.column;
        if (!column.ok) return false;
        let value: number;
        if (bytes[i] === 110 /* n */) {
          if (i + 4 > end || bytes[i + 1] !== 117 || bytes[i + 2] !== 108 || bytes[i + 3] !== 108) return false;
          value = Number.NaN;
          i += 4;
        } else {
          const numberEnd = jsonNumberEnd(bytes, i, end);
          if (numberEnd < 0) return false;
          value = parseNumberBytes(bytes, i, numberEnd);
          if (Number.isNaN(value)) value = Number(decoder.decode(bytes.subarray(i, numberEnd)));
          if (!Number.isFinite(value) || checkCellValue(column.column, value) !== undefined) return false;
          i = numberEnd;
        }
        if (rowKeys.length >= this.values.length) this.grow();
        this.values[rowKeys.length] = value;
      }
      rowKeys.push(key);
      i = skipSpace(bytes, i, end);
      if (i < end && bytes[i] === 44 /* , */) {
        i = skipSpace(bytes, i + 1, end);
        continue;
      }
      if (i >= end || bytes[i] !== 125 /* } */) return false;
      if (skipSpace(bytes, i + 1, end) !== end) return false;
      break;
    }
    if (Number.isNaN(time)) return false;
    const previous = builder.lastTime;
    if (previous !== undefined && time <= previous) return false;
    // As the JSON.parse path: declare every column (null ones too) in key order, then the row.
    for (const key of rowKeys) if (key.variable >= 0) this.declareIn(builder, key);
    builder.beginRow(time);
    const row = builder.rows - 1;
    for (let k = 0; k < rowKeys.length; k++) {
      const column = (rowKeys[k] as Key).declared;
      const value = this.values[k] as number;
      if (column && !Number.isNaN(value)) column.push(row, time, value);
    }
    builder.endSparseRow();
    this.rowKeys = this.lastKeys;
    this.lastKeys = rowKeys;
    return true;
  }

  /** Declares the key's column in the builder (once per builder) and remembers its column builder. */
  private declareIn(builder: RecordingBuilder, key: Key): void {
    if (key.builderOf === builder) return;
    key.builderOf = builder;
    key.declared = key.column?.ok ? builder.column(key.column.column.name) : null;
  }

  /** The key `bytes[start, end)`, resolved once per distinct spelling. */
  private key(bytes: Uint8Array, start: number, end: number): Key {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    let bucket = this.keys.get(hash);
    if (bucket !== undefined) {
      for (const key of bucket) if (sameBytes(key.bytes, bytes, start, end)) return key;
    } else {
      bucket = [];
      this.keys.set(hash, bucket);
    }
    const own = bytes.slice(start, end);
    const column = sameBytes(TIME_KEY, bytes, start, end) ? undefined : this.resolve(decoder.decode(own));
    let variable = -1;
    if (column?.ok) {
      variable = this.variables.get(column.column.name) ?? this.variables.size;
      this.variables.set(column.column.name, variable);
      if (variable >= this.seen.length) {
        const grown = new Int32Array(this.seen.length * 2);
        grown.set(this.seen);
        this.seen = grown;
      }
    }
    const key: Key = { bytes: own, column, variable, declared: null, builderOf: undefined };
    bucket.push(key);
    return key;
  }

  private grow(): void {
    const next = new Float64Array(this.values.length * 2);
    next.set(this.values);
    this.values = next;
  }
}

function sameBytes(a: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== bytes[start + i]) return false;
  return true;
}

/** JSON's own white space (not \v or \f, which JSON.parse refuses). */
function skipSpace(bytes: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const b = bytes[i];
    if (b !== 32 && b !== 9 && b !== 13) break;
    i++;
  }
  return i;
}

/** The closing quote of a plain string starting at `start`: printable ASCII, no escapes; else -1. */
function stringEnd(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if (b === QUOTE) return i;
    if (b === BACKSLASH || b < 0x20 || b >= 0x80) return -1;
  }
  return -1;
}

/** The end of a JSON number at `start` (-?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?), or -1. */
function jsonNumberEnd(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  if (bytes[i] === MINUS) i++;
  if (i >= end) return -1;
  if (bytes[i] === ZERO) i++;
  else {
    const first = i;
    while (i < end && isDigit(bytes[i] as number)) i++;
    if (i === first) return -1;
  }
  if (i < end && bytes[i] === DOT) {
    const first = ++i;
    while (i < end && isDigit(bytes[i] as number)) i++;
    if (i === first) return -1;
  }
  if (i < end && ((bytes[i] as number) | 0x20) === 101 /* e */) {
    i++;
    if (i < end && (bytes[i] === 43 || bytes[i] === MINUS)) i++;
    const first = i;
    while (i < end && isDigit(bytes[i] as number)) i++;
    if (i === first) return -1;
  }
  return i;
}

function isDigit(b: number): boolean {
  return b >= ZERO && b <= NINE;
}
