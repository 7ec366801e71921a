// Number and time wording shared by every report: node-hours to one decimal, money to two,
// signed differences with a percentage, waits as "4m 10s", instants in ISO 8601 UTC.

import { formatDuration, formatInstant } from '@autoscale/core';

export const DASH = '-';

export function hours(h: number | null): string {
  return h === null ? DASH : h.toFixed(1);
}

export function money(x: number | null): string {
  return x === null ? DASH : x.toFixed(2);
}

/** "+12.5 (+3.1%)" against a base; the percentage is left out when the base is zero. */
export function signedDifference(diff: number | null, base: number | null, digits = 1): string {
  if (diff === null) return DASH;
  const sign = diff > 0 ? '+' : diff < 0 ? '-' : '±';
  const text = `${sign}${Math.abs(diff).toFixed(digits)}`;
  if (base === null || base === 0) return text;
  const pct = (diff / base) * 100;
  return `${text} (${pct > 0 ? '+' : pct < 0 ? '-' : '±'}${Math.abs(pct).toFixed(1)}%)`;
}

/** Seconds as "45s", "4m 10s", "2h 5m", "1d 3h": two units at most. */
export function seconds(s: number | null): string {
  if (s === null) return DASH;
  const total = Math.round(s);
  if (total < 60) return `${total}s`;
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = total;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n}${name}`);
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !/^0[a-z]$/.test(p)).join(' ');
}

export function instant(ms: number): string {
  return formatInstant(ms);
}

export function duration(ms: number): string {
  return formatDuration(ms);
}
