// The service's results string of an evaluation (docs/semantics.md §11): the targets, the
// deallocation option and the user variables, each as `name=value`, `;`-separated. Built by `+`
// from pieces made once: each label, and each label joined with the small whole numbers and
// deallocation options it is printed with, since most values are those. A replay builds one per
// evaluation and keeps them flattened (flattenString), and flattening costs per piece.

import { DEALLOCATION_OPTION, TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import { flattenString } from '../runtime/flat-string.ts';
import { formatDouble } from '../runtime/format-value-text.ts';
import { formatValue, type Value } from '../runtime/values.ts';
import type { Targets } from './evaluate.ts';

/** Whole numbers 0 to SMALL - 1 are kept joined with their label (printed as themselves). */
const SMALL = 256;
/** How many deallocation options are kept joined with their label (the service has four). */
const MAX_OPTIONS = 16;

/** `name=` or `;name=`, and that text joined with each small whole number, made on first use. */
class Label {
  readonly text: string;
  private withNumber: string[] | undefined;

  constructor(text: string) {
    // Flat: a rope among a results string's pieces makes flattening the string slower.
    this.text = flattenString(text);
  }

  /** The label and the value as the results string prints it. */
  of(value: Value): string {
    if (typeof value === 'number' && isSmallWhole(value)) return this.ofSmall(value);
    return this.text + formatValue(value);
  }

  /** The label and a whole number 0 <= n < SMALL (formatDouble prints those as String does). */
  ofSmall(n: number): string {
    // Filled with '' (not yet made), so that the array stays dense.
    this.withNumber ??= new Array<string>(SMALL).fill('');
    let text = this.withNumber[n] as string;
    if (text === '') {
      text = flattenString(this.text + String(n));
      this.withNumber[n] = text;
    }
    return text;
  }
}

/** 0 <= n < SMALL, whole and not -0 (which prints as `-0`). */
function isSmallWhole(n: number): boolean {
  // (n | 0) === n: whole within int32; 1 / n tells 0 (Infinity) from -0 (-Infinity).
  return n >= 0 && n < SMALL && (n | 0) === n && (n !== 0 || 1 / n > 0);
}

/** User variables' names in results order, each also as its results-string label (";name="). */
export class VariableNames {
  static readonly NONE = new VariableNames([]);
  readonly names: readonly string[];
  readonly labels: readonly Label[];
  constructor(names: readonly string[]) {
    this.names = names;
    this.labels = names.map((name) => new Label(`;${name}=`));
  }
}

const DEDICATED = new Label(`${TARGET_DEDICATED}=`);
const LOW_PRIORITY = new Label(`;${TARGET_LOW_PRIORITY}=`);
const DEALLOCATION = new Label(`;${DEALLOCATION_OPTION}=`);
/** `;$NodeDeallocationOption=` joined with each option printed so far. */
const WITH_OPTION = new Map<string, string>();

/**
 * The results string of targets and user variables (labels and values in results order). Built by
 * `+`, which leaves a rope of its pieces: whoever keeps many (a replay keeps one per evaluation)
 * flattens them with flattenString.
 */
export function resultsText(targets: Targets, labels: readonly Label[], values: readonly Value[]): string {
  let text = target(DEDICATED, targets.dedicated) + target(LOW_PRIORITY, targets.lowPriority);
  text += withOption(targets.deallocationOption);
  for (let i = 0; i < values.length; i++) text += (labels[i] as Label).of(values[i] as Value);
  return text;
}

export function formatResults(targets: Targets, variables: ReadonlyArray<readonly [string, Value]>): string {
  return resultsText(
    targets,
    new VariableNames(variables.map(([name]) => name)).labels,
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

function target(label: Label, v: number): string {
  const printed = printedTarget(v);
  // printedTarget never gives -0.
  if (printed >= 0 && printed < SMALL) return label.ofSmall(printed);
  return label.text + formatDouble(printed);
}

function withOption(option: string): string {
  let text = WITH_OPTION.get(option);
  if (text === undefined) {
    text = flattenString(DEALLOCATION.text + option);
    if (WITH_OPTION.size < MAX_OPTIONS) WITH_OPTION.set(option, text);
  }
  return text;
}
