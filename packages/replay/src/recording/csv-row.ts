// The fast path of the wide CSV reader: one data row, read from its UTF-8 bytes straight into the
// kept columns. It takes a row only when the row is plainly right: the header's number of cells, a
// timestamp of a common shape (byte-cells.ts) after the previous row's, and every cell empty or a
// number its column accepts (values.ts). Anything else (a problem to word, quotes, spaces,
// characters beyond ASCII) it leaves untouched for csv.ts's text path, which reads and reports it
// exactly as before; a row is only stored once all of it is checked, so nothing is half-stored.

import { parseInstantBytes, parseNumberBytes } from './byte-cells.ts';
import type { ColumnBuilder, RecordingBuilder } from './builder.ts';
import { parseNumberCell } from './cells.ts';
import type { ResolvedColumn } from './columns.ts';
import { COMMA, DOT, NINE, ZERO } from './byte-codes.ts';

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
const PERCENTAGE = 1;
const POOL = 2;
/** A cell the fast path does not take; negative, so the check for negative values catches it too. */
const NOT_PLAIN = -1;

/** Decodes the rare cell the byte path hands to the general rule (ASCII only by then). */
const ascii = new TextDecoder();

/** What the fast path knows of each column of a header that read without errors. */
export class CsvRowLayout {
  /** Cells per row, timestamp included. */
  readonly cells: number;
  /** Per cell, what values.ts checks beyond >= 0: PERCENTAGE (<= 100), POOL (whole), or nothing. */
  private readonly checks: Uint8Array;
  /** Parsed cells of the row at hand (index 0 unused); NaN is an empty cell. */
  private readonly values: Float64Array;

  constructor(columns: readonly ResolvedColumn[]) {
    this.cells = columns.length + 1;
    this.checks = Uint8Array.from([
      0,
      ...columns.map((c) => (c.kind === 'pool' ? POOL : c.entry.percentage === true ? PERCENTAGE : 0)),
    ]);
    this.values = new Float64Array(this.cells);
  }

  /**
   * Stores the row `bytes[start, end)` when it is plainly right and returns true; returns false,
   * having stored nothing, when the text path must read it. `kept[i]` is cell i's column builder.
   */
  read(
    bytes: Uint8Array,
    start: number,
    end: number,
    builder: RecordingBuilder,
    kept: ReadonlyArray<ColumnBuilder | undefined | null>,
  ): boolean {
    const { values, checks, cells } = this;
    let comma = start;
    while (comma < end && bytes[comma] !== COMMA) comma++;
    const time = parseInstantBytes(bytes, start, comma);
    if (Number.isNaN(time)) return false;
    const previous = builder.lastTime;
    if (previous !== undefined && time <= previous) return false;
    let cell = 1;
    for (let from = comma + 1; comma < end; from = comma + 1, cell++) {
      if (cell === cells) return false;
      // Most cells are `digits[.digits]`: read them in the one pass that finds their end.
      let mantissa = 0;
      let digits = 0;
      let dot = -1;
      for (comma = from; comma < end; comma++) {
        const c = bytes[comma] as number;
        if (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO);
          digits++;
        } else if (c === DOT && dot < 0) dot = digits;
        else break;
      }
      let value: number;
      if (comma < end && bytes[comma] !== COMMA) {
        while (comma < end && bytes[comma] !== COMMA) comma++;
        value = cellValue(bytes, from, comma);
      } else if (comma === from) value = Number.NaN;
      // Up to 15 digits and a power of ten the mantissa is exact and one division rounds correctly.
      else if (digits > 0 && digits <= 15) value = dot < 0 ? mantissa : mantissa / (POW10[digits - dot] as number);
      else value = cellValue(bytes, from, comma);
      // Negative, or NOT_PLAIN: the text path words why.
      if (value < 0) return false;
      const check = checks[cell];
      if (check === PERCENTAGE ? value > 100 : check === POOL && !Number.isInteger(value) && !Number.isNaN(value))
        return false;
      values[cell] = value;
    }
    if (cell !== cells) return false;
    builder.beginRow(time);
    const row = builder.rows - 1;
    for (let i = 1; i < cells; i++) {
      const column = kept[i];
      if (!column) continue;
      const value = values[i] as number;
      if (Number.isNaN(value)) builder.missing(column);
      else column.push(row, time, value);
    }
    return true;
  }
}

/** A non-empty cell's number, NaN when it is blank (a missing sample), NOT_PLAIN when it is neither. */
function cellValue(bytes: Uint8Array, start: number, end: number): number {
  const fast = parseNumberBytes(bytes, start, end);
  if (!Number.isNaN(fast)) return fast;
  let blank = true;
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    // Beyond ASCII (a multibyte space, a stray character): the text path decodes it.
    if (b >= 0x80) return NOT_PLAIN;
    if (b !== 32 && (b < 9 || b > 13)) blank = false;
  }
  if (blank) return Number.NaN;
  // A rare spelling the byte path leaves to the general rule (17 digits, a long exponent).
  const value = parseNumberCell(ascii.decode(bytes.subarray(start, end)));
  return Number.isNaN(value) ? NOT_PLAIN : value;
}
