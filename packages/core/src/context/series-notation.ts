// THE parser of the expanding series notation (promtool's `a+bxn`, `axn`, `_xn`, ...) shared by
// context files, the formula test runner and replay, plus the placement of an expanded series on
// a time axis. Errors are reported per item with offsets into the text; nothing here throws.

import type { MetricHistory } from '../runtime/context.ts';

/** Upper bound on the values one series may expand to, so a typo like `0x99999999` cannot exhaust memory. */
export const MAX_SERIES_SAMPLES = 5_000_000;

export interface SeriesError {
  /** Offset of the offending item in the text (UTF-16 code units, 0-based). */
  offset: number;
  /** Length of the offending item. */
  length: number;
  message: string;
}

export type SeriesResult = { ok: true; values: Array<number | null> } | { ok: false; errors: SeriesError[] };

/** One parsed item: `count` values starting at `start` (null = missing), each `step` from the last. */
interface SeriesItem {
  start: number | null;
  step: number;
  count: number;
}

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const UNSIGNED = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const ITEM = new RegExp(String.raw`^(?:(_)|(${NUMBER})(?:([+-])(${UNSIGNED}))?)(?:x(\d+))?$`);

const FORMS = 'expected a number, "axn", "a+bxn", "a-bxn", "_" or "_xn"';

/**
 * Expands a whitespace-separated series: `a` is one value; `axn` is a repeated n+1 times;
 * `a+bxn` / `a-bxn` is a, a±b, ..., a±n·b (n+1 values); `_` is one missing sample, `_xn` n+1 of
 * them. An empty text is an empty series. Every bad item is reported, not just the first.
 */
export function parseSeries(text: string): SeriesResult {
  const errors: SeriesError[] = [];
  const items: Array<{ item: SeriesItem; offset: number; length: number }> = [];
  for (const token of tokenize(text)) {
    const parsed = parseItem(token.text);
    if (typeof parsed === 'string') errors.push({ offset: token.offset, length: token.text.length, message: parsed });
    else items.push({ item: parsed, offset: token.offset, length: token.text.length });
  }
  const overflow = findOverflow(items);
  if (overflow !== undefined) errors.push(overflow);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.offset - b.offset) };
  const values: Array<number | null> = [];
  for (const { item } of items) expandInto(values, item);
  return { ok: true, values };
}

function tokenize(text: string): Array<{ text: string; offset: number }> {
  const tokens: Array<{ text: string; offset: number }> = [];
  for (const m of text.matchAll(/\S+/g)) tokens.push({ text: m[0], offset: m.index });
  return tokens;
}

/** Returns the item, or a message explaining why the token is not one. */
function parseItem(token: string): SeriesItem | string {
  const m = ITEM.exec(token);
  if (m === null) return explainBadItem(token);
  const [, missing, first, sign, step, times] = m;
  const count = times === undefined ? 1 : Number(times) + 1;
  if (!Number.isSafeInteger(count)) return `"${token}": repeat count is too large`;
  if (missing !== undefined) return { start: null, step: 0, count };
  const start = Number(first);
  const delta = step === undefined ? 0 : (sign === '-' ? -1 : 1) * Number(step);
  if (step !== undefined && times === undefined) return `"${token}": a step needs a count, e.g. "${token}x3"`;
  // Checked at both ends: the expansion is linear, so finite ends mean finite values in between.
  if (!Number.isFinite(start) || !Number.isFinite(delta) || !Number.isFinite(start + (count - 1) * delta)) {
    return `"${token}": values must be finite numbers`;
  }
  return { start, step: delta, count };
}

function explainBadItem(token: string): string {
  if (/^[+-]?(?:inf(?:inity)?|nan)$/i.test(token) || token === 'stale')
    return `"${token}": only finite numbers and "_" (missing) are allowed`;
  if (/^_[+-]/.test(token)) return `"${token}": a missing sample "_" cannot have a step; write "_xn"`;
  if (/X\d+$/.test(token)) return `"${token}": the repeat marker is a lowercase "x"`;
  if (/[\d.]x$/.test(token)) return `"${token}": "x" must be followed by a count`;
  if (/x[+-]/.test(token)) return `"${token}": the repeat count must be a non-negative whole number`;
  if (/x\d*\.\d*$/.test(token)) return `"${token}": the repeat count must be a whole number`;
  return `"${token}" is not a series item; ${FORMS}`;
}

/** Reports the first item that takes the total past MAX_SERIES_SAMPLES, before anything is expanded. */
function findOverflow(
  items: ReadonlyArray<{ item: SeriesItem; offset: number; length: number }>,
): SeriesError | undefined {
  let total = 0;
  for (const { item, offset, length } of items) {
    total += item.count;
    if (total > MAX_SERIES_SAMPLES) {
      return {
        offset,
        length,
        message: `the series expands to more than ${MAX_SERIES_SAMPLES.toLocaleString('en-US')} samples (the limit)`,
      };
    }
  }
  return undefined;
}

function expandInto(out: Array<number | null>, item: SeriesItem): void {
  // start + i·step rather than a running sum, so long ramps do not accumulate rounding error.
  for (let i = 0; i < item.count; i++) out.push(item.start === null ? null : item.start + i * item.step);
}

/** Where an expanded series sits in time: its last slot at `end`, or its first slot at `start`. */
export type SeriesPlacement = { end: number; intervalMs: number } | { start: number; intervalMs: number };

/**
 * Places an expanded series on the time axis, `intervalMs` apart (must be > 0), and drops the
 * missing slots: they occupy time but leave a gap in the history.
 */
export function seriesToHistory(values: ReadonlyArray<number | null>, placement: SeriesPlacement): MetricHistory {
  const first = 'start' in placement ? placement.start : placement.end - (values.length - 1) * placement.intervalMs;
  let present = 0;
  for (const v of values) if (v !== null) present++;
  const times = new Float64Array(present);
  const out = new Float64Array(present);
  let j = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    times[j] = first + i * placement.intervalMs;
    out[j] = v;
    j++;
  });
  return { times, values: out };
}
