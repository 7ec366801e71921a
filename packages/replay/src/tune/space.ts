// The space a tune search covers: each requested parameter found in the formula (parameters.ts)
// with the axis of its range (axis.ts). Every problem is reported, each with where in the formula
// it is when it is somewhere, so a command can print them all at once. Pure.

import type { FormulaAnalysis } from '@autoscale/core';
import { axisOf, type Axis, type ParamRange } from './axis.ts';
import { findParameter, type FormulaParameter, type ParameterProblem } from './parameters.ts';

export interface TuneSpace {
  /** In the order the ranges were given. */
  parameters: FormulaParameter[];
  axes: Axis[];
}

export type SpaceOutcome = { ok: true; space: TuneSpace } | { ok: false; problems: ParameterProblem[] };

export function tuneSpace(analysis: FormulaAnalysis, ranges: readonly ParamRange[]): SpaceOutcome {
  const problems: ParameterProblem[] = [];
  const parameters: FormulaParameter[] = [];
  const axes: Axis[] = [];
  const seen = new Set<string>();
  if (ranges.length === 0) problems.push({ name: '', offset: null, reason: 'no parameter to search' });
  for (const range of ranges) {
    if (seen.has(range.name)) {
      problems.push({ name: range.name, offset: null, reason: `${range.name} is given more than once` });
      continue;
    }
    seen.add(range.name);
    const found = findParameter(analysis, range.name);
    if (!found.ok) problems.push(found.problem);
    const axis = axisOf(range);
    if (typeof axis === 'string')
      problems.push({ name: range.name, offset: null, reason: `the range of ${range.name}: ${axis}` });
    if (found.ok && typeof axis !== 'string') {
      parameters.push(found.parameter);
      axes.push(axis);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, space: { parameters, axes } };
}
