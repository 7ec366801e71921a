// `autoscale replay FORMULA... --recording FILE`: its options, their parsing and its help. What it
// does is actions/replay.ts, loaded only when the command runs.

import { Option, type Command } from 'commander';
import { collectArgument } from '../arguments.ts';
// The light entry: start-up loads none of the replay engine.
import { RECORDING_FORMATS } from '@autoscale/replay/options';
import type { CommandContext } from '../program.ts';
import {
  addReplaySettingOptions,
  type ReplaySettingFlags,
  currencyArgument,
  jobsArgument,
  priceArgument,
} from './replay-options.ts';
import { addHostOptions, type HostOptions } from './host-options.ts';

export type ReportFormat = 'text' | 'json' | 'csv';

export interface ReplayCliOptions extends HostOptions, ReplaySettingFlags {
  recording: string[];
  serviceHistory?: string[];
  format: ReportFormat;
  out?: string;
  jobs?: number;
  compare?: boolean;
}

export function registerReplay(program: Command, ctx: CommandContext): void {
  const command = program
    .command('replay')
    .summary('replay formulas against recorded pool metrics')
    .description(
      "Run formulas against a recording of a pool's metrics and report what the pool would have done: node-hours and cost " +
        'against the recorded pool, scale events, failed evaluations, queueing; in closed loop also task waits and idle nodes. ' +
        "Every evaluation is core's evaluator, the same as `autoscale eval`.",
    )
    .argument(
      '<formula...>',
      'formula files, or host files (ARM, pool JSON, Bicep, Terraform: each of their pools, or FILE#NAME for one); ' +
        '"-" reads one from stdin',
    )
    .requiredOption(
      '-r, --recording <file>',
      'recording: wide CSV, JSON Lines, `az monitor metrics list` JSON or a REST poll log (repeat for several pools)',
      collectArgument,
    )
    .addOption(
      new Option('--recording-format <format>', 'how to read the recording (default: from its content)').choices([
        ...RECORDING_FORMATS,
      ]),
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'open: evaluate against the recording as recorded; closed: simulate the pool and feed its metrics back',
      )
        .choices(['open', 'closed'])
        .default('open'),
    );
  // When and how the recording is replayed: the same options as `tune`'s.
  addReplaySettingOptions(command)
    .option('--price-dedicated <x>', 'price of a dedicated node-hour, for the cost figures', priceArgument)
    .option('--price-low-priority <y>', 'price of a low-priority node-hour', priceArgument)
    .option(
      '--currency <code>',
      'ISO 4217 code of the prices (USD, EUR, ...): costs print as "EUR 1,234.50" (default: the config\'s, else plain numbers)',
      currencyArgument,
    )
    .option(
      '--task-log <file>',
      'closed loop: CSV of tasks "submitted,duration[,slots]" instead of the workload derived from task counts',
    )
    .option(
      '--service-history <file>',
      "the service's own evaluations to compare with: PoolAutoScaleEvent diagnostic logs (a storage account's JSON Lines, " +
        'a Log Analytics CSV or JSON export) or `az batch pool show` snapshots (a JSON array, JSON Lines or a folder of ' +
        '*.json); the report adds how often each formula agrees (repeat for several files)',
      collectArgument,
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'csv']).default('text'))
    .option('-o, --out <file>', 'write the report to FILE (atomically); FILE.html gets the self-contained HTML report')
    .option(
      '-j, --jobs <n>',
      'recordings replayed at once: this thread and worker threads (default: one per CPU)',
      jobsArgument,
    )
    .option('--compare', 'several formulas side by side in one table and one set of charts')
    .addHelpText(
      'after',
      `
The replay evaluates at the start and then every interval. Pool metadata (task slots per node, starting
targets, interval, allocation latency, quotas) comes from "# key: value" lines before a CSV header or a
NAME.meta.json file beside the recording; see packages/replay/RECORDING-FORMAT.md and MODEL.md.

With --service-history, the formula is also evaluated at each instant the service evaluated (within the
replay's window) and its results are set beside the service's: the share that agree, the first disagreement
with both results strings, and where the service ran a different formula; see packages/replay/IMPORTERS.md.

With several recordings, --jobs of them are replayed at once: one on this thread, the others on worker
threads. A single CSV recording of 8 MiB or more, open loop, is read on one thread and evaluated on another
when the machine has four cores or more (on fewer it is quicker without); AUTOSCALE_REPLAY_STREAM=1 or 0
decides instead.

Output:
  text  the summary per recording (default)
  json  settings, recorded figures, per formula the summary and the timeline (one row per evaluation)
  csv   the timeline: one row per evaluation of each formula on each recording
  --out report.html writes the HTML report (charts, summary, errors) and still prints --format on stdout;
  --out with any other name writes --format there instead of stdout (.json or .csv imply that format).
  A progress bar is shown on stderr when it is a terminal.

Exit codes:
  0  replayed, every evaluation succeeded
  1  replayed, but some evaluations failed or a formula has checker errors (the report says which)
  2  bad recording, task log, service history or formula file (file:line: what is wrong; nothing is written),
     bad usage

Examples:
  autoscale replay pool.autoscale --recording week.csv
  autoscale replay a.autoscale b.autoscale --recording week.csv --compare --out report.html
  autoscale replay pool.autoscale --recording week.csv --mode closed --interval 5m --price-dedicated 0.45
  autoscale replay pool.autoscale --recording week.csv --price-dedicated 0.42 --currency EUR
  autoscale replay pool.autoscale -r eu.csv -r us.csv --jobs 2 --format json
  autoscale replay pool.autoscale --recording week.csv --service-history PT1H.json --service-history snapshots/
  autoscale replay infra/main.bicep --recording week.csv --compare   (each pool of the file, side by side)`,
    );
  addHostOptions(command).action(async (files: string[], options: ReplayCliOptions, actionCommand: Command) => {
    const { runReplay } = await import('../actions/replay.ts');
    ctx.setExitCode(await runReplay(files, options, actionCommand, ctx));
  });
}
