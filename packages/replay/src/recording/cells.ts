// Cell parsers for recordings: numbers and ISO 8601 instants. Recordings hold about a million
// rows, so both have a fast path for the common spelling (plain integers; `...T10:00:30Z` with a
// cached day) and fall back to the general rule (a strict decimal; core's parseInstant), which
// they agree with exactly. Pure functions; a bad cell gives NaN or a reason, never an exception.

import { parseInstant } from '@autoscale/core';

/** Decimal numbers as people and spreadsheets write them: no hex, no `Infinity`, no `NaN`, no spaces. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number, or NaN when `text` is not a decimal number. `text` must not be empty. */
export function parseNumberCell(text: string): number {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45; // '-'
  if (negative || c === 43) i = 1; // '+'
  // Up to 15 digits an integer accumulated digit by digit is exact; anything else takes the slow path.
  if (n - i > 0 && n - i <= 15) {
    let v = 0;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (i === n) return negative ? -v : v;
  }
  if (!DECIMAL.test(text)) return Number.NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : Number.NaN;
}

export type InstantCell = { ok: true; ms: number } | { ok: false; reason: string };

/**
 * Parses instants; remembers the last calendar day seen so that a run of `YYYY-MM-DDTHH:MM:SSZ`
 * (optionally `.fff`) stamps costs a few character reads each. Everything else goes to core.
 */
export class InstantParser {
  private dayPrefix = '';
  private dayStart = 0;

  parse(text: string): InstantCell {
    const n = text.length;
    if ((n === 20 || n === 24) && text.charCodeAt(n - 1) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */) {
      const fast = this.fast(text, n);
      if (fast >= 0 || fast < -1) return { ok: true, ms: fast };
    }
    const r = parseInstant(text);
    return r.ok ? { ok: true, ms: r.ms } : { ok: false, reason: r.reason };
  }

  /** The instant, or -1 when the fast path does not apply (the caller then asks core). */
  private fast(text: string, n: number): number {
    if (!text.startsWith(this.dayPrefix) || this.dayPrefix === '') {
      const day = text.slice(0, 10);
      const r = parseInstant(`${day}T00:00:00Z`);
      if (!r.ok) return -1;
      this.dayPrefix = day;
      this.dayStart = r.ms;
    }
    if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return -1; // ':'
    const h = twoDigits(text, 11);
    const m = twoDigits(text, 14);
    const s = twoDigits(text, 17);
    if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 59) return -1;
    let ms = 0;
    if (n === 24) {
      if (text.charCodeAt(19) !== 46) return -1; // '.'
      const a = digit(text, 20),
        b = digit(text, 21),
        c = digit(text, 22);
      if (a < 0 || b < 0 || c < 0) return -1;
      ms = a * 100 + b * 10 + c;
    }
    const t = this.dayStart + h * 3_600_000 + m * 60_000 + s * 1000 + ms;
    // Instants before 1970 are negative; -1 would collide with "not handled", so leave those to core.
    return t === -1 ? -1 : t;
  }
}

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function twoDigits(text: string, i: number): number {
  const a = digit(text, i);
  const b = digit(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}
