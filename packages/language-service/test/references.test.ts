// Definition, references and document highlights: the cursor at `‸`, the expected ranges drawn
// as ⟦ ⟧ in the same formula (the cases compare marked texts, so a failure shows where).

import { describe, expect, it } from 'vitest';
import { analyzeDocument, definition, documentHighlights, references } from '@autoscale/language-service';
import { markRanges, parseMarked } from './support/markers.ts';

function run(marked: string, feature: (text: string, offset: number) => Array<{ start: number; end: number }>): void {
  const m = parseMarked(marked);
  expect(markRanges(m.text, feature(m.text, m.cursor))).toBe(markRanges(m.text, m.ranges));
}

const DEFINITION: Array<[string, string]> = [
  ['a read goes to its assignment', '⟦$x⟧ = 1;\ny = $x‸ + 1;'],
  ['a read goes to the assignment it sees, not a later one', 'x = 1;\n⟦x⟧ = x + 1;\ny = x‸;\nx = 5;'],
  ['x = x + 1 reads the previous x', '⟦x⟧ = 1;\nx = x‸ + 1;'],
  ['an assignment target goes to itself', 'x = 1;\n⟦x‸⟧ = 2;'],
  ['a read before any assignment lists every assignment', 'y = x‸;\n⟦x⟧ = 1;\n⟦x⟧ = 2;'],
  ['nothing for a service variable', 'x = $PendingTasks‸;'],
  ['nothing for a function', 'x = max‸(1);'],
  ['nothing on whitespace', 'x = 1; ‸ y = x;'],
];

const REFERENCES: Array<[string, string]> = [
  ['every use of a user variable, assignments included', '⟦$x⟧ = 1;\n⟦$x⟧ = ⟦$x‸⟧ + 1;\ny = ⟦$x⟧;'],
  ['from an assignment target', '⟦cap‸⟧ = 4;\n$TargetDedicatedNodes = min(⟦cap⟧, 2);'],
  [
    'a service variable under both spellings',
    '⟦$TargetDedicated⟧ = 1;\n⟦$TargetDedicatedNodes‸⟧ = ⟦$TargetDedicatedNodes⟧ + 1;',
  ],
  ['a function', 'x = ⟦max‸⟧(1, ⟦max⟧(2));\ny = min(1);'],
  ['x and $x are different variables', '⟦x⟧ = 1;\n$x = 2;\ny = ⟦x‸⟧ + $x;'],
  ['nothing for an unknown name', 'x = $Nope‸ + $Nope;'],
];

const HIGHLIGHTS: Array<[string, string, string[]]> = [
  ['writes and reads', '⟦x⟧ = 1;\ny = ⟦x‸⟧ * ⟦x⟧;', ['write', 'read', 'read']],
  ['a metric', 'a = ⟦$PendingTasks⟧.Count();\nb = ⟦$Pending‸Tasks⟧.GetSample(1);', ['read', 'read']],
];

describe('definition', () => {
  for (const [name, marked] of DEFINITION) it(name, () => run(marked, (t, o) => definition(analyzeDocument(t), o)));
});

describe('references', () => {
  for (const [name, marked] of REFERENCES) it(name, () => run(marked, (t, o) => references(analyzeDocument(t), o)));
  it('without the declarations', () =>
    run('x = 1;\ny = ⟦x‸⟧ + ⟦x⟧;\nx = 2;', (t, o) => references(analyzeDocument(t), o, { includeDeclaration: false })));
});

describe('document highlights', () => {
  for (const [name, marked, kinds] of HIGHLIGHTS) {
    it(name, () => {
      run(marked, (t, o) => documentHighlights(analyzeDocument(t), o).map((h) => h.range));
      const m = parseMarked(marked);
      expect(documentHighlights(analyzeDocument(m.text), m.cursor).map((h) => h.kind)).toEqual(kinds);
    });
  }
  it('nothing on an operator', () =>
    run('x = 1 +‸ 2;', (t, o) => documentHighlights(analyzeDocument(t), o).map((h) => h.range)));
});
