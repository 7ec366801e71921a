// The options of the commands that read formulas from host files (ARM, Bicep, Terraform, pool
// JSON): --host and --var. What they do is host-input.ts, loaded only when a command runs.

import { HOST_KINDS } from '@autoscale/core';
import { type Command, Option } from 'commander';
import { variableArgument } from '../arguments.ts';
import type { HostChoice } from '../host-input.ts';

export interface HostOptions {
  host: HostChoice;
  /** --var NAME=VALUE, by name. */
  var?: Map<string, string>;
}

export function addHostOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--host <kind>',
        "the file's kind (ARM template, pool JSON, Bicep, Terraform, formula) instead of detecting it",
      )
        .choices(['auto', ...HOST_KINDS])
        .default('auto'),
    )
    .addOption(
      new Option(
        '--var <name=value>',
        `a value for a host file's placeholder such as \${var.max_nodes} or [parameters('max')] (repeatable)`,
      ).argParser(variableArgument),
    );
}
