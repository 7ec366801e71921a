// What `autoscale tune` does (commands/tune.ts declares it): checks the options against each other,
// reads the formula and finds its parameters (a --param that is not one is FILE:LINE:COL), resolves
// the replay's settings as `autoscale replay` does (flags over autoscale.config.json), runs the
// search with @autoscale/replay (every variant replayed by the one replay), and prints or writes
// the report. Wiring only.

import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { analyzeFormula, isHostFileName, type LineMap } from '@autoscale/core';
import { fileErrorReason, inputOverwrittenBy } from '@autoscale/node-io';
import {
  metaSidePath,
  renderTuneHtml,
  renderTuneText,
  TuneProgress,
  tuneFormula,
  tuneSpace,
  writeOutputFile,
  type ParameterProblem,
  type ReplayFileRequest,
  type TuneResult,
} from '@autoscale/replay';
import { codeFrame, formatDiagnostic } from '../code-frame.ts';
import type { TuneCliOptions } from '../commands/tune.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader, STDIN } from '../io.ts';
import type { CommandContext } from '../program.ts';
import { replaySettings } from './replay-request.ts';
import { projectConfig } from '../project.ts';

export async function runTune(
  file: string,
  options: TuneCliOptions,
  command: Command,
  ctx: CommandContext,
): Promise<number> {
  const { io } = ctx;
  const usage = (message: string): number => {
    io.stderr(`autoscale tune: ${message}\n`);
    return EXIT_USAGE;
  };
  const recording = options.recording;
  if (recording === undefined)
    return usage('--recording FILE is required: the recording each variant is replayed against');
  if (options.param === undefined)
    return usage('--param is required: at least one NAME=LO..HI[:STEP], a user variable of the formula and its values');
  if (options.maxWaitP95 !== undefined && options.mode !== 'closed')
    return usage(
      '--max-wait-p95 needs --mode closed: task waits exist only in the closed loop, where the pool is simulated ' +
        '(the open loop replays the recorded queue, which no formula changes)',
    );
  if (options.taskLog !== undefined && options.mode !== 'closed')
    return usage('--task-log applies only to --mode closed');
  if (options.out !== undefined) {
    const inputs = [
      ...(file === STDIN ? [] : [file]),
      recording,
      metaSidePath(recording),
      ...(options.taskLog === undefined ? [] : [options.taskLog]),
    ];
    const clash = await inputOverwrittenBy(options.out, inputs);
    if (clash !== undefined)
      return usage(
        `--out ${options.out} is the input ${clash}; choose another file for the report (nothing was replayed or written)`,
      );
  }
  const config = projectConfig(io);
  if (config === undefined) return EXIT_USAGE;
  const priceDedicated = options.priceDedicated ?? config.priceDedicated;
  const priceLowPriority = options.priceLowPriority ?? config.priceLowPriority;
  const priced = priceDedicated !== undefined || priceLowPriority !== undefined;
  if (options.objective === 'cost' && !priced)
    return usage(
      '--objective cost needs prices: --price-dedicated and/or --price-low-priority, or replay.priceDedicated / ' +
        'replay.priceLowPriority in autoscale.config.json (or use --objective node-hours)',
    );

  if (file !== STDIN && isHostFileName(file))
    return usage(
      `${file} is a host file (ARM, Bicep, Terraform or pool JSON); tune searches a formula file: save the pool's formula as a .autoscale file first`,
    );
  const source = await new SourceReader(io).read(file, 'formula');
  if (source === undefined) return EXIT_USAGE;
  const analysis = analyzeFormula(source.text);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) io.stderr(formatDiagnostic(source.name, analysis.lines, d));
    return usage(`${source.name} has errors; fix them before tuning its numbers (\`autoscale check ${source.name}\`)`);
  }
  const space = tuneSpace(analysis, options.param);
  if (!space.ok) {
    for (const p of space.problems) io.stderr(parameterProblem(source.name, analysis.lines, p));
    return EXIT_USAGE;
  }

  const request: ReplayFileRequest = replaySettings(options, config, command);
  const progress = process.stderr.isTTY ? new TuneProgress((s) => io.stderr(s)) : undefined;
  const outcome = await tuneFormula({
    // Named as `autoscale replay` names a lone formula, so summaries compare with its report.
    formula: { name: source.name.replace(/^.*[\\/]/, ''), text: source.text },
    space: space.space,
    recording,
    replay: request,
    objective: options.objective ?? (priced ? 'cost' : 'node-hours'),
    maxWaitP95Seconds: options.maxWaitP95 === undefined ? null : options.maxWaitP95 / 1000,
    budget: options.budget,
    seed: options.seed,
    shard: options.shard ?? null,
    jobs: options.jobs ?? availableParallelism(),
    ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
  });
  progress?.done();
  if (!outcome.ok) {
    for (const e of outcome.errors) io.stderr(`${e}\n`);
    return EXIT_USAGE;
  }
  const written = await writeTuneReport(outcome.result, options, command, ctx);
  if (written !== EXIT_OK) return written;
  // A shard's verdict belongs to the merge: one shard may hold no variant meeting the constraint.
  return outcome.result.best === null && outcome.result.shard === undefined ? EXIT_FAILURE : EXIT_OK;
}

/** `FILE:LINE:COL: --param NAME: why` with the code frame, or `FILE: --param NAME: why` when it is nowhere. */
function parameterProblem(file: string, lines: LineMap, p: ParameterProblem): string {
  const what = p.name === '' ? '--param' : `--param ${p.name}`;
  if (p.offset === null) return `${file}: ${what}: ${p.reason}\n`;
  const at = lines.positionAt(p.offset);
  return `${file}:${at.line + 1}:${at.character + 1}: ${what}: ${p.reason}\n${codeFrame(lines, p.offset, p.offset + Math.max(1, p.name.length))}`;
}

/**
 * Prints --format on stdout, or writes it to --out (a .json --out without --format means json); an
 * .html --out gets the HTML report and stdout the format.
 */
export async function writeTuneReport(
  result: TuneResult,
  options: { format: 'text' | 'json'; out?: string },
  command: Command,
  { io }: CommandContext,
): Promise<number> {
  const json =
    options.format === 'json' ||
    (command.getOptionValueSource('format') === 'default' && options.out !== undefined && /\.json$/i.test(options.out));
  const report = json ? `${JSON.stringify(result, null, 2)}\n` : renderTuneText(result);
  try {
    if (options.out !== undefined && /\.html?$/i.test(options.out)) {
      await writeOutputFile(options.out, renderTuneHtml(result));
      io.stdout(report);
    } else if (options.out !== undefined) await writeOutputFile(options.out, report);
    else io.stdout(report);
  } catch (err) {
    io.stderr(`autoscale: cannot write ${options.out}: ${fileErrorReason(err)}\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
