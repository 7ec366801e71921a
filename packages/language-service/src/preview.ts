// Preview: evaluates the formula with core's one evaluator against a context the editor chose
// (its clock, metrics and availability delay) and returns, per executed statement, the value it
// assigned and the ?: branches it took, for editors that show values inline. A failure comes back
// as a runtime-layer diagnostic at the service's "Line L, Col C" position.

import {
  compileFormula,
  diagnosticWithText,
  type EvaluationContext,
  type ServiceError,
  type StatementTrace,
} from '@autoscale/core';
import { toServiceDiagnostic, type ServiceDiagnostic } from './diagnostics.ts';
import type { FormulaDocument } from './document.ts';

export interface FormulaPreview {
  /** The service's results string; undefined when the evaluation failed. */
  results: string | undefined;
  /** The service's error object when the evaluation failed. */
  error: ServiceError | undefined;
  /** Where and why it failed, as a diagnostic (runtime layer, or syntax when the formula does not parse). */
  failure: ServiceDiagnostic | undefined;
  /** Node counts the pool would be resized to (targets truncated, negatives as 0). */
  applied: { dedicated: number; lowPriority: number } | undefined;
  /** True when stop() ended the evaluation. */
  stopped: boolean;
  /** One entry per executed statement, in execution order. */
  statements: StatementTrace[];
  /**
   * Set when the toolkit itself failed (a bug; core keeps over-deep nesting out of the tree, as AS1011): the message.
   */
  internalError?: string;
}

export function preview(doc: FormulaDocument, context: EvaluationContext): FormulaPreview {
  const empty = { results: undefined, applied: undefined, stopped: false, statements: [] };
  if (doc.degraded) {
    const first = doc.diagnostics[0];
    return { ...empty, error: undefined, failure: first ? toServiceDiagnostic(first) : undefined };
  }
  try {
    const result = compileFormula(doc.text, doc.parsed).evaluate(context, { trace: true });
    const statements = result.trace?.statements ?? [];
    if (result.error || result.failure) {
      const f = result.failure;
      const failure = f ? toServiceDiagnostic(diagnosticWithText(f.code, f.message, f.range)) : undefined;
      return { ...empty, statements, error: result.error ?? undefined, failure };
    }
    return {
      results: result.results,
      error: undefined,
      failure: undefined,
      applied: result.applied,
      stopped: result.stopped,
      statements,
    };
  } catch (error) {
    // Core never gives the evaluator an over-deep tree (AS1011), so only a bug lands here; the
    // editor keeps working and shows the message.
    return {
      ...empty,
      error: undefined,
      failure: undefined,
      internalError: error instanceof Error ? error.message : String(error),
    };
  }
}
