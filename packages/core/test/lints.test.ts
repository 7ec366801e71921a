// Lint quick fixes whose edits the caret cases in test/corpus/check cannot express: AS4013's
// rename must reach every occurrence of the misspelt variable, reads before its assignment too.

import { describe, expect, it } from 'vitest';
import { analyzeFormula } from '../src/analyze.ts';
import type { Diagnostic, TextEdit } from '../src/diagnostics.ts';

function as4013(text: string): Diagnostic[] {
  return analyzeFormula(text).diagnostics.filter((d) => d.code === 'AS4013');
}

/** The text after applying non-overlapping edits (right to left, so offsets stay valid). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start))
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

describe('AS4013 (a user variable spelt like a service variable)', () => {
  it('renames a read that comes before the assignment, not only the assignment', () => {
    const text = 'a = $targetDedicatedNodes + 1; $targetDedicatedNodes = 2;';
    const [d, ...others] = as4013(text);
    expect(others).toEqual([]);
    expect(d?.range).toEqual({ start: 31, end: 52 });
    expect(d?.fixes).toHaveLength(1);
    const edits = d?.fixes?.[0]?.edits ?? [];
    expect(edits.map((e) => e.range).sort((a, b) => a.start - b.start)).toEqual([
      { start: 4, end: 25 },
      { start: 31, end: 52 },
    ]);
    expect(edits.every((e) => e.newText === '$TargetDedicatedNodes')).toBe(true);
    expect(applyEdits(text, edits)).toBe('a = $TargetDedicatedNodes + 1; $TargetDedicatedNodes = 2;');
  });

  it('renames a read inside the assignment itself (the value is read before the target is set)', () => {
    const text = '$targetDedicatedNodes = $targetDedicatedNodes + 1;';
    const [d] = as4013(text);
    expect(applyEdits(text, d?.fixes?.[0]?.edits ?? [])).toBe('$TargetDedicatedNodes = $TargetDedicatedNodes + 1;');
  });

  it('renames reads before and after the assignment of a bare name', () => {
    const text = 'x = TargetDedicatedNodes; TargetDedicatedNodes = 1; y = TargetDedicatedNodes;';
    const [d] = as4013(text);
    expect(applyEdits(text, d?.fixes?.[0]?.edits ?? [])).toBe(
      'x = $TargetDedicatedNodes; $TargetDedicatedNodes = 1; y = $TargetDedicatedNodes;',
    );
  });

  it('offers no fix towards a read-only service variable', () => {
    const [d] = as4013('a = $pendingTasks; $pendingTasks = 1;');
    expect(d?.message).toContain('$PendingTasks');
    expect(d?.fixes).toBeUndefined();
  });
});
