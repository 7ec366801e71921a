// The replay settings `replay` and `tune` take alike, from their flags and the project's
// autoscale.config.json: flags win, then the config, then the flag's default. One place, so the
// two commands replay a recording the same way and `tune`'s best formula replays to its summary.

import type { Command } from 'commander';
import type { ReplayFileRequest } from '@autoscale/replay';
import type { ReplaySettingFlags } from '../commands/replay-options.ts';
import type { ProjectConfig } from '../config.ts';

export function replaySettings(
  options: ReplaySettingFlags,
  config: ProjectConfig,
  command: Command,
): ReplayFileRequest {
  const priceDedicated = options.priceDedicated ?? config.priceDedicated;
  const priceLowPriority = options.priceLowPriority ?? config.priceLowPriority;
  const currency = options.currency ?? config.currency;
  return {
    mode: options.mode,
    // --delay, else the project's, else the flag's default.
    delay:
      command.getOptionValueSource('delay') === 'default' && config.availabilityDelay !== undefined
        ? config.availabilityDelay
        : options.delay,
    ...(options.interval !== undefined ? { interval: options.interval } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.allocationLatency !== undefined ? { allocationLatency: options.allocationLatency } : {}),
    ...(priceDedicated !== undefined ? { priceDedicated } : {}),
    ...(priceLowPriority !== undefined ? { priceLowPriority } : {}),
    // Without a currency, costs print as plain numbers.
    ...(currency !== undefined ? { currency } : {}),
    ...(options.recordingFormat !== undefined ? { recordingFormat: options.recordingFormat } : {}),
    ...(options.taskLog !== undefined ? { taskLog: options.taskLog } : {}),
  };
}
