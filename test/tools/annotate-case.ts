// Maintainer tool: rewrites checker case files so their caret annotations show the diagnostics the
// checker reports now, keeping each old annotation's message text where the code still matches.
// Review the diff before committing: the test is only as good as that review.
// Usage: node test/tools/annotate-case.ts test/corpus/check/NAME.autoscale...

import { readFileSync, writeFileSync } from 'node:fs';
import { analyzeFormula } from '@autoscale/core';
import { isAnnotation, readExpectedDiagnostics } from '../support/annotations.ts';

for (const file of process.argv.slice(2)) {
  const original = readFileSync(file, 'utf8');
  const old = readExpectedDiagnostics(original);
  const source = original.split('\n').filter((l) => !isAnnotation(l));
  const text = source.join('\n');
  const { diagnostics, lines } = analyzeFormula(text);
  const byLine = new Map<number, string[]>();
  const anywhere: string[] = [];
  for (const d of diagnostics) {
    const start = lines.positionAt(d.range.start);
    const end = lines.positionAt(d.range.end);
    const hint = old.find((o) => o.code === d.code && d.message.includes(o.message ?? '\u0000'))?.message;
    const suffix = hint ? ` ${hint}` : '';
    if (start.character < 2) {
      anywhere.push(`//@ ${d.code}${suffix}`);
      continue;
    }
    const length =
      end.line === start.line
        ? Math.max(1, d.range.end - d.range.start)
        : lines.lineText(start.line).length - start.character;
    const caret = `//${' '.repeat(start.character - 2)}${'^'.repeat(length)} ${d.code}${suffix}`;
    byLine.set(start.line, [...(byLine.get(start.line) ?? []), caret]);
  }
  const out: string[] = [];
  source.forEach((line, i) => {
    out.push(line);
    out.push(...(byLine.get(i) ?? []));
  });
  if (anywhere.length) {
    const last = out.length && out[out.length - 1] === '' ? out.pop() : undefined;
    out.push(...anywhere);
    if (last !== undefined) out.push(last);
  }
  writeFileSync(file, out.join('\n'));
}
