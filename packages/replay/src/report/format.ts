// Number and time wording shared by every report: node-hours to one decimal, money to two (or,
// with a currency, "EUR 1,234.50" in the currency's own digits), signed differences with a
// percentage, waits as "4m 10s", instants in ISO 8601 UTC.

import { formatDuration, formatInstant } from '@autoscale/core';
import { currencyDigits } from '../replay/currency.ts';

export const DASH = '-';

export function hours(h: number | null): string {
  return h === null ? DASH : h.toFixed(1);
}

/**
 * An amount: without a currency as it always printed (two decimals, no grouping); with one, its
 * code first and the number grouped in its own digits, in one fixed style whatever the machine's
 * locale, so reports compare across machines.
 */
export function money(x: number | null, currency: string | null = null): string {
  if (x === null) return DASH;
  return currency === null ? x.toFixed(2) : `${currency} ${amount(x, currency)}`;
}

/** A cost difference as signedDifference words it, with the currency's code after the sign ("+EUR 1.60 (+3.1%)"). */
export function moneyDifference(diff: number | null, base: number | null, currency: string | null = null): string {
  if (currency === null || diff === null) return signedDifference(diff, base, 2);
  const sign = diff > 0 ? '+' : diff < 0 ? '-' : '±';
  return `${sign}${currency} ${amount(Math.abs(diff), currency)}${percentOf(diff, base)}`;
}

function amount(x: number, currency: string): string {
  const digits = currencyDigits(currency);
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "+12.5 (+3.1%)" against a base; the percentage is left out when the base is zero. */
export function signedDifference(diff: number | null, base: number | null, digits = 1): string {
  if (diff === null) return DASH;
  const sign = diff > 0 ? '+' : diff < 0 ? '-' : '±';
  return `${sign}${Math.abs(diff).toFixed(digits)}${percentOf(diff, base)}`;
}

/** " (+3.1%)", or nothing when the base is zero or unknown. */
function percentOf(diff: number, base: number | null): string {
  if (base === null || base === 0) return '';
  const pct = (diff / base) * 100;
  return ` (${pct > 0 ? '+' : pct < 0 ? '-' : '±'}${Math.abs(pct).toFixed(1)}%)`;
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
