// Data-driven checker tests: every test/corpus/check/*.autoscale file lists the diagnostics it
// must produce as caret comments (see support/annotations.ts); it must produce exactly those.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFormula, type LineMap, type Diagnostic } from '@autoscale/core';
import { readExpectedDiagnostics, type ExpectedDiagnostic } from './support/annotations.ts';
import { CASES } from './support/paths.ts';

const dir = join(CASES, 'check');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.autoscale'))
  .sort();

function matches(d: Diagnostic, e: ExpectedDiagnostic, lines: LineMap): boolean {
  if (d.code !== e.code) return false;
  if (e.message && !d.message.includes(e.message)) return false;
  if (e.line === undefined) return true;
  const start = lines.positionAt(d.range.start);
  const end = lines.positionAt(d.range.end);
  const length =
    end.line === start.line ? d.range.end - d.range.start : lines.lineText(start.line).length - start.character;
  return start.line === e.line && start.character === e.column && Math.max(1, length) === e.length;
}

describe('checker cases', () => {
  it('has cases', () => expect(files.length).toBeGreaterThan(20));
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const expected = readExpectedDiagnostics(text);
      const { diagnostics, lines } = analyzeFormula(text);
      const unmatched = [...diagnostics];
      const missing: ExpectedDiagnostic[] = [];
      for (const e of expected) {
        const i = unmatched.findIndex((d) => matches(d, e, lines));
        if (i >= 0) unmatched.splice(i, 1);
        else missing.push(e);
      }
      const show = (d: Diagnostic) => {
        const p = lines.positionAt(d.range.start);
        return `${p.line + 1}:${p.character + 1} len ${d.range.end - d.range.start} ${d.code} ${d.message}`;
      };
      expect({ missing, unexpected: unmatched.map(show) }).toEqual({ missing: [], unexpected: [] });
    });
  }
});
