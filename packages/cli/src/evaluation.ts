// What eval and explain share when they run: building the evaluation context from --context,
// --at and --seed (a context file, or a default pool with no metrics), and reading (from a formula
// or a host file), checking and compiling the formula. All semantics (context validation,
// checking, evaluation) are core's.

import {
  analyzeFormula,
  compileFormula,
  type EmbeddedFormula,
  embeddedDiagnostics,
  makeContext,
  readPoolRun,
  type RecordedRun,
  readContext,
  type CompiledFormula,
  type EvaluationContext,
  type FormulaAnalysis,
} from '@autoscale/core';
import type { ContextOptions } from './commands/context-options.ts';
import { formatDiagnostic } from './code-frame.ts';
import { type HostInput, parseFileSpec, readHostInput } from './host-input.ts';
import { placeholderValues, projectConfig } from './project.ts';
import { EXIT_USAGE, STDIN, type CliIo, type SourceReader, type SourceText } from './io.ts';

/**
 * The context an evaluation runs in: the context file when given (with --at and --seed winning),
 * else now = --at or the current time, the default pool and no metrics. Reports a bad context
 * file on stderr and returns undefined.
 */
export async function buildContext(
  options: ContextOptions,
  reader: SourceReader,
  io: CliIo,
  now = Date.now,
  /** The project's availability delay (autoscale.config.json), for a run without a context file. */
  availabilityDelay?: number,
): Promise<EvaluationContext | undefined> {
  const overrides: { now?: number; seed?: number } = {};
  if (options.at !== undefined) overrides.now = options.at;
  if (options.seed !== undefined) overrides.seed = options.seed;
  if (options.context === undefined)
    return makeContext({
      now: overrides.now ?? now(),
      ...(availabilityDelay !== undefined ? { availabilityDelay } : {}),
      ...(overrides.seed !== undefined ? { seed: overrides.seed } : {}),
    });
  const source = await reader.read(options.context, 'context');
  if (source === undefined) return undefined;
  return loadContext(source, overrides, io);
}

export function loadContext(
  source: SourceText,
  overrides: { now?: number; seed?: number },
  io: CliIo,
): EvaluationContext | undefined {
  const read = readContext(source.text, source.name, overrides);
  if (read.ok) return read.context;
  for (const message of read.messages) io.stderr(`${message}\n`);
  return undefined;
}

export interface PreparedFormula {
  source: SourceText;
  /** For pool JSON evaluated without --context: the service's last evaluation of the pool, to compare with. */
  recorded: RecordedRun | undefined;
  /** The formula's text (for a host file, the formula inside it). */
  text: string;
  analysis: FormulaAnalysis;
  compiled: CompiledFormula;
  context: EvaluationContext;
}

/**
 * Reads the formula (a formula file, or the one formula of a host file, or the one FILE#NAME
 * picks) and the context, prints the checker's errors on stderr at the file's own positions (the
 * formula is still evaluated, as the service would), and compiles it. Returns an exit code when it
 * cannot go on.
 */
export async function prepareFormula(
  file: string,
  options: ContextOptions,
  reader: SourceReader,
  io: CliIo,
): Promise<PreparedFormula | number> {
  if (file === STDIN && options.context === STDIN) {
    io.stderr('autoscale: the formula and the context cannot both be read from stdin\n');
    return EXIT_USAGE;
  }
  const config = projectConfig(io);
  if (config === undefined) return EXIT_USAGE;
  const values = placeholderValues(config, options.var);
  const input = await readHostInput(reader, parseFileSpec(file), options.host, values);
  if (input === undefined) return EXIT_USAGE;
  const formula = onlyFormula(input, io);
  if (formula === undefined) return EXIT_USAGE;
  const { source, host } = input;
  // Pool JSON is its own context: the pool's counts, targets and slots, at its last evaluation.
  const poolRun = host.kind === 'pool-json' && options.context === undefined ? readPoolRun(source.text) : undefined;
  const context =
    poolRun === undefined
      ? await buildContext(options, reader, io, Date.now, config.availabilityDelay)
      : makeContext({
          now: options.at ?? poolRun.recorded?.evaluatedAt ?? Date.now(),
          ...(config.availabilityDelay !== undefined ? { availabilityDelay: config.availabilityDelay } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          pool: poolRun.pool,
        });
  if (context === undefined) return EXIT_USAGE;
  const analysis = analyzeFormula(formula.text);
  for (const d of embeddedDiagnostics(formula, analysis)) {
    if (d.severity === 'error') io.stderr(formatDiagnostic(source.name, host.lines, d));
  }
  const compiled = compileFormula(formula.text, analysis.parsed);
  return { source, recorded: poolRun?.recorded, text: formula.text, analysis, context, compiled };
}

/** The one formula an argument names, or undefined after saying why there is not exactly one. */
function onlyFormula(input: HostInput, io: CliIo): EmbeddedFormula | undefined {
  const { source, host, formulas } = input;
  for (const d of host.problems) io.stderr(formatDiagnostic(source.name, host.lines, d));
  if (input.problem !== undefined) io.stderr(`autoscale: ${input.problem}\n`);
  else if (formulas.length > 1)
    io.stderr(
      `autoscale: ${source.name} holds ${formulas.length} formulas; pick one: ${formulas.map((f) => `${source.name}#${f.name}`).join(', ')}\n`,
    );
  return formulas.length === 1 && input.problem === undefined ? formulas[0] : undefined;
}
