// Formulas as the replay uses them: compiled once by core, checked once (errors are counted and
// reported, and the formula still replays, as the service would run it), and the sampled
// metrics each reads, so the reader keeps only the columns someone needs.

import { analyzeFormula, compileFormula, registry, type CompiledFormula } from '@autoscale/core';
import type { KeepColumn } from '../recording/model.ts';
import type { FormulaSource } from './types.ts';

export interface PreparedFormula {
  name: string;
  compiled: CompiledFormula;
  checkErrors: number;
  /** Full names of the sampled metrics the formula reads. */
  reads: string[];
}

/**
 * The variables the replay model itself reads (demand, node counts, preemption), whatever the
 * formulas read: they feed the report and the closed loop. Checked against the registry by a test.
 */
export const MODEL_COLUMNS: readonly string[] = [
  '$ActiveTasks',
  '$RunningTasks',
  '$PendingTasks',
  '$SucceededTasks',
  '$FailedTasks',
  '$PreemptedNodeCount',
  '$CurrentDedicatedNodes',
  '$CurrentLowPriorityNodes',
  '$UsableNodeCount',
];

export function prepareFormula(source: FormulaSource): PreparedFormula {
  const analysis = analyzeFormula(source.text);
  const reads = new Set<string>();
  for (const ref of analysis.analysis.references) {
    if (ref.kind !== 'service') continue;
    const entry = registry.variable(ref.name);
    if (entry?.sampled === true) reads.add(entry.name);
  }
  return {
    name: source.name,
    compiled: compileFormula(source.text, analysis.parsed),
    checkErrors: analysis.diagnostics.filter((d) => d.severity === 'error').length,
    reads: [...reads].sort(),
  };
}

/** What the formulas read plus what the model reads (the columns a replay keeps in memory). */
export function keptColumnNames(formulas: readonly PreparedFormula[]): string[] {
  const keep = new Set<string>(MODEL_COLUMNS);
  for (const f of formulas) for (const name of f.reads) keep.add(name);
  return [...keep];
}

/** Keep what the formulas read plus what the model reads; drop (after validating) the rest. */
export function columnsToKeep(formulas: readonly PreparedFormula[]): KeepColumn {
  const keep = new Set(keptColumnNames(formulas));
  return (name) => keep.has(name);
}
