// The one evaluator's entry points: compile a formula once, evaluate it against any number of
// contexts. Results and errors come back in the service's shapes (results string, AutoScaleRun
// error with "Line L, Col C: ..."). Never throws on user input.

import { parse, type ParseResult } from '../syntax/parse.ts';
import { codeInfo, type Diagnostic, type DiagnosticCode } from '../diagnostics.ts';
import { DEFAULT_DEALLOCATION_OPTION, TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import { LineMap, type Range } from '../text/source.ts';
import { type CompiledProgram, Compiler, type StatementFn } from './compile.ts';
import type { Formula } from '../syntax/ast.ts';
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
import type { Value } from '../runtime/values.ts';
import { printedTarget, resultsText, VariableNames } from './results-text.ts';

export { formatResults, printedTarget } from './results-text.ts';

export interface CompileOptions {
  /**
   * Write the formula out as JavaScript for evaluations without a trace (codegen.ts), where a code
   * generator is installed (core's Node entry installs it; its browser entry has none): true at
   * once, false never. By default where the generator allows it (in Node, unless
   * AUTOSCALE_CODEGEN=0), once the formula has been evaluated GENERATE_AFTER times without a trace:
   * writing it out costs about four compiles, which only many evaluations repay.
   */
  generate?: boolean;
}

/** Untraced evaluations after which a formula is written out by default (see CompileOptions). */
export const GENERATE_AFTER = 64;

/** What core's Node entry (index-node.ts) installs: the formula as one generated function. */
export interface CodeGenerator {
  /** Whether this process generates code unless told otherwise. */
  allowed(): boolean;
  /** The generated function, or undefined when the process refuses to build it. */
  generate(formula: Formula, compiler: Compiler): StatementFn | undefined;
}

let codeGenerator: CodeGenerator | undefined;

/**
 * Installs the code generator. Apart from this module so that browser bundles, whose Content
 * Security Policy forbids `new Function`, do not even contain it.
 */
export function installCodeGenerator(generator: CodeGenerator): void {
  codeGenerator = generator;
}

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
  private readonly names: VariableNames;
  private readonly values: readonly Value[];
  private pairs: Array<readonly [string, Value]> | undefined;
  private resultsText: string | undefined;

  constructor(
    targets: Targets,
    names: VariableNames,
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
    this.pairs ??= this.values.map((v, i) => [this.names.names[i] as string, v] as const);
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
    this.resultsText ??= resultsText(this.targets, this.names.labels, this.values);
    return this.resultsText;
  }

  /**
   * Whether `other`'s results string is certainly this one's, told without building either: the
   * same variables, printed targets and option, and each value the same number or string (or the
   * same object). False when it cannot tell (two compiles of one formula, say). A replay's
   * consecutive evaluations often repeat their results, and it keeps one string for a run of them.
   */
  sameResults(other: EvaluationResult): boolean {
    const a = this.targets;
    const b = other.targets;
    if (
      this.names !== other.names ||
      printedTarget(a.dedicated) !== printedTarget(b.dedicated) ||
      printedTarget(a.lowPriority) !== printedTarget(b.lowPriority) ||
      a.deallocationOption !== b.deallocationOption
    )
      return false;
    const values = this.values;
    const others = other.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const w = others[i];
      // Numbers by Object.is: 0 and -0 print differently, NaN as itself.
      if (typeof v === 'number' ? !(typeof w === 'number' && Object.is(v, w)) : v !== w) return false;
    }
    return true;
  }
}

/** The targets an evaluation that fails leaves: the pool's own. */
function initialTargets(ctx: EvaluationContext): Targets {
  return {
    dedicated: ctx.pool.targetDedicatedNodes,
    lowPriority: ctx.pool.targetLowPriorityNodes,
    deallocationOption: DEFAULT_DEALLOCATION_OPTION,
  };
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
  /** The generated function, for evaluations without a trace (the closures trace). */
  private generated: StatementFn | undefined;
  /** Untraced evaluations left before the formula is written out; Infinity when it never is. */
  private untilGenerated = Number.POSITIVE_INFINITY;
  /** The compiler, kept until the formula is written out (the generator asks it for slots and closures). */
  private compiler: Compiler | undefined;
  private readonly sortedSlots: number[];
  /** The user variables' names in results order. */
  private readonly sortedNames: VariableNames;
  private spareFrame: Frame | undefined;

  constructor(text: string, parsed: ParseResult = parse(text), options: CompileOptions = {}) {
    this.text = text;
    this.parsed = parsed;
    this.lines = new LineMap(text);
    this.syntaxError = parsed.diagnostics.find((d) => d.severity === 'error' && codeInfo(d.code).layer === 'syntax');
    const compiler = new Compiler(parsed.formula, this.lines);
    this.program = compiler.compile();
    if (this.syntaxError === undefined && codeGenerator !== undefined && options.generate !== false) {
      if (options.generate === true) this.generated = codeGenerator.generate(parsed.formula, compiler);
      else if (codeGenerator.allowed()) {
        this.untilGenerated = GENERATE_AFTER;
        this.compiler = compiler;
      }
    }
    this.sortedSlots = this.program.slotNames
      .map((_, i) => i)
      .sort((a, b) => ordinal(this.program.slotNames[a] as string, this.program.slotNames[b] as string));
    this.sortedNames = new VariableNames(this.sortedSlots.map((slot) => this.program.slotNames[slot] as string));
  }

  evaluate(ctx: EvaluationContext, options?: EvaluationOptions): EvaluationResult {
    if (this.syntaxError) return this.syntaxFailure(initialTargets(ctx), this.syntaxError);
    // One frame, reset per evaluation (a replay evaluates hundreds of thousands of contexts); a new
    // one only if this formula is being evaluated already (it cannot be, today: no callbacks).
    const trace = options?.trace === true;
    let frame = this.spareFrame;
    this.spareFrame = undefined;
    if (frame === undefined) frame = new Frame(ctx, this.program.slotCount, trace);
    else frame.reset(ctx, trace);
    try {
      return this.run(frame);
    } finally {
      this.spareFrame = frame;
    }
  }

  private run(frame: Frame): EvaluationResult {
    let stopped = false;
    try {
      if (frame.trace === undefined && this.generated !== undefined) this.generated(frame);
      else {
        if (frame.trace === undefined && --this.untilGenerated === 0) this.writeOut();
        for (const statement of this.program.statements) statement(frame);
      }
    } catch (err) {
      if (err instanceof StopSignal) {
        stopped = true;
        if (frame.current) frame.current.stopped = true;
      } else if (err instanceof EvaluationFailure) {
        return this.failure(err, frame);
      } else {
        throw err;
      }
    }
    const dedicated = frame.dedicated.final;
    const lowPriority = frame.lowPriority.final;
    if (!Number.isFinite(dedicated) || !Number.isFinite(lowPriority)) return this.notFinite(frame);
    const targets: Targets = { dedicated, lowPriority, deallocationOption: frame.deallocation };
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
      : new VariableNames(
          slots.filter((slot) => frame.vars[slot] !== undefined).map((slot) => this.program.slotNames[slot] as string),
        );
    return new EvaluationResult(targets, names, values, null, null, stopped, frame.trace);
  }

  /** Writes the formula out (codegen.ts): the evaluations after this one run the generated function. */
  private writeOut(): void {
    const compiler = this.compiler;
    this.compiler = undefined;
    if (compiler !== undefined) this.generated = codeGenerator?.generate(this.parsed.formula, compiler);
  }

  /** The evaluation's failure when a target ends up NaN or infinite (docs/semantics.md §10.3). */
  private notFinite(frame: Frame): EvaluationResult {
    const slot = Number.isFinite(frame.dedicated.final) ? frame.lowPriority : frame.dedicated;
    const failure = evaluationFailure(
      'AS3005',
      'notFinite',
      {
        target: slot === frame.dedicated ? TARGET_DEDICATED : TARGET_LOW_PRIORITY,
        value: formatDouble(slot.final),
      },
      Math.max(0, slot.finalAt),
    );
    return this.failure(failure, frame);
  }

  private failure(err: EvaluationFailure, frame: Frame): EvaluationResult {
    const where = this.lines.serviceLocation(err.offset);
    if (frame.current) frame.current.error = `${where}: ${err.detail}`;
    return new EvaluationResult(
      initialTargets(frame.ctx),
      VariableNames.NONE,
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
      VariableNames.NONE,
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

export function compileFormula(text: string, parsed?: ParseResult, options?: CompileOptions): CompiledFormula {
  return new CompiledFormula(text, parsed, options);
}

export function evaluateFormula(text: string, ctx: EvaluationContext, options?: EvaluationOptions): EvaluationResult {
  return compileFormula(text).evaluate(ctx, options);
}
