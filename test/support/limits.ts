// Formulas just past the service's limits, shared by the limits test and the code-coverage test.

import { MAX_FORMULA_LENGTH, MAX_STATEMENTS } from '@autoscale/core';

/** A valid formula just over the length limit. */
export function tooLongFormula(): string {
  const comment = `// ${'x'.repeat(MAX_FORMULA_LENGTH)}\n`;
  return `${comment}$TargetDedicatedNodes = 1;`;
}

export function tooManyStatements(count = MAX_STATEMENTS + 1): string {
  const lines = Array.from({ length: count - 1 }, (_, i) => `v${i} = ${i};`);
  return `${lines.join('\n')}\n$TargetDedicatedNodes = 1;`;
}

/** A statement nested deeper than the parser's guard allows. */
export function tooDeepFormula(): string {
  return `x = ${'('.repeat(100)}1${')'.repeat(100)};\n$TargetDedicatedNodes = 1;`;
}
