// The one evaluator's entry points: compile a formula once, evaluate it against any number of
// contexts. Results and errors come back in the service's shapes (results string, AutoScaleRun
// error with "Line L, Col C: ..."). Never throws on user input.

import { parse, type ParseResult } from '../syntax/parse.ts';
import { codeInfo, type Diagnostic, type DiagnosticCode } from '../diagnostics.ts';
import {
  DEALLOCATION_OPTION,
  DEFAULT_DEALLOCATION_OPTION,
  TARGET_DEDICATED,
  TARGET_LOW_PRIORITY,
} from '../builtins/registry.ts';
import { LineMap, type Range } from '../text/source.ts';
import { compileProgram, type CompiledProgram } from './compile.ts';
import type { EvaluationContext } from '../runtime/context.ts';
import {
  EvaluationFailure,
  evaluationFailure,
  serviceError,
  StopSignal,
  type ServiceError,
} from '../runtime/errors.ts';
import { formatDouble } from '../runtime/format-value-text.ts';
import { Frame } from './frame.ts';
import type { Trace } from './trace.ts';
import { formatValue, type Value } from '../runtime/values.ts';

export interface EvaluationOptions {
  /** Record a per-statement trace (slower; for explain, coverage and editors). */
  trace?: boolean;
}

/** Where and why an evaluation failed, for diagnostics and traces (beyond the service's shape). */
export interface EvaluationFailureInfo {
  code: DiagnosticCode;
  range: Range;
  message: string;
}

export interface Targets {
  /** As computed (may be fractional or negative); results print it truncated toward zero. */
  dedicated: number;
  lowPriority: number;
  deallocationOption: string;
}

export class EvaluationResult {
  readonly targets: Targets;
  readonly error: ServiceError | null;
  readonly failure: EvaluationFailureInfo | null;
  /** True when stop() ended the evaluation. */
  readonly stopped: boolean;
  readonly trace: Trace | undefined;
  /** The user variables' names and values, in results order (paired up only when asked for). */
  private readonly names: readonly string[];
  private readonly values: readonly Value[];
  private pairs: Array<readonly [string, Value]> | undefined;
  private resultsText: string | undefined;

  constructor(
    targets: Targets,
    names: readonly string[],
    values: readonly Value[],
    error: ServiceError | null,
    failure: EvaluationFailureInfo | null,
    stopped: boolean,
    trace: Trace | undefined,
  ) {
    this.targets = targets;
    this.names = names;
    this.values = values;
    this.error = error;
    this.failure = failure;
    this.stopped = stopped;
    this.trace = trace;
  }

  /** User variables in results order (sorted ordinally); empty after an error (docs/semantics.md §10.2). */
  get variables(): ReadonlyArray<readonly [string, Value]> {
    this.pairs ??= this.values.map((v, i) => [this.names[i] as string, v] as const);
    return this.pairs;
  }

  get ok(): boolean {
    return this.error === null;
  }

  /** Node counts the pool would be resized to: truncated toward zero, negatives as 0 (docs/semantics.md §10.3). */
  get applied(): { dedicated: number; lowPriority: number } {
    return {
      dedicated: Math.max(0, Math.trunc(this.targets.dedicated)),
      lowPriority: Math.max(0, Math.trunc(this.targets.lowPriority)),
    };
  }

  /** The service's results string, built on first use (the replay rarely needs it). */
  get results(): string {
    this.resultsText ??= resultsText(this.targets, this.names, this.values);
    return this.resultsText;
  }
}

/**
 * Makes V8 flatten a concatenated string (see resultsText). The number is kept where
 * it is observable, so the conversion cannot be optimized away; it is never read.
 */
function flatten(text: string): void {
  flattening.last = Number(text);
}
const flattening = { last: 0 };

/** The results string of targets and user variables (names and values in results order). */
function resultsText(targets: Targets, names: readonly string[], values: readonly Value[]): string {
  let text = `${TARGET_DEDICATED}=${formatTarget(targets.dedicated)};${TARGET_LOW_PRIORITY}=${formatTarget(targets.lowPriority)};${DEALLOCATION_OPTION}=${targets.deallocationOption}`;
  for (let i = 0; i < values.length; i++) text += `;${names[i] as string}=${formatValue(values[i] as Value)}`;
  // `+=` leaves a rope of every piece, which a replay keeping a year of results strings would hold
  // (and have collected) as millions of objects; reading it as a number flattens it into one string
  // in place (the text starts with "$": the number is NaN at the first character).
  flatten(text);
  return text;
}

export function formatResults(targets: Targets, variables: ReadonlyArray<readonly [string, Value]>): string {
  return resultsText(
    targets,
    variables.map(([name]) => name),
    variables.map(([, value]) => value),
  );
}

/**
 * A target as the results string prints it: truncated toward zero (58.25 -> 58), negatives as computed
 * (docs/semantics.md §11.3).
 */
export function printedTarget(v: number): number {
  return Math.trunc(v) || 0;
}

function formatTarget(v: number): string {
  return formatDouble(printedTarget(v));
}

/** Ordinal (code unit) comparison, as the service sorts user variables (docs/semantics.md §11.1). */
function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class CompiledFormula {
  readonly text: string;
  readonly parsed: ParseResult;
  readonly lines: LineMap;
  /** The first syntax error, when the formula does not parse: every evaluation returns it. */
  readonly syntaxError: Diagnostic | undefined;
  private readonly program: CompiledProgram;
  private readonly sortedSlots: number[];
  /** The user variables' names in results order. */
  private readonly sortedNames: string[];
  private spareFrame: Frame | undefined;

  constructor(text: string, parsed: ParseResult = parse(text)) {
    this.text = text;
    this.parsed = parsed;
    this.lines = new LineMap(text);
    this.syntaxError = parsed.diagnostics.find((d) => d.severity === 'error' && codeInfo(d.code).layer === 'syntax');
    this.program = compileProgram(parsed.formula, this.lines);
    this.sortedSlots = this.program.slotNames
      .map((_, i) => i)
      .sort((a, b) => ordinal(this.program.slotNames[a] as string, this.program.slotNames[b] as string));
    this.sortedNames = this.sortedSlots.map((slot) => this.program.slotNames[slot] as string);
  }

  evaluate(ctx: EvaluationContext, options: EvaluationOptions = {}): EvaluationResult {
    const initial: Targets = {
      dedicated: ctx.pool.targetDedicatedNodes,
      lowPriority: ctx.pool.targetLowPriorityNodes,
      deallocationOption: DEFAULT_DEALLOCATION_OPTION,
    };
    if (this.syntaxError) return this.syntaxFailure(initial, this.syntaxError);
    // One frame, reset per evaluation (a replay evaluates hundreds of thousands of contexts); a new
    // one only if this formula is being evaluated already (it cannot be, today: no callbacks).
    const trace = options.trace === true;
    let frame = this.spareFrame;
    this.spareFrame = undefined;
    if (frame === undefined) frame = new Frame(ctx, this.program.slotCount, trace);
    else frame.reset(ctx, trace);
    try {
      return this.run(frame, initial);
    } finally {
      this.spareFrame = frame;
    }
  }

  private run(frame: Frame, initial: Targets): EvaluationResult {
    let stopped = false;
    try {
      for (const statement of this.program.statements) statement(frame);
    } catch (err) {
      if (err instanceof StopSignal) {
        stopped = true;
        if (frame.current) frame.current.stopped = true;
      } else if (err instanceof EvaluationFailure) {
        return this.failure(initial, err, frame);
      } else {
        throw err;
      }
    }
    const targets: Targets = {
      dedicated: frame.dedicated.final,
      lowPriority: frame.lowPriority.final,
      deallocationOption: frame.deallocation,
    };
    const notFinite = !Number.isFinite(frame.dedicated.final)
      ? frame.dedicated
      : !Number.isFinite(frame.lowPriority.final)
        ? frame.lowPriority
        : undefined;
    if (notFinite !== undefined) {
      const failure = evaluationFailure(
        'AS3005',
        'notFinite',
        {
          target: notFinite === frame.dedicated ? TARGET_DEDICATED : TARGET_LOW_PRIORITY,
          value: formatDouble(notFinite.final),
        },
        Math.max(0, notFinite.finalAt),
      );
      return this.failure(initial, failure, frame);
    }
    // Only the variables this evaluation assigned; all of them, nearly always, and then the names
    // are the program's own list.
    const slots = this.sortedSlots;
    const values: Value[] = [];
    let all = true;
    for (let i = 0; i < slots.length; i++) {
      const v = frame.vars[slots[i] as number];
      if (v !== undefined) values.push(v);
      else all = false;
    }
    const names = all
      ? this.sortedNames
      : slots.filter((slot) => frame.vars[slot] !== undefined).map((slot) => this.program.slotNames[slot] as string);
    return new EvaluationResult(targets, names, values, null, null, stopped, frame.trace);
  }

  private failure(initial: Targets, err: EvaluationFailure, frame: Frame): EvaluationResult {
    const where = this.lines.serviceLocation(err.offset);
    if (frame.current) frame.current.error = `${where}: ${err.detail}`;
    return new EvaluationResult(
      initial,
      [],
      [],
      serviceError(err.serviceCode, `${where}: ${err.detail}`),
      { code: err.code, range: { start: err.offset, end: err.offset + 1 }, message: err.detail },
      false,
      frame.trace,
    );
  }

  private syntaxFailure(initial: Targets, d: Diagnostic): EvaluationResult {
    const where = this.lines.serviceLocation(d.range.start);
    return new EvaluationResult(
      initial,
      [],
      [],
      serviceError(
        d.code === 'AS1009' ? 'AutoScaleFormulaTooLong' : 'AutoScalingFormulaSyntaxError',
        `${where}: ${d.message}`,
      ),
      { code: d.code, range: d.range, message: d.message },
      false,
      undefined,
    );
  }
}

export function compileFormula(text: string, parsed?: ParseResult): CompiledFormula {
  return new CompiledFormula(text, parsed);
}

export function evaluateFormula(text: string, ctx: EvaluationContext, options?: EvaluationOptions): EvaluationResult {
  return compileFormula(text).evaluate(ctx, options);
}
