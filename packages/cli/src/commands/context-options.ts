// The options eval and explain share: --context, --at and --seed, and the host-file options
// (--host, --var). Building the context from them is evaluation.ts, which the commands load only
// when they run.

import type { Command } from 'commander';
import { instantArgument, integerArgument } from '../arguments.ts';
import { addHostOptions, type HostOptions } from './host-options.ts';

export interface ContextOptions extends HostOptions {
  context?: string;
  /** Milliseconds since the epoch, parsed from --at. */
  at?: number;
  seed?: number;
}

export function addContextOptions(command: Command): Command {
  return addHostOptions(command)
    .option('-c, --context <file>', 'evaluation context JSON (instant, pool state, metric histories); "-" reads stdin')
    .option(
      '--at <instant>',
      'evaluate at this ISO 8601 instant, e.g. 2026-01-05T10:00:00Z (overrides the context file\'s "now"; default: the current time)',
      instantArgument,
    )
    .option('--seed <n>', 'seed of rand() (overrides the context file\'s "seed"; default 1)', integerArgument);
}
