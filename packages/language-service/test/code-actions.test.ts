// Code actions: for each formula with a mistake, the quick fix offered at the cursor and the
// formula after applying it; the fix-all action; and, over every checker case in the corpus, that
// applying any fix core offers removes the diagnostic it was offered for.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFormula, type Diagnostic } from '@autoscale/core';
import { analyzeDocument, applyEdits, codeActions } from '@autoscale/language-service';
import { withCursor } from './support/markers.ts';

const CHECK_CASES = join(import.meta.dirname, '..', '..', '..', 'test', 'corpus', 'check');

/** [name, formula with the cursor on the mistake, title of the fix, formula after the fix]. */
const QUICK_FIXES: Array<[string, string, string, string]> = [
  ['did you mean a service variable', 'x = $PendingTask‸;', 'Change to $PendingTasks', 'x = $PendingTasks;'],
  ['did you mean a function', 'x = maxx‸(1);', 'Change to max', 'x = max(1);'],
  [
    'did you mean a method',
    'x = $PendingTasks.GetSampel‸(1);',
    'Change to GetSample',
    'x = $PendingTasks.GetSample(1);',
  ],
  ['did you mean a member', 'h = time().hours‸;', 'Change to hour', 'h = time().hour;'],
  ['legacy alias to full name', '$TargetDedicated‸ = 1;', 'Use $TargetDedicatedNodes', '$TargetDedicatedNodes = 1;'],
  [
    'service variable in the wrong case',
    '$targetLowPriorityNodes‸ = 1; y = $targetLowPriorityNodes;',
    "Change every '$targetLowPriorityNodes' to $TargetLowPriorityNodes",
    '$TargetLowPriorityNodes = 1; y = $TargetLowPriorityNodes;',
  ],
  ['number spelling', 'x = 1e3‸;', "Write '1000'", 'x = 1000;'],
  ['leading dot number', 'x = .5‸;', "Write '0.5'", 'x = 0.5;'],
  [
    'single quotes',
    "x = time('Mon‸, 06 Oct 2014 10:20:00 GMT');",
    'Use double quotes',
    'x = time("Mon, 06 Oct 2014 10:20:00 GMT");',
  ],
  ['missing semicolon', 'x = 1\ny‸ = 2;', "Insert ';'", 'x = 1;\ny = 2;'],
  ['block comment', '/* scale ‸*/ x = 1;', "Convert to '//' comments", '// scale \n x = 1;'],
  ['single ampersand', 'x = 1 &‸ 0;', "Replace with '&&'", 'x = 1 && 0;'],
  ['unterminated string', 'x = time("Mon‸', 'Close the string', 'x = time("Mon"'],
  // The quote goes before the brackets and ';' the open string swallowed.
  ['unterminated string before ");"', 't = time("2024-01-01‸);', 'Close the string', 't = time("2024-01-01");'],
  ['unterminated empty string', 'x = "‸;', 'Close the string', 'x = "";'],
  ['empty statement', 'x = 1;;‸', "Remove the extra ';'", 'x = 1;'],
  ['C#-escaped quote', 'x = time(\\‸"a");', "Remove the '\\'", 'x = time("a");'],
  [
    'quoted deallocation keyword',
    '$NodeDeallocationOption = "requeue‸";',
    'Use the bare keyword requeue',
    '$NodeDeallocationOption = requeue;',
  ],
  [
    'misspelt deallocation keyword',
    '$NodeDeallocationOption = requeu‸;',
    'Change to requeue',
    '$NodeDeallocationOption = requeue;',
  ],
  ['function named without parentheses', 'x = time‸;', 'Call time()', 'x = time();'],
  ['method named without parentheses', 'n = $PendingTasks.Count‸;', 'Call Count()', 'n = $PendingTasks.Count();'],
  ['trailing backslash in a string', 's = "pool\\‸";', "Remove the '\\'", 's = "pool";'],
  [
    'CPU compared with a fraction',
    'x = $CPUPercent.GetSamplePercent(TimeInterval_Minute) > 0.7‸;',
    'Change to 70',
    'x = $CPUPercent.GetSamplePercent(TimeInterval_Minute) > 70;',
  ],
  ['weekday compared with 7', 'x = time().weekday == 7‸;', 'Change to 0 (Sunday)', 'x = time().weekday == 0;'],
  [
    'comparison meant as assignment',
    '$TargetDedicatedNodes =‸= 5;',
    "Assign with '=' instead of comparing with '=='",
    '$TargetDedicatedNodes = 5;',
  ],
];

function fixAt(marked: string, title: string): string | undefined {
  const { text, offset } = withCursor(marked);
  const action = codeActions(analyzeDocument(text), { start: offset, end: offset }, { only: ['quickfix'] }).find(
    (a) => a.title === title,
  );
  return action ? applyEdits(text, action.edits) : undefined;
}

describe('quick fixes', () => {
  for (const [name, marked, title, expected] of QUICK_FIXES)
    it(name, () => expect(fixAt(marked, title)).toBe(expected));

  it('a diagnostic with one fix marks it preferred and names the diagnostic', () => {
    const { text, offset } = withCursor('x = 1e3‸;');
    const [action] = codeActions(analyzeDocument(text), { start: offset, end: offset }, { only: ['quickfix'] });
    expect(action).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(action?.diagnostics.map((d) => d.code)).toEqual(['AS1004']);
  });
  it('nothing away from any diagnostic', () => {
    const text = 'x = 1e3;\n\ny = 2;';
    expect(codeActions(analyzeDocument(text), { start: 10, end: 10 }, { only: ['quickfix'] })).toEqual([]);
  });
  it('no fixes for hidden layers', () => {
    const { text, offset } = withCursor('$TargetDedicated‸ = 1;');
    expect(codeActions(analyzeDocument(text), { start: offset, end: offset }, { layers: { lint: false } })).toEqual([]);
  });
  it('no fix where none is obvious', () => {
    for (const marked of ['x = y‸;', 'x = max‸;', 'x = time().weekday < 7‸;', '$TargetDedicatedNodes + 1‸;']) {
      const { text, offset } = withCursor(marked);
      expect(
        codeActions(analyzeDocument(text), { start: offset, end: offset }, { only: ['quickfix'] }),
        marked,
      ).toEqual([]);
    }
  });
});

describe('fix all', () => {
  it('applies the fixes that never change meaning, leaves guesses alone', () => {
    const text = "s = 'a';\nx = 1 & 1e3\ny = $PendingTask;\n$TargetDedicated = .5;";
    const actions = codeActions(analyzeDocument(text), { start: 0, end: 0 }, { only: ['source.fixAll'] });
    expect(actions).toHaveLength(1);
    const fixed = applyEdits(text, actions[0]?.edits ?? []);
    expect(fixed).toBe('s = "a";\nx = 1 && 1000;\ny = $PendingTask;\n$TargetDedicatedNodes = 0.5;');
    expect(analyzeFormula(fixed).diagnostics.map((d) => d.code)).toEqual(['AS2001']);
  });
  it('none when nothing is safely fixable', () => {
    expect(
      codeActions(analyzeDocument('x = $PendingTask;'), { start: 0, end: 0 }, { only: ['source.fixAll'] }),
    ).toEqual([]);
  });
});

describe('every fix in the checker corpus removes its diagnostic', () => {
  const files = readdirSync(CHECK_CASES)
    .filter((f) => f.endsWith('.autoscale'))
    .sort();
  it('has cases with fixes', () => expect(files.length).toBeGreaterThan(20));
  for (const file of files) {
    const text = readFileSync(join(CHECK_CASES, file), 'utf8');
    const fixable = analyzeFormula(text).diagnostics.filter((d) => (d.fixes ?? []).length > 0);
    if (fixable.length === 0) continue;
    it(file, () => {
      for (const d of fixable) {
        for (const fix of d.fixes ?? []) {
          const fixed = applyEdits(text, fix.edits);
          expect(fixed, `${d.code} ${fix.title}`).not.toBe(text);
          const before = analyzeFormula(text);
          const after = analyzeFormula(fixed);
          const what = `${file}: ${d.code} '${fix.title}'`;
          expect(count(after.diagnostics, d), `${what} left the diagnostic`).toBeLessThan(count(before.diagnostics, d));
          // A fix never swallows code (a comment running over the statement after it, say).
          expect(after.formula.statements.length, `${what} lost a statement`).toBeGreaterThanOrEqual(
            before.formula.statements.length,
          );
          const newErrors = after.diagnostics.filter(
            (x) => x.severity === 'error' && !before.diagnostics.some((y) => y.code === x.code),
          );
          expect(
            newErrors.map((x) => `${x.code} ${x.message}`),
            `${what} introduced errors`,
          ).toEqual([]);
        }
      }
    });
  }
});

function count(diagnostics: Diagnostic[], like: Diagnostic): number {
  return diagnostics.filter((d) => d.code === like.code).length;
}
