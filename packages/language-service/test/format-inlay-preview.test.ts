// Formatting (core's formatter as one whole-document edit, refused on syntax errors), inlay hints
// (types after user variable targets, off by default) and preview (core's evaluator, per statement).

import { describe, expect, it } from 'vitest';
import { formatFormula, historyFromSamples, makeContext } from '@autoscale/core';
import { analyzeDocument, applyEdits, format, inlayHints, preview } from '@autoscale/language-service';

describe('format', () => {
  it('one whole-document edit giving the formatter output', () => {
    const text = '$TargetDedicatedNodes=max( 1,2 )\n;x=1';
    const result = format(analyzeDocument(text));
    const expected = formatFormula(text);
    expect(expected.ok).toBe(true);
    expect(result.ok).toBe(true);
    if (!result.ok || !expected.ok) return;
    expect(result.edits).toEqual([{ range: { start: 0, end: text.length }, newText: expected.text }]);
    expect(applyEdits(text, result.edits)).toBe('$TargetDedicatedNodes = max(1, 2);\nx = 1;\n');
  });
  it('no edit when the text is already canonical', () => {
    expect(format(analyzeDocument('x = 1;\n'))).toEqual({ ok: true, edits: [] });
  });
  it('refuses a formula with syntax errors, saying where', () => {
    const result = format(analyzeDocument('x = 1;\ny = (2 + ;'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^Not formatted: syntax error at line 2, column \d+: /);
  });
  it('formats a formula with only semantic errors', () => {
    expect(format(analyzeDocument('x=$Nope'))).toMatchObject({ ok: true, edits: [{ newText: 'x = $Nope;\n' }] });
  });
  it('an empty text', () => expect(format(analyzeDocument(''))).toEqual({ ok: true, edits: [] }));
});

describe('inlay hints', () => {
  const text =
    '$t = time();\nn = $PendingTasks.GetSample(5);\n$TargetDedicatedNodes = 1;\nbad = $Nope;\nc = $CPUPercent;';
  const all = { start: 0, end: text.length };
  it('off by default', () => expect(inlayHints(analyzeDocument(text), all)).toEqual([]));
  it('the type after each user variable target, none for unknown types or service variables', () => {
    const hints = inlayHints(analyzeDocument(text), all, { variableTypes: true });
    expect(hints.map((h) => `${text.slice(0, h.offset).split('\n').pop()}${h.label}`)).toEqual([
      '$t: timestamp',
      'n: doubleVec',
      'c: double',
    ]);
    expect(hints.every((h) => h.kind === 'type')).toBe(true);
  });
  it('only inside the range', () => {
    expect(
      inlayHints(analyzeDocument(text), { start: 13, end: 20 }, { variableTypes: true }).map((h) => h.label),
    ).toEqual([': doubleVec']);
  });
});

describe('preview', () => {
  const now = Date.parse('2026-01-05T10:00:00Z');
  const samples = Array.from({ length: 40 }, (_, i) => [now - i * 30_000, 10 + i] as const);
  const context = makeContext({
    now,
    pool: { currentDedicatedNodes: 3 },
    metrics: new Map([['$PendingTasks', historyFromSamples(samples)]]),
  });

  it('values per statement, branches and the results string', () => {
    const text = 'p = $PendingTasks.GetSample(1);\nbusy = max(p) > 5 ? 1 : 0;\n$TargetDedicatedNodes = busy * 4;';
    const result = preview(analyzeDocument(text), context);
    expect(result.error).toBeUndefined();
    expect(result.results).toBe(
      '$TargetDedicatedNodes=4;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;busy=1;p=[11]',
    );
    expect(result.applied).toEqual({ dedicated: 4, lowPriority: 0 });
    expect(result.statements.map((s) => `${s.line}: ${s.target}=${s.value}`)).toEqual([
      '1: p=[11]',
      '2: busy=1',
      '3: $TargetDedicatedNodes=4',
    ]);
    expect(result.statements[1]?.branches.map((b) => b.taken)).toEqual(['then']);
  });
  it('a runtime failure as a runtime diagnostic with the service error', () => {
    const text = 'x = 1;\ny = $CPUPercent.GetSample(TimeInterval_Minute * 10);';
    const result = preview(analyzeDocument(text), context);
    expect(result.results).toBeUndefined();
    expect(result.error?.code).toBe('InsufficientSampleData');
    expect(result.failure).toMatchObject({ code: 'AS3002', layer: 'runtime', severity: 'error' });
    expect(result.error?.values[0]?.value).toMatch(/^Line 2, Col \d+: /);
    expect(result.statements.map((s) => s.target)).toEqual(['x', 'y']);
  });
  it('a syntax error fails every evaluation', () => {
    const result = preview(analyzeDocument('x = (1;'), context);
    expect(result.error?.code).toBe('AutoScalingFormulaSyntaxError');
    expect(result.failure?.layer).toBe('syntax');
  });
  it('stop() ends the evaluation', () => {
    const result = preview(analyzeDocument('$TargetDedicatedNodes = 2;\nstop();\n$TargetDedicatedNodes = 9;'), context);
    expect(result.stopped).toBe(true);
    expect(result.applied).toEqual({ dedicated: 2, lowPriority: 0 });
  });
});
