// Rename cases: the cursor at `‸`, the new name, and either the formula after the edits or the
// reason the rename is refused (a substring of it).

import { describe, expect, it } from 'vitest';
import { analyzeDocument, applyEdits, prepareRename, rename } from '@autoscale/language-service';
import { markRanges, parseMarked, withCursor } from './support/markers.ts';

const RENAMED: Array<[string, string, string, string]> = [
  [
    'every reference of a user variable',
    'x = 1;\ny = x‸ + x;\nx = x * 2;',
    'count',
    'count = 1;\ny = count + count;\ncount = count * 2;',
  ],
  ['renaming $x keeps the $ when the new name omits it', '$x‸ = 1;\ny = $x;', 'tasks', '$tasks = 1;\ny = $tasks;'],
  ['renaming $x to a $ name', '$x = 1;\ny = $x‸;', '$tasks', '$tasks = 1;\ny = $tasks;'],
  ['a name without $ may gain one', 'x‸ = 1;\ny = x;', '$x', '$x = 1;\ny = $x;'],
  ['only the variable, not the same letters elsewhere', 'x = 1;\nxx = x‸;\n// x', 'z', 'z = 1;\nxx = z;\n// x'],
  ['the same name is no change', 'x‸ = 1;', 'x', 'x = 1;'],
  ['surrounding spaces are ignored', 'x‸ = 1;', '  y ', 'y = 1;'],
  ['a name that is also a timestamp member', 'x‸ = time().hour;', 'hour', 'hour = time().hour;'],
];

const REFUSED: Array<[string, string, string, string]> = [
  ['a service variable name', 'x‸ = 1;', '$PendingTasks', 'built-in service variable'],
  ['a legacy alias', 'x‸ = 1;', '$TargetDedicated', 'built-in service variable'],
  ['$x to a service name without its $', '$x‸ = 1;', 'CPUPercent', 'built-in service variable'],
  ['a function name', 'x‸ = 1;', 'max', 'built-in function'],
  ['a constant', 'x‸ = 1;', 'TimeInterval_Hour', 'built-in constant'],
  ['a keyword', 'x‸ = 1;', 'requeue', 'built-in keyword'],
  ['a service variable in another case', 'x‸ = 1;', 'cpuPercent', 'misspelling of the service variable $CPUPercent'],
  ['an existing variable', 'x‸ = 1;\ny = 2;', 'y', 'already used'],
  ['a name read but never assigned', 'x‸ = 1;\ny = z;', 'z', 'already used'],
  ['not a name', 'x‸ = 1;', '2x', 'not a variable name'],
  ['two names', 'x‸ = 1;', 'a b', 'not a variable name'],
  ['an operator', 'x‸ = 1;', 'a+b', 'not a variable name'],
  ['an empty name', 'x‸ = 1;', '', 'not a variable name'],
  ['a name whose $ twin exists (two different variables)', 'x‸ = 1;\n$y = 2;', 'y', "Both 'y' and '$y' are used"],
  ['a service variable', 'x = $Pending‸Tasks;', 'y', 'only user variables can be renamed'],
  ['a function', 'x = ma‸x(1);', 'y', 'only user variables can be renamed'],
  ['nothing at the cursor', 'x = 1; ‸', 'y', 'no name at the cursor'],
];

describe('rename', () => {
  for (const [name, marked, newName, expected] of RENAMED) {
    it(name, () => {
      const { text, offset } = withCursor(marked);
      const result = rename(analyzeDocument(text), offset, newName);
      expect(result.ok).toBe(true);
      if (result.ok) expect(applyEdits(text, result.edits)).toBe(expected);
    });
  }
  for (const [name, marked, newName, reason] of REFUSED) {
    it(`refuses ${name}`, () => {
      const { text, offset } = withCursor(marked);
      const result = rename(analyzeDocument(text), offset, newName);
      expect(result).toMatchObject({ ok: false });
      if (!result.ok) expect(result.reason).toContain(reason);
    });
  }
});

describe('prepare rename', () => {
  it('gives the name under the cursor', () => {
    const m = parseMarked('$tasks = 1;\ny = ⟦$tas‸ks⟧ + 1;');
    const result = prepareRename(analyzeDocument(m.text), m.cursor);
    expect(result).toMatchObject({ ok: true, placeholder: '$tasks' });
    if (result.ok) expect(markRanges(m.text, [result.range])).toBe(markRanges(m.text, m.ranges));
  });
  it('refuses a built-in with the reason', () => {
    const { text, offset } = withCursor('x = TimeInterval_‸Hour;');
    expect(prepareRename(analyzeDocument(text), offset)).toEqual({
      ok: false,
      reason: "'TimeInterval_Hour' is a built-in constant; only user variables can be renamed.",
    });
  });
});
