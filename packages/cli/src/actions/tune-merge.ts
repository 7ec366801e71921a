// What `autoscale tune merge` does (commands/tune.ts declares it): reads the shards' JSON results,
// merges them with @autoscale/replay (which checks they are the shards 1..N of one search) and
// prints or writes the result the unsharded search gives. Wiring only.

import type { Command } from 'commander';
import { inputOverwrittenBy } from '@autoscale/node-io';
import { mergeShards, type ShardFile } from '@autoscale/replay';
import type { TuneMergeCliOptions } from '../commands/tune.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';
import { writeTuneReport } from './tune.ts';

export async function runTuneMerge(
  files: string[],
  options: TuneMergeCliOptions,
  command: Command,
  ctx: CommandContext,
): Promise<number> {
  const { io } = ctx;
  if (options.out !== undefined) {
    const clash = await inputOverwrittenBy(options.out, files);
    if (clash !== undefined) {
      io.stderr(
        `autoscale tune merge: --out ${options.out} is the input ${clash}; choose another file for the result\n`,
      );
      return EXIT_USAGE;
    }
  }
  const reader = new SourceReader(io);
  const shards: ShardFile[] = [];
  for (const file of files) {
    // A shard's result is JSON like a context file, and as large: read within that bound.
    const source = await reader.read(file, 'context');
    if (source === undefined) return EXIT_USAGE;
    try {
      shards.push({ file: source.name, value: JSON.parse(source.text) as unknown });
    } catch (err) {
      io.stderr(
        `autoscale tune merge: ${source.name}: not JSON (${err instanceof Error ? err.message : String(err)})\n`,
      );
      return EXIT_USAGE;
    }
  }
  const merged = mergeShards(shards);
  if (!merged.ok) {
    for (const e of merged.errors) io.stderr(`autoscale tune merge: ${e}\n`);
    return EXIT_USAGE;
  }
  const written = await writeTuneReport(merged.result, options, command, ctx);
  if (written !== EXIT_OK) return written;
  return merged.result.best === null ? EXIT_FAILURE : EXIT_OK;
}
