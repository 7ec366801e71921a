// Parsing one formula never changes what parsing another gives: the parser instance is shared by
// the whole process (a language server parses thousands of texts), so no state may leak between
// parses. Regression: placeholder ranges of recovered tokens were one shared object, repaired in
// place, so later syntax errors pointed past the end of their text.

import { describe, expect, it } from 'vitest';
import { analyzeFormula } from '@autoscale/core';

const PROBES = ['[x', 'x = max(1,', 'y = $PendingTasks.', 'x = (1 + ;', '$TargetDedicatedNodes = 1 ? 2'];
const DISTURBERS = [
  ' TimeInterval_Minute.hourmax"s"$x;\'q0.5)\'q\n."s"1]0.5\n',
  'a = b.;c = d.(',
  'x = time().;',
  '$x.GetSample(;',
  'max(,,',
];

function snapshot(text: string): string {
  const a = analyzeFormula(text);
  return JSON.stringify({
    diagnostics: a.diagnostics,
    statements: a.formula.statements,
    references: a.analysis.references,
  });
}

describe('parse isolation', () => {
  it('gives the same result for a text whatever was parsed before', () => {
    const fresh = PROBES.map(snapshot);
    for (const disturber of DISTURBERS) {
      analyzeFormula(disturber);
      expect(PROBES.map(snapshot), `after ${JSON.stringify(disturber)}`).toEqual(fresh);
    }
  });
  it('keeps every range inside its text', () => {
    for (const text of [...DISTURBERS, ...PROBES]) {
      for (const d of analyzeFormula(text).diagnostics)
        expect(d.range.end, `${JSON.stringify(text)}: ${d.message}`).toBeLessThanOrEqual(text.length);
    }
  });
});
