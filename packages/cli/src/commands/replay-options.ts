// What `replay` and `tune` declare alike: the options that say how a recording is replayed, and
// the argument parsers for intervals, prices, currencies and job counts, so the two commands
// accept and refuse the same values with the same words.

import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_AVAILABILITY_DELAY_MS, formatDuration } from '@autoscale/core';
import { checkCurrency, checkEvaluationInterval, type RecordingFormat } from '@autoscale/replay/options';
import { durationArgument, instantArgument, wholeNumberArgument } from '../arguments.ts';

/** The flags both commands declare (addReplaySettingOptions, and each its own prices, currency, recording format and task log). */
export interface ReplaySettingFlags {
  mode: 'open' | 'closed';
  delay: number;
  interval?: number;
  from?: number;
  to?: number;
  allocationLatency?: number;
  priceDedicated?: number;
  priceLowPriority?: number;
  currency?: string;
  recordingFormat?: RecordingFormat;
  taskLog?: string;
}

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

/** --interval, --from, --to, --delay and --allocation-latency: when and how the recording is replayed. */
export function addReplaySettingOptions(command: Command): Command {
  return command
    .option(
      '--interval <duration>',
      "evaluation interval, 5m to 168h (default: the recording's metadata, else 15m)",
      intervalArgument,
    )
    .option('--from <instant>', 'first evaluation instant, ISO 8601 (default: the first sample)', instantArgument)
    .option('--to <instant>', 'end of the replay, ISO 8601 (default: the last sample)', instantArgument)
    .addOption(
      new Option('--delay <duration>', 'sample availability delay')
        .argParser(durationArgument)
        .default(DEFAULT_AVAILABILITY_DELAY_MS, formatDuration(DEFAULT_AVAILABILITY_DELAY_MS)),
    )
    .option(
      '--allocation-latency <duration>',
      'time from a target increase to the nodes joining the pool (default: metadata, else 4m)',
      durationArgument,
    );
}
