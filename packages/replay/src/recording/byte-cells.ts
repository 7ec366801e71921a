// Cell parsers over UTF-8 bytes, for the readers' fast paths (a pool-year is ten million cells):
// decimal numbers and ISO 8601 instants read digit by digit, with no string made. Each answers
// only where it is exact and agrees with cells.ts (parseNumberCell, core's parseInstant) to the
// bit; anywhere else it answers "not handled" (NaN) and the caller decodes the cell and asks
// those general rules, which also word the errors. Pure functions.

import { daysFromCivil, daysInMonth } from '@autoscale/core';
import { DOT, MINUS, NINE, PLUS, ZERO } from './byte-codes.ts';

/** Powers of ten a double holds exactly: m * 10^k and m / 10^k are then correctly rounded. */
const EXACT_POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Most significant digits of a mantissa accumulated exactly (10^15 < 2^53). */
const MAX_EXACT_DIGITS = 15;

/**
 * The decimal `bytes[start, end)` as parseNumberCell reads it, or NaN when this path cannot say
 * (not a decimal, more than 15 significant digits, a large exponent): the caller then decodes the
 * cell for parseNumberCell. The cell must not be empty.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = bytes[i] as number;
  const negative = c === MINUS;
  if (negative || c === PLUS) c = bytes[++i] as number;
  let mantissa = 0;
  let significant = 0;
  let scale = 0;
  let digits = 0;
  for (; i < end; c = bytes[++i] as number) {
    if (c < ZERO || c > NINE) break;
    digits++;
    if (mantissa === 0 && c === ZERO) continue;
    mantissa = mantissa * 10 + (c - ZERO);
    significant++;
  }
  if (i < end && c === DOT) {
    for (c = bytes[++i] as number; i < end; c = bytes[++i] as number) {
      if (c < ZERO || c > NINE) break;
      digits++;
      scale++;
      if (mantissa === 0 && c === ZERO) continue;
      mantissa = mantissa * 10 + (c - ZERO);
      significant++;
    }
  }
  if (digits === 0 || significant > MAX_EXACT_DIGITS) return Number.NaN;
  let exponent = 0;
  if (i < end && (c | 0x20) === 101 /* e or E */) {
    c = bytes[++i] as number;
    const negativeExponent = c === MINUS;
    if (negativeExponent || c === PLUS) c = bytes[++i] as number;
    const first = i;
    for (; i < end; c = bytes[++i] as number) {
      if (c < ZERO || c > NINE || i - first >= 4) return Number.NaN;
      exponent = exponent * 10 + (c - ZERO);
    }
    if (i === first) return Number.NaN;
    if (negativeExponent) exponent = -exponent;
  }
  if (i !== end) return Number.NaN;
  const power = exponent - scale;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (power >= 0 && power < EXACT_POW10.length) value = mantissa * (EXACT_POW10[power] as number);
  else if (power < 0 && -power < EXACT_POW10.length) value = mantissa / (EXACT_POW10[-power] as number);
  else return Number.NaN;
  return negative ? -value : value;
}

/** The last date parseInstantBytes saw (packed) and its first millisecond. */
let lastDate = -1;
let lastDayMs = 0;

/** The two digits at `at` as a number, or a negative number when either is not a digit. */
function two(bytes: Uint8Array, at: number): number {
  const a = (bytes[at] as number) - ZERO;
  const b = (bytes[at + 1] as number) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The instant `bytes[start, end)` when it has one of the common shapes, `YYYY-MM-DDTHH:MM:SS`, then
 * 1 to 3 fraction digits after `.` or none, then `Z` or `+HH:MM`/`-HH:MM`, and is a real date, time
 * and offset; else NaN (lower-case letters, a space for `T`, no seconds, finer fractions, `+HHMM`
 * and every error are core's parseInstant's to read or word).
 */
export function parseInstantBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 20 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS || bytes[start + 10] !== 84 /* T */)
    return Number.NaN;
  if (bytes[start + 13] !== 58 || bytes[start + 16] !== 58 /* : */) return Number.NaN;
  const century = two(bytes, start);
  const yy = two(bytes, start + 2);
  const month = two(bytes, start + 5);
  const day = two(bytes, start + 8);
  const hour = two(bytes, start + 11);
  const minute = two(bytes, start + 14);
  const second = two(bytes, start + 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const year = century * 100 + yy;
  let i = start + 19;
  let millis = 0;
  if (bytes[i] === DOT) {
    let count = 0;
    for (i++; i < end && count < 4; i++, count++) {
      const d = (bytes[i] as number) - ZERO;
      if (d < 0 || d > 9) break;
      millis = millis * 10 + d;
    }
    if (count === 0 || count > 3) return Number.NaN;
    millis *= count === 1 ? 100 : count === 2 ? 10 : 1;
  }
  let offsetMinutes = 0;
  if (end - i === 1 && bytes[i] === 90 /* Z */) offsetMinutes = 0;
  else if (end - i === 6 && (bytes[i] === PLUS || bytes[i] === MINUS) && bytes[i + 3] === 58) {
    const oh = two(bytes, i + 1);
    const om = two(bytes, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    offsetMinutes = (bytes[i] === MINUS ? -1 : 1) * (oh * 60 + om);
  } else return Number.NaN;
  // Rows come in time order, so most share the previous row's day.
  const date = (year * 16 + month) * 32 + day;
  if (date !== lastDate) {
    if (day > daysInMonth(year, month)) return Number.NaN;
    lastDate = date;
    lastDayMs = daysFromCivil(year, month, day) * 86_400_000;
  }
  return lastDayMs + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - offsetMinutes * 60_000;
}
