// Argument parsers `replay` and `tune` share, so the two commands accept and refuse the same
// evaluation intervals, prices, currencies and job counts with the same words.

import { InvalidArgumentError } from 'commander';
import { checkCurrency, checkEvaluationInterval } from '@autoscale/replay/options';
import { durationArgument, wholeNumberArgument } from '../arguments.ts';

/** `--interval`: a duration the replay accepts as an evaluation interval. */
export function intervalArgument(value: string): number {
  const ms = durationArgument(value);
  const bad = checkEvaluationInterval(ms);
  if (bad !== undefined) throw new InvalidArgumentError(bad);
  return ms;
}

/** `--price-*`: a number >= 0 per node-hour. */
export function priceArgument(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n))
    throw new InvalidArgumentError(`"${value}" is not a price (a number >= 0 per node-hour)`);
  return n;
}

/** `--currency`: an ISO 4217 code. */
export function currencyArgument(value: string): string {
  const bad = checkCurrency(value);
  if (bad !== undefined) throw new InvalidArgumentError(bad);
  return value;
}

/** `--jobs`: how many worker threads. */
export const jobsArgument = wholeNumberArgument(1, Number.MAX_SAFE_INTEGER, 'a whole number >= 1');
