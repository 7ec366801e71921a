// What a tune search may change in a formula: its parameters, the user variables assigned exactly
// once, to a numeric literal (`maxNodes = 20;`, `$cap = 0.5;`, `offset = -3;`). Finds them with
// core's analysis, and says precisely why a name is not one (TUNE.md, "Parameters"). Pure.

import { registry, suggest, type Assignment, type Expression, type FormulaAnalysis } from '@autoscale/core';

export interface FormulaParameter {
  name: string;
  /** The value the formula gives it: the literal, negated when written `-N`. */
  value: number;
  /** The assigned expression, which each variant replaces with its own number. */
  valueStart: number;
  valueEnd: number;
  /** Offset of the assignment's target, where messages point. */
  offset: number;
}

/** Why a name is not a parameter: a neutral sentence, and where in the formula (null: nowhere). */
export interface ParameterProblem {
  name: string;
  offset: number | null;
  reason: string;
}

export type ParameterLookup = { ok: true; parameter: FormulaParameter } | { ok: false; problem: ParameterProblem };

/** The number an expression is, when it is a numeric literal or `-` applied to one. */
export function literalValue(e: Expression): number | undefined {
  if (e.kind === 'Number') return e.value;
  if (e.kind === 'Unary' && e.operator === '-' && e.operand.kind === 'Number') return -e.operand.value;
  return undefined;
}

function assignmentsOf(analysis: FormulaAnalysis, name: string): Assignment[] {
  return analysis.formula.statements.filter(
    (s): s is Assignment => s.kind === 'Assignment' && s.target.name === name && isUserTarget(analysis, s),
  );
}

function isUserTarget(analysis: FormulaAnalysis, s: Assignment): boolean {
  return analysis.analysis.identifiers.get(s.target)?.kind === 'user';
}

/** Every parameter of the formula, in the order of their assignments. */
export function formulaParameters(analysis: FormulaAnalysis): FormulaParameter[] {
  const found: FormulaParameter[] = [];
  for (const name of analysis.analysis.userVariables.keys()) {
    const r = findParameter(analysis, name);
    if (r.ok) found.push(r.parameter);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

export function findParameter(analysis: FormulaAnalysis, name: string): ParameterLookup {
  const fail = (offset: number | null, reason: string): ParameterLookup => ({
    ok: false,
    problem: { name, offset, reason },
  });
  const where = (offset: number): string => {
    const p = analysis.lines.positionAt(offset);
    return `line ${p.line + 1}, col ${p.character + 1}`;
  };
  if (!analysis.analysis.userVariables.has(name)) {
    const read = analysis.analysis.references.find((r) => r.name === name);
    if (registry.variable(name) !== undefined)
      return fail(read?.range.start ?? null, `${name} is a service variable, not a user variable of the formula`);
    if (read !== undefined)
      return fail(read.range.start, `${name} is read but never assigned by the formula, so it has no value to change`);
    const candidates = formulaParameters(analysis);
    const near = suggest(
      name,
      candidates.map((c) => c.name),
    );
    const list =
      candidates.length === 0
        ? 'the formula has none (no user variable is assigned a number exactly once)'
        : `its parameters are ${candidates.map((c) => `${c.name} (${where(c.offset)})`).join(', ')}`;
    return fail(
      null,
      `the formula has no variable ${name}${near === undefined ? '' : ` (did you mean ${near}?)`}; a parameter is a user variable assigned a number exactly once, and ${list}`,
    );
  }
  const assignments = assignmentsOf(analysis, name);
  const first = assignments[0];
  if (first === undefined) return fail(null, `${name} is not assigned by the formula`);
  const second = assignments[1];
  if (second !== undefined)
    return fail(
      second.target.range.start,
      `${name} is assigned ${assignments.length} times (first at ${where(first.target.range.start)}); a parameter is assigned exactly once, so that the number changed is the one used`,
    );
  const value = literalValue(first.value);
  if (value === undefined) {
    const text = analysis.text.slice(first.value.range.start, first.value.range.end).replace(/\s+/g, ' ');
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    return fail(
      first.value.range.start,
      `${name} is assigned "${shown}", not a numeric literal; a parameter's one assignment is a number such as 20, 0.5 or -3`,
    );
  }
  return {
    ok: true,
    parameter: {
      name,
      value,
      valueStart: first.value.range.start,
      valueEnd: first.value.range.end,
      offset: first.target.range.start,
    },
  };
}
