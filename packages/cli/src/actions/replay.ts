// What `autoscale replay` does (commands/replay.ts declares it): runs formulas against recorded
// pool metrics with @autoscale/replay (open or closed loop; core's one evaluator) and prints or
// writes the report. Wiring only: reading formula files and the service's history, progress on a
// terminal, output files.

import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { analyzeFormula, embeddedDiagnostics } from '@autoscale/core';
import { fileErrorReason, inputOverwrittenBy } from '@autoscale/node-io';
import {
  formatRecordingError,
  metaSidePath,
  ProgressBar,
  readServiceHistory,
  serviceHistoryFiles,
  renderHtml,
  replayMany,
  reportChunks,
  writeOutputFile,
  type FormulaSource,
  type RecordingReplay,
  type ReplayFileRequest,
} from '@autoscale/replay';
import { formatDiagnostic } from '../code-frame.ts';
import { parseFileSpec, readHostInput } from '../host-input.ts';
import { placeholderValues, projectConfig } from '../project.ts';
import type { ReplayCliOptions, ReportFormat } from '../commands/replay.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader, STDIN } from '../io.ts';
import type { CommandContext } from '../program.ts';
import { replaySettings } from './replay-request.ts';

export async function runReplay(
  files: string[],
  options: ReplayCliOptions,
  command: Command,
  { io }: CommandContext,
): Promise<number> {
  if (files.filter((f) => f === STDIN).length > 1) return usage(io, 'only one formula can be read from stdin');
  if (options.taskLog !== undefined && options.mode !== 'closed')
    return usage(io, '--task-log applies only to --mode closed');
  const format = reportFormat(options, command);
  if (options.out !== undefined) {
    // The report must not overwrite what it reports on (a recording, its metadata, a formula, the task log).
    const inputs = [
      ...files.filter((f) => f !== STDIN).map((f) => parseFileSpec(f).file),
      ...options.recording,
      ...options.recording.map(metaSidePath),
      ...(options.taskLog === undefined ? [] : [options.taskLog]),
      ...serviceHistoryFiles(options.serviceHistory ?? []),
    ];
    const clash = await inputOverwrittenBy(options.out, inputs);
    if (clash !== undefined)
      return usage(
        io,
        `--out ${options.out} is the input ${clash}; choose another file for the report (nothing was replayed or written)`,
      );
  }
  const config = projectConfig(io);
  if (config === undefined) return EXIT_USAGE;
  const values = placeholderValues(config, options.var);
  const reader = new SourceReader(io);
  const sources: FormulaSource[] = [];
  let checkErrors = false;
  for (const file of files) {
    const input = await readHostInput(reader, parseFileSpec(file), options.host, values);
    if (input === undefined) return EXIT_USAGE;
    const { source, host } = input;
    for (const d of host.problems) io.stderr(formatDiagnostic(source.name, host.lines, d));
    if (input.problem !== undefined) return usage(io, input.problem);
    if (input.formulas.length === 0) return EXIT_USAGE;
    // A host file's pools are each replayed, named FILE#NAME; a formula file's name is its own.
    for (const formula of input.formulas) {
      for (const d of embeddedDiagnostics(formula, analyzeFormula(formula.text))) {
        if (d.severity !== 'error') continue;
        checkErrors = true;
        io.stderr(formatDiagnostic(source.name, host.lines, d));
      }
      const name = host.kind === 'formula' ? source.name : `${source.name}#${formula.name}`;
      sources.push({ name, text: formula.text });
    }
  }
  // Counted after reading: a host file may hold several pools' formulas.
  if (options.compare === true && sources.length < 2) return usage(io, '--compare needs at least two formulas');
  shortenNames(sources);
  // Read before any replay: a bad history stops the command before anything is written.
  let history: ReplayFileRequest['serviceHistory'];
  if (options.serviceHistory !== undefined) {
    const read = readServiceHistory(options.serviceHistory);
    if (!read.ok) {
      for (const e of read.errors) io.stderr(`${formatRecordingError(e)}\n`);
      return EXIT_USAGE;
    }
    history = read.value;
  }
  const request: ReplayFileRequest = {
    ...replaySettings(options, config, command),
    ...(history !== undefined ? { serviceHistory: history } : {}),
  };
  const bar = process.stderr.isTTY ? new ProgressBar((s) => io.stderr(s), 'replaying') : undefined;
  const outcomes = await replayMany(options.recording, sources, request, {
    jobs: options.jobs ?? Math.min(options.recording.length, availableParallelism()),
    buildResults: format !== 'text' || (options.out !== undefined && !isHtml(options.out)),
    // The HTML report explains any evaluation, from the contexts the replay kept.
    keepContexts: options.out !== undefined && isHtml(options.out),
    ...(bar ? { onProgress: (f: number) => bar.update(f) } : {}),
  });
  bar?.done();
  const replays: RecordingReplay[] = [];
  let failed = false;
  for (const outcome of outcomes) {
    if (outcome.ok) replays.push(outcome.replay);
    else {
      failed = true;
      for (const e of outcome.errors) io.stderr(`${e}\n`);
    }
  }
  if (failed) return EXIT_USAGE;
  const compare = options.compare === true;
  // The JSON and CSV timelines come in chunks, each written out as it comes (to a file atomically).
  const report = (): Iterable<string> => reportChunks(format, replays, compare);
  try {
    if (options.out !== undefined && isHtml(options.out)) {
      await writeOutputFile(options.out, renderHtml(replays, compare));
      for (const chunk of report()) io.stdout(chunk);
    } else if (options.out !== undefined) {
      await writeOutputFile(options.out, report());
    } else {
      for (const chunk of report()) io.stdout(chunk);
    }
  } catch (err) {
    io.stderr(`autoscale: cannot write ${options.out}: ${fileErrorReason(err)}\n`);
    return EXIT_USAGE;
  }
  const evaluationsFailed = replays.some((r) => r.formulas.some((f) => f.summary.failedEvaluations > 0));
  return evaluationsFailed || checkErrors ? EXIT_FAILURE : EXIT_OK;
}

/** Reports name formulas by file name (pending-tasks.autoscale); by path only when two share a name. */
function shortenNames(sources: FormulaSource[]): void {
  const base = (name: string): string => name.replace(/^.*[\\/]/, '');
  const counts = new Map<string, number>();
  for (const s of sources) counts.set(base(s.name), (counts.get(base(s.name)) ?? 0) + 1);
  for (const s of sources) if (counts.get(base(s.name)) === 1) s.name = base(s.name);
}

function isHtml(file: string): boolean {
  return /\.html?$/i.test(file);
}

/** --format, or the format an --out file's extension implies when --format was not given. */
function reportFormat(options: ReplayCliOptions, command: Command): ReportFormat {
  if (command.getOptionValueSource('format') === 'default' && options.out !== undefined) {
    if (/\.json$/i.test(options.out)) return 'json';
    if (/\.csv$/i.test(options.out)) return 'csv';
  }
  return options.format;
}

function usage(io: CommandContext['io'], message: string): number {
  io.stderr(`autoscale replay: ${message}\n`);
  return EXIT_USAGE;
}
