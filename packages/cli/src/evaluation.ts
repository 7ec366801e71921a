// What eval and explain share when they run: building the evaluation context from --context,
// --at and --seed (a context file, or a default pool with no metrics), and reading, checking and
// compiling the formula. All semantics (context validation, checking, evaluation) are core's.

import {
  analyzeFormula,
  compileFormula,
  makeContext,
  readContext,
  type CompiledFormula,
  type EvaluationContext,
  type FormulaAnalysis,
} from '@autoscale/core';
import type { ContextOptions } from './commands/context-options.ts';
import { formatDiagnostic } from './code-frame.ts';
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
): Promise<EvaluationContext | undefined> {
  const overrides: { now?: number; seed?: number } = {};
  if (options.at !== undefined) overrides.now = options.at;
  if (options.seed !== undefined) overrides.seed = options.seed;
  if (options.context === undefined)
    return makeContext({
      now: overrides.now ?? now(),
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
  analysis: FormulaAnalysis;
  compiled: CompiledFormula;
  context: EvaluationContext;
}

/**
 * Reads the formula and the context, prints the checker's errors on stderr (the formula is still
 * evaluated, as the service would), and compiles it. Returns an exit code when it cannot go on.
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
  const source = await reader.read(file, 'formula');
  if (source === undefined) return EXIT_USAGE;
  const context = await buildContext(options, reader, io);
  if (context === undefined) return EXIT_USAGE;
  const analysis = analyzeFormula(source.text);
  for (const d of analysis.diagnostics) {
    if (d.severity === 'error') io.stderr(formatDiagnostic(source.name, analysis.lines, d));
  }
  return { source, analysis, context, compiled: compileFormula(source.text, analysis.parsed) };
}
