// `autoscale tune FORMULA --recording FILE --param NAME=LO..HI[:STEP]...` and `autoscale tune merge
// FILE...`: their options, the parsing of ranges and shards, and their help. What they do is
// actions/tune.ts and actions/tune-merge.ts, loaded only when a command runs.

import { InvalidArgumentError, Option, type Command } from 'commander';
// The light entry: start-up loads none of the replay engine.
import { RECORDING_FORMATS } from '@autoscale/replay/options';
import { durationArgument, wholeNumberArgument } from '../arguments.ts';
import type { CommandContext } from '../program.ts';
import {
  addReplaySettingOptions,
  type ReplaySettingFlags,
  currencyArgument,
  jobsArgument,
  priceArgument,
} from './replay-options.ts';

/** A --param: the name and its range, as the search takes it. */
export interface ParamArgument {
  name: string;
  from: number;
  to: number;
  step: number;
}

export interface Shard {
  index: number;
  count: number;
}

export interface TuneCliOptions extends ReplaySettingFlags {
  recording?: string;
  param?: ParamArgument[];
  maxWaitP95?: number;
  objective?: 'cost' | 'node-hours';
  budget: number;
  seed: number;
  jobs?: number;
  shard?: Shard;
  format: 'text' | 'json';
  out?: string;
}

export interface TuneMergeCliOptions {
  format: 'text' | 'json';
  out?: string;
}

export const DEFAULT_BUDGET = 200;
export const MAX_BUDGET = 1_000_000;
/**
 * MAX_BUDGET as the message prints it, grouped by hand: toLocaleString's first call starts ICU's
 * number formatting, about 10 ms of every command's start-up (the commands are declared each run).
 */
const MAX_BUDGET_TEXT = String(MAX_BUDGET).replace(/\B(?=(\d{3})+$)/g, ',');
/** Decimals a range may be written with: enough for any formula's constants, few enough to count exactly. */
const MAX_DECIMALS = 9;
const NUMBER = /^-?\d+(\.\d+)?$/;
const NAME = /^[A-Za-z_$][A-Za-z0-9_]*$/;
const PARAM_SYNTAX = 'NAME=LO..HI or NAME=LO..HI:STEP (e.g. maxNodes=10..40:5)';

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * `NAME=LO..HI[:STEP]`. Numbers are written as in a formula (`20`, `0.5`, `-3`; no exponent). Without
 * STEP: 1 when LO and HI are whole, else one unit of their last decimal (0.05..0.5 steps by 0.01).
 */
export function paramArgument(value: string, previous: ParamArgument[] | undefined): ParamArgument[] {
  const eq = value.indexOf('=');
  const name = value.slice(0, Math.max(0, eq)).trim();
  const range = value.slice(eq + 1).trim();
  const dots = range.indexOf('..');
  if (eq < 0 || !NAME.test(name) || dots < 0) throw new InvalidArgumentError(`"${value}" is not ${PARAM_SYNTAX}`);
  const colon = range.indexOf(':', dots);
  const lo = range.slice(0, dots);
  const hi = range.slice(dots + 2, colon < 0 ? undefined : colon);
  const stepText = colon < 0 ? undefined : range.slice(colon + 1);
  for (const n of [lo, hi, ...(stepText === undefined ? [] : [stepText])]) {
    if (n === '') throw new InvalidArgumentError(`"${value}" is not ${PARAM_SYNTAX}`);
    if (!NUMBER.test(n))
      throw new InvalidArgumentError(
        `"${n}" in "${value}" is not a number as a formula writes one (20, 0.5, -3: digits, an optional fraction, no exponent)`,
      );
    if (decimals(n) > MAX_DECIMALS)
      throw new InvalidArgumentError(`"${n}" in "${value}" has more than ${MAX_DECIMALS} decimals`);
    if (Math.abs(Number(n)) >= 1e12)
      throw new InvalidArgumentError(
        `"${n}" in "${value}" is too large to search (at most 12 digits before the point)`,
      );
  }
  const from = Number(lo);
  const to = Number(hi);
  if (from > to)
    throw new InvalidArgumentError(`in "${value}" LO ${lo} is above HI ${hi}; write the range low to high`);
  const places = Math.max(decimals(lo), decimals(hi));
  const step = stepText === undefined ? 10 ** -places : Number(stepText);
  if (!(step > 0)) throw new InvalidArgumentError(`in "${value}" STEP ${stepText} must be above 0`);
  const all = previous ?? [];
  if (all.some((p) => p.name === name))
    throw new InvalidArgumentError(`${name} is given twice; give one range per parameter`);
  // 10 ** -places is inexact in binary (0.1 is 0.1000000000000000055...); its shortest spelling is what counts.
  return [...all, { name, from, to, step: Number(step.toFixed(MAX_DECIMALS)) }];
}

/** `I/N`: this run is shard I of N (1 <= I <= N). */
export function shardArgument(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    throw new InvalidArgumentError(`"${value}" is not a shard I/N with 1 <= I <= N (e.g. 2/4: the second of four)`);
  return { index, count };
}

export function registerTune(program: Command, ctx: CommandContext): void {
  const tune = program
    .command('tune')
    .summary("choose a formula's numbers from a recording: search, replay each variant, report the best")
    .description(
      "Search values of the formula's parameters (user variables assigned a number once, such as `maxNodes = 20;`), " +
        'replay each variant against a recording with the replay (open or closed loop), and report the formula as written, ' +
        'the Pareto front of cost against task wait p95, and the best variant meeting --max-wait-p95 with its complete formula.',
    )
    // Options after `tune merge` are merge's own.
    .enablePositionalOptions()
    .argument('<formula>', 'the formula file ("-" reads it from stdin)')
    // Required (checked by the action: commander would also require them of `tune merge`).
    .option(
      '-r, --recording <file>',
      'required: recording, a wide CSV, JSON Lines, `az monitor metrics list` JSON or a REST poll log',
    )
    .addOption(
      new Option(
        '-p, --param <name=lo..hi[:step]>',
        'required, repeatable: a parameter and its values LO, LO+STEP, ... up to HI (STEP: 1, or one unit of the last decimal)',
      ).argParser(paramArgument),
    )
    .addOption(
      new Option('--recording-format <format>', 'how to read the recording (default: from its content)').choices([
        ...RECORDING_FORMATS,
      ]),
    )
    .addOption(
      new Option('--mode <mode>', 'open: the recording as recorded; closed: simulate the pool (needed for task waits)')
        .choices(['open', 'closed'])
        .default('open'),
    )
    .option(
      '--max-wait-p95 <duration>',
      'closed loop: the best variant must keep the task wait p95 at or below this',
      durationArgument,
    )
    .addOption(
      new Option(
        '--objective <what>',
        'what the best variant has least of (default: cost with prices, else node-hours)',
      ).choices(['cost', 'node-hours']),
    )
    .addOption(
      new Option('--budget <n>', 'variants replayed at most; a larger grid is sampled and refined')
        .argParser(wholeNumberArgument(1, MAX_BUDGET, `a budget of 1 to ${MAX_BUDGET_TEXT} variants`))
        .default(DEFAULT_BUDGET),
    )
    .addOption(
      new Option('--seed <n>', "the sampler's seed: the same seed, the same search")
        .argParser(wholeNumberArgument(0, 4_294_967_295, 'a seed, a whole number from 0 to 4294967295'))
        .default(1),
    )
    .option('-j, --jobs <n>', 'worker threads replaying variants (default: one per CPU)', jobsArgument)
    .option(
      '--shard <i/n>',
      'run only shard I of N of the search; `autoscale tune merge` combines the shards',
      shardArgument,
    );
  // When and how the recording is replayed: the same options as `replay`'s.
  addReplaySettingOptions(tune)
    .option(
      '--price-dedicated <x>',
      "price of a dedicated node-hour (default: the config's replay.priceDedicated)",
      priceArgument,
    )
    .option('--price-low-priority <y>', "price of a low-priority node-hour (default: the config's)", priceArgument)
    .option(
      '--currency <code>',
      "ISO 4217 code of the prices (default: the config's, else plain numbers)",
      currencyArgument,
    )
    .option(
      '--task-log <file>',
      'closed loop: CSV of tasks "submitted,duration[,slots]" instead of the derived workload',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-o, --out <file>', 'write the report to FILE; FILE.html gets the HTML report with the front to pick from')
    .addHelpText(
      'after',
      `
Parameters: a user variable assigned exactly once, to a number (\`maxNodes = 20;\`, \`$cap = 0.5;\`,
\`offset = -3;\`). Each variant is the formula with only those numbers changed, laid out by \`autoscale fmt\`;
replaying it with \`autoscale replay\` and the same options gives the same summary.

Search: the whole grid when it has at most --budget variants; otherwise half the budget drawn at random
(--seed) and the rest spent refining around the best draws, halving the step. Objective: the lowest cost
(prices from the options or autoscale.config.json), else the lowest node-hours. --max-wait-p95 needs
--mode closed. Ties go to the lower wait (open loop: hours queued with no free slot), then fewer failed
evaluations, then lower values in --param order.
See packages/replay/TUNE.md.

Output:
  text  the search, the formula as written against the best variant, the Pareto front, the best formula
  json  {search, baseline, best, front, evaluated, variants}; each summary as \`replay --format json\` prints it
  --out report.html writes the HTML report and still prints --format on stdout.
  A progress line is shown on stderr when it is a terminal.

Exit codes:
  0  searched; a variant meets the constraint (a shard: searched)
  1  searched, but no variant meets the constraint
  2  bad formula, parameter, recording or option (FILE:LINE:COL for a parameter that is not one)

Examples:
  autoscale tune pool.autoscale -r week.csv --param maxNodes=5..40:5
  autoscale tune pool.autoscale -r week.csv --mode closed --max-wait-p95 10m --price-dedicated 0.45 \\
    --param maxNodes=5..60:5 --param perTask=0.25..2:0.25 --out tune.html
  autoscale tune pool.autoscale -r week.csv --param maxNodes=1..200 --budget 400 --shard 1/4 --format json > shard-1.json
  autoscale tune merge shard-*.json --out tune.html`,
    );
  tune.action(async (file: string, options: TuneCliOptions, command: Command) => {
    const { runTune } = await import('../actions/tune.ts');
    ctx.setExitCode(await runTune(file, options, command, ctx));
  });

  tune
    .command('merge')
    .description(
      'Combine the JSON results of the shards of one search (`tune --shard I/N --format json`) into the result the unsharded search gives.',
    )
    .argument('<file...>', "the shards' JSON results, one per shard")
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-o, --out <file>', 'write the report to FILE; FILE.html gets the HTML report')
    .addHelpText(
      'after',
      `
Every shard 1..N of the search must be given once, all with the same formula, recording, parameters,
options and seed. Exit codes: 0 merged and a variant meets the constraint; 1 merged, none does;
2 a file is unreadable, not a shard's result, or the shards do not make one search.`,
    )
    .action(async (files: string[], options: TuneMergeCliOptions, command: Command) => {
      const { runTuneMerge } = await import('../actions/tune-merge.ts');
      ctx.setExitCode(await runTuneMerge(files, options, command, ctx));
    });
}
