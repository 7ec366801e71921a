// The string parser behind the formula language's `time("...")` (docs/semantics.md §8.4):
// RFC 1123 (what the docs build with .NET's ToString("r")) and W3C-DTF / ISO 8601 with at most 7
// fractional-second digits (the service rejected Java's 9-digit Instant strings). Fields are
// parsed by hand and combined arithmetically: Date.parse is implementation-defined and lenient.

import { daysFromCivil, daysInMonth } from './civil-date.ts';

export type ParseTimeResult = { ok: true; ms: number } | { ok: false; reason: string };

const MS_PER_DAY = 86_400_000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Indexed by the day of the week of the Unix epoch offset: day 0 (1970-01-01) was a Thursday.
const DAY_NAMES_FROM_THURSDAY = ['thu', 'fri', 'sat', 'sun', 'mon', 'tue', 'wed'];

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fractional second in 100 ns ticks (0..9_999_999). */
  ticks: number;
  /** Zone offset east of UTC, in minutes. */
  offsetMinutes: number;
}

// Range checks shared by both syntaxes; .NET DateTime covers years 1..9999 only.
function validate(f: Fields): string | undefined {
  if (f.year < 1 || f.year > 9999) return `year ${f.year} is out of range (0001-9999)`;
  if (f.month < 1 || f.month > 12) return `month ${f.month} is out of range (01-12)`;
  const maxDay = daysInMonth(f.year, f.month);
  if (f.day < 1 || f.day > maxDay)
    return `day ${f.day} is out of range for month ${f.month} of ${f.year} (01-${maxDay})`;
  if (f.hour > 23) return `hour ${f.hour} is out of range (00-23)`;
  if (f.minute > 59) return `minute ${f.minute} is out of range (00-59)`;
  if (f.second > 59) return `second ${f.second} is out of range (00-59)`;
  // .NET's DateTimeOffset limit; larger offsets are not real zones.
  if (Math.abs(f.offsetMinutes) > 14 * 60) return 'time zone offset is out of range (at most 14:00)';
  return undefined;
}

function toMs(f: Fields): number {
  const whole =
    daysFromCivil(f.year, f.month, f.day) * MS_PER_DAY +
    ((f.hour * 60 + f.minute - f.offsetMinutes) * 60 + f.second) * 1000;
  // Ticks / 10000 is the correctly rounded sub-millisecond fraction (.880011 s -> 880.011 ms).
  return whole + f.ticks / 10_000;
}

function finish(f: Fields): ParseTimeResult {
  const problem = validate(f);
  return problem === undefined ? { ok: true, ms: toMs(f) } : { ok: false, reason: problem };
}

// YYYY[-MM[-DD[(T| )hh:mm[:ss[.f+]][Z|±hh:mm]]]]; the fraction is captured unbounded so that a
// too-long one gets its own message.
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function parseIso(m: RegExpExecArray): ParseTimeResult {
  const fraction = m[7] ?? '';
  if (fraction.length > 7) {
    return { ok: false, reason: `more than 7 fractional digits in the seconds (${fraction.length})` };
  }
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(4, 6));
    if (minutes > 59) return { ok: false, reason: `time zone minutes ${minutes} are out of range (00-59)` };
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return finish({
    year: Number(m[1]),
    month: Number(m[2] ?? '1'),
    day: Number(m[3] ?? '1'),
    hour: Number(m[4] ?? '0'),
    minute: Number(m[5] ?? '0'),
    second: Number(m[6] ?? '0'),
    ticks: Number(fraction.padEnd(7, '0')),
    offsetMinutes,
  });
}

// [Ddd,] D[D] Mon YYYY hh:mm[:ss] (GMT|UT|UTC|Z|±hhmm); names are case-insensitive as in .NET.
const RFC1123 =
  /^(?:([A-Za-z]{3})\s*,\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(GMT|UTC|UT|Z|[+-]\d{4})$/i;

function parseRfc1123(m: RegExpExecArray): ParseTimeResult {
  const monthName = (m[3] ?? '').toLowerCase();
  const month = MONTHS.indexOf(monthName) + 1;
  if (month === 0) return { ok: false, reason: `unknown month name "${m[3] ?? ''}"` };
  const zone = (m[8] ?? '').toUpperCase();
  let offsetMinutes = 0;
  if (zone.startsWith('+') || zone.startsWith('-')) {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3, 5));
    if (minutes > 59) return { ok: false, reason: `time zone minutes ${minutes} are out of range (00-59)` };
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const fields: Fields = {
    year: Number(m[4]),
    month,
    day: Number(m[2]),
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: Number(m[7] ?? '0'),
    ticks: 0,
    offsetMinutes,
  };
  const problem = validate(fields);
  if (problem !== undefined) return { ok: false, reason: problem };
  const dayName = m[1]?.toLowerCase();
  if (dayName !== undefined) {
    if (!DAY_NAMES_FROM_THURSDAY.includes(dayName)) return { ok: false, reason: `unknown day name "${m[1] ?? ''}"` };
    // .NET rejects a day name that contradicts the date; so do we. The name belongs to the
    // written (local) date, not the UTC one.
    const days = daysFromCivil(fields.year, fields.month, fields.day);
    const actual = DAY_NAMES_FROM_THURSDAY[((days % 7) + 7) % 7];
    if (actual !== dayName) {
      return { ok: false, reason: `day name "${m[1] ?? ''}" does not match the date (it is a ${actual ?? '?'})` };
    }
  }
  return { ok: true, ms: toMs(fields) };
}

/**
 * Parses the argument of `time("...")` to ms since the Unix epoch (UTC), keeping sub-millisecond
 * precision as a fraction (within the precision a double has at that magnitude, about 0.25 µs
 * today). Accepts RFC 1123 (`Mon, 06 Oct 2014 10:20:00 GMT`) and W3C-DTF / ISO 8601
 * (`2014-10-06`, `2014-10-06T10:20:00.1234567+02:00`; no zone means UTC). Never throws.
 */
export function parseTimeString(text: string): ParseTimeResult {
  if (typeof text !== 'string') return { ok: false, reason: 'not a string' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty time string' };
  const iso = ISO.exec(trimmed);
  if (iso !== null) return parseIso(iso);
  const rfc = RFC1123.exec(trimmed);
  if (rfc !== null) return parseRfc1123(rfc);
  return {
    ok: false,
    reason:
      `"${trimmed.length > 60 ? `${trimmed.slice(0, 60)}...` : trimmed}" is not a recognised time ` +
      '(expected RFC 1123 such as "Mon, 06 Oct 2014 10:20:00 GMT" or ISO 8601 such as "2014-10-06T10:20:00Z")',
  };
}
