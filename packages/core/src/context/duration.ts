// Time text for context files and tests: durations (`1h30m`, `500ms`, ISO 8601 `PT15M`) and ISO
// 8601 instants with a zone, both to and from milliseconds. Pure functions that never throw; a
// failure comes back as a reason sentence that callers put into their own error messages.

import { daysInMonth } from '../runtime/civil-date.ts';

export type DurationResult = { ok: true; ms: number } | { ok: false; reason: string };
export type InstantResult = { ok: true; ms: number } | { ok: false; reason: string };

const MS_PER_UNIT = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type CompactUnit = keyof typeof MS_PER_UNIT;
/** Units in the only order the compact form accepts, so `30s1m` is caught as a likely slip. */
const COMPACT_ORDER: readonly CompactUnit[] = ['d', 'h', 'm', 's', 'ms'];

const COMPACT_PART = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/y;
const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

const EXPECTED = 'expected a duration like "30s", "15m", "1h30m", "500ms" or ISO 8601 "PT15M"';

/**
 * Parses a duration into whole milliseconds. Accepts the compact form (units d, h, m, s, ms,
 * largest first, each at most once, e.g. `1h30m`, `1.5s`) and ISO 8601 (`PT15M`, `P1D`,
 * `PT0.5S`, `P1W`). A bare number is refused: its unit would be a guess.
 */
export function parseDuration(text: string): DurationResult {
  // No trimming: the schema's pattern does not allow surrounding spaces either.
  if (text === '') return { ok: false, reason: `empty duration; ${EXPECTED}` };
  if (/^[+-]?\d+(?:\.\d+)?$/.test(text)) {
    return {
      ok: false,
      reason: `"${text}" has no unit (a plain number is ambiguous); write e.g. "${text}s" or "${text}ms"`,
    };
  }
  if (text.startsWith('-')) return { ok: false, reason: `"${text}": durations cannot be negative` };
  if (/^p/i.test(text)) return parseIsoDuration(text);
  return parseCompactDuration(text);
}

function parseCompactDuration(text: string): DurationResult {
  let pos = 0;
  let total = 0;
  let lastRank = -1;
  while (pos < text.length) {
    COMPACT_PART.lastIndex = pos;
    const m = COMPACT_PART.exec(text);
    if (m === null) return { ok: false, reason: compactFailure(text, pos) };
    const unit = m[2] as CompactUnit;
    const rank = COMPACT_ORDER.indexOf(unit);
    if (rank <= lastRank) {
      return {
        ok: false,
        reason: `"${text}": units must go from largest to smallest, each at most once (d, h, m, s, ms)`,
      };
    }
    lastRank = rank;
    total += Number(m[1]) * MS_PER_UNIT[unit];
    pos += m[0].length;
  }
  return finish(text, total);
}

/** Explains why the compact form failed at `pos`, with the common slips called out. */
function compactFailure(text: string, pos: number): string {
  // Look at whole number+letters runs, so "30sec" is blamed on "sec", not on the "ec" after "30s".
  for (const [, , unit] of text.matchAll(/(\d+(?:\.\d+)?)([a-zA-Z]+)/g)) {
    if (unit === undefined || Object.hasOwn(MS_PER_UNIT, unit)) continue;
    if (Object.hasOwn(MS_PER_UNIT, unit.toLowerCase())) return `"${text}": units are lowercase (d, h, m, s, ms)`;
    return `"${text}": unknown unit "${unit}" (use d, h, m, s or ms)`;
  }
  const rest = text.slice(pos);
  if (/^\d+(?:\.\d+)?$/.test(rest)) return `"${text}": "${rest}" has no unit`;
  return `"${text}" is not a duration; ${EXPECTED}`;
}

function parseIsoDuration(text: string): DurationResult {
  const m = ISO_DURATION.exec(text);
  // "P" and "PT" alone match the pattern with every part empty; ISO requires at least one part.
  if (m === null || /^PT?$/i.test(text) || /T$/i.test(text)) {
    return { ok: false, reason: `"${text}" is not an ISO 8601 duration (e.g. "PT15M", "P1D", "PT0.5S")` };
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = m;
  // Years and months have no fixed length, so any value for them would be a guess.
  if (years !== undefined || months !== undefined) {
    return { ok: false, reason: `"${text}": years and months have no fixed length; use days (D) or weeks (W)` };
  }
  const part = (s: string | undefined, unitMs: number): number =>
    s === undefined ? 0 : Number(s.replace(',', '.')) * unitMs;
  const total =
    part(weeks, 7 * MS_PER_UNIT.d) +
    part(days, MS_PER_UNIT.d) +
    part(hours, MS_PER_UNIT.h) +
    part(minutes, MS_PER_UNIT.m) +
    part(seconds, MS_PER_UNIT.s);
  return finish(text, total);
}

/** Durations are whole milliseconds so sample times built from them stay exact. */
function finish(text: string, total: number): DurationResult {
  // Fractions like 0.1 s multiply to 100.00000000000001; snap values that are a whole ms up to float noise.
  const rounded = Math.round(total);
  if (Math.abs(total - rounded) > 1e-6 * Math.max(1, Math.abs(total))) {
    return { ok: false, reason: `"${text}" is not a whole number of milliseconds` };
  }
  if (!Number.isSafeInteger(rounded)) return { ok: false, reason: `"${text}" is too long` };
  return { ok: true, ms: rounded };
}

/** Formats milliseconds compactly, largest unit first: `1h30m`, `30s`, `1d`, `500ms`, `0s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of COMPACT_ORDER) {
    const size = MS_PER_UNIT[unit];
    // The last unit takes whatever is left, fractional milliseconds included.
    const count = unit === 'ms' ? rest : Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO 8601 / RFC 3339 instant that names its zone (`Z` or `+01:00`), e.g.
 * `2026-01-05T10:00:00Z`. A zone is required because a local time would make a context depend on
 * the machine it runs on. Precision is the millisecond, like every time in the context model.
 */
export function parseInstant(text: string): InstantResult {
  const fast = commonUtcInstant(text);
  if (fast !== undefined) return { ok: true, ms: fast };
  const m = ISO_INSTANT.exec(text);
  if (m === null) {
    const hint = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/.test(text)
      ? ' (a zone, e.g. "Z", is required)'
      : '';
    return { ok: false, reason: `"${text}" is not an ISO 8601 instant like "2026-01-05T10:00:00Z"${hint}` };
  }
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h),
    minute = Number(mi),
    second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return { ok: false, reason: `"${text}": no such date` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `"${text}": no such time of day` };
  const fraction = frac ?? '';
  if (/[1-9]/.test(fraction.slice(3)))
    return { ok: false, reason: `"${text}": precision finer than a millisecond is not supported` };
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  let offsetMin = 0;
  if (zulu === undefined) {
    const offH = Number(oh),
      offM = Number(om);
    if (offH > 23 || offM > 59) return { ok: false, reason: `"${text}": no such zone offset` };
    offsetMin = (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  return { ok: true, ms: utc(year, month - 1, day, hour, minute, second, millis) - offsetMin * 60_000 };
}

/** Date.UTC without its quirk of reading years 0-99 as 1900-1999. */
function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

/** Formats an instant in UTC, dropping a zero millisecond part: `2026-01-05T10:00:00Z`. */
export function formatInstant(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return String(ms);
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * The shape nearly every instant has, "2026-01-05T10:00:00Z" or "2026-01-05T10:00:00.250Z", read
 * digit by digit: a context file or a test may hold hundreds of thousands of sample times, and the
 * regular expression's match allocates a dozen strings each. Anything else, or anything out of
 * range, is left to the full reading (undefined), which also words the errors.
 */
function commonUtcInstant(text: string): number | undefined {
  const n = text.length;
  if ((n !== 20 && n !== 24) || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  const digits = (from: number, count: number): number => {
    let value = 0;
    for (let i = from; i < from + count; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      value = value * 10 + d;
    }
    return value;
  };
  const separators =
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === 'T' &&
    text[13] === ':' &&
    text[16] === ':' &&
    (n === 20 || text[19] === '.');
  if (!separators) return undefined;
  const year = digits(0, 4),
    month = digits(5, 2),
    day = digits(8, 2),
    hour = digits(11, 2),
    minute = digits(14, 2),
    second = digits(17, 2);
  const millis = n === 24 ? digits(20, 3) : 0;
  if (
    year < 0 ||
    millis < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return undefined;
  return utc(year, month - 1, day, hour, minute, second, millis);
}
