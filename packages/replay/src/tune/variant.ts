// A variant of the formula: one value per parameter, as axis indexes. Its text is the original
// formula with only the parameters' literals replaced, then laid out by core's formatter, so the
// text a report prints is exactly the text that was replayed. Pure.

import { analyzeFormula, formatFormula } from '@autoscale/core';
import { decimalsOf, spellNumber, type Axis } from './axis.ts';
import { findParameter, type FormulaParameter } from './parameters.ts';

/** Index into each axis, in the order the parameters were given. */
export type Variant = readonly number[];

/** A variant's values by parameter name, in the parameters' order (the JSON `params`). */
export type ParamValues = Record<string, number>;

export function variantKey(v: Variant): string {
  return v.join(',');
}

export function variantParams(axes: readonly Axis[], v: Variant): ParamValues {
  const params: ParamValues = {};
  axes.forEach((axis, i) => {
    params[axis.name] = axis.value(v[i] as number);
  });
  return params;
}

/**
 * The formula with each parameter's assigned literal replaced by `spelled[i]`, formatted; throws
 * only on a formula with syntax errors, which a search refuses before it starts.
 */
export function substituteLiterals(
  text: string,
  parameters: readonly FormulaParameter[],
  spelled: readonly string[],
): string {
  const edits = parameters.map((p, i) => ({ start: p.valueStart, end: p.valueEnd, text: spelled[i] as string }));
  let out = text;
  // From the last to the first, so earlier offsets stay valid.
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const formatted = formatFormula(out);
  if (!formatted.ok) throw new Error('internal error: a variant of a formula without syntax errors does not parse');
  return formatted.text;
}

export function variantText(
  text: string,
  parameters: readonly FormulaParameter[],
  axes: readonly Axis[],
  v: Variant,
): string {
  return substituteLiterals(
    text,
    parameters,
    axes.map((axis, i) => axis.spell(v[i] as number)),
  );
}

/**
 * The text of the variant with these values, from the formula and the values alone (a report that
 * has only a search's JSON): the same text the search replayed, since each value is spelled the
 * shortest way, as an axis spells it.
 */
export function formulaWithValues(text: string, values: ParamValues): string {
  const analysis = analyzeFormula(text);
  const parameters = Object.keys(values).map((name) => {
    const found = findParameter(analysis, name);
    if (!found.ok) throw new Error(`internal error: ${found.problem.reason}`);
    return found.parameter;
  });
  return substituteLiterals(
    text,
    parameters,
    Object.values(values).map((v) => spellNumber(v, decimalsOf(v) ?? 0)),
  );
}

/** Grid order: the first parameter varies slowest, as nested loops in the order given. */
export function compareVariants(a: Variant, b: Variant): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
