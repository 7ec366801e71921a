// Signature help cases: the cursor in an argument list, the overload that must be active (by its
// registry label) and the active parameter; every overload is always listed.

import { describe, expect, it } from 'vitest';
import { paramKindName, registry } from '@autoscale/core';
import { analyzeDocument, signatureHelp } from '@autoscale/language-service';
import { parameterSpans } from '../src/signature-help.ts';
import { withCursor } from './support/markers.ts';

interface Case {
  name: string;
  text: string;
  /** Function or method name: every overload of it must be listed. */
  callee?: string;
  active?: string;
  parameter?: number;
}

const CASES: Case[] = [
  {
    name: 'right after the opening parenthesis',
    text: 'x = max(‸',
    callee: 'max',
    active: 'max(doubleVecList) -> double',
    parameter: 0,
  },
  {
    name: 'a variadic list keeps its one parameter active',
    text: 'x = max(1, 2, ‸',
    callee: 'max',
    active: 'max(doubleVecList) -> double',
    parameter: 0,
  },
  {
    name: 'second parameter of percentile',
    text: 'x = percentile($PendingTasks.GetSample(10), ‸)',
    callee: 'percentile',
    active: 'percentile(doubleVec v, double p) -> double',
    parameter: 1,
  },
  { name: 'nested call: the inner one', text: 'x = max(min(1, ‸), 3)', callee: 'min', parameter: 0 },
  {
    name: 'nested call closed: the outer one again',
    text: 'x = percentile(max(1, 2), ‸',
    callee: 'percentile',
    parameter: 1,
  },
  {
    name: 'commas inside a vector are not arguments',
    text: 'x = percentile([1, 2, 3‸], 50)',
    callee: 'percentile',
    parameter: 0,
  },
  {
    name: 'commas inside brackets closed before the cursor are skipped',
    text: 'x = val([1, 2, 3], ‸',
    callee: 'val',
    parameter: 1,
  },
  { name: 'a grouping parenthesis inside an argument', text: 'x = val([1], (1 + ‸', callee: 'val', parameter: 1 },
  {
    name: 'method: count overload for a number',
    text: 'x = $PendingTasks.GetSample(1‸)',
    callee: 'GetSample',
    active: 'GetSample(double count) -> doubleVec',
    parameter: 0,
  },
  {
    name: 'method: a time window picks the startTime overloads',
    text: 'x = $PendingTasks.GetSample(TimeInterval_Minute * 5, ‸',
    callee: 'GetSample',
    active: 'GetSample(startTime, double samplePercent) -> doubleVec',
    parameter: 1,
  },
  {
    name: 'method: a second interval picks startTime, endTime',
    text: 'x = $PendingTasks.GetSample(TimeInterval_Minute * 5, TimeInterval_Minute‸)',
    callee: 'GetSample',
    active: 'GetSample(startTime, endTime) -> doubleVec',
    parameter: 1,
  },
  {
    name: 'method: the third argument of a window',
    text: 'x = $PendingTasks.GetSample(TimeInterval_Minute * 5, TimeInterval_Minute, ‸',
    callee: 'GetSample',
    active: 'GetSample(startTime, endTime, double samplePercent) -> doubleVec',
    parameter: 2,
  },
  {
    name: 'time() with a string',
    text: 'x = time("‸',
    callee: 'time',
    active: 'time(string dateTime) -> timestamp',
    parameter: 0,
  },
  { name: 'no parameter is active past a fixed list', text: 'x = val([1], 0, ‸)', callee: 'val', parameter: -1 },
];

const NONE: Array<{ name: string; text: string }> = [
  { name: 'after the closing parenthesis', text: 'x = max(1)‸' },
  { name: 'before the opening parenthesis', text: 'x = max‸(1)' },
  { name: 'in a grouping parenthesis only', text: 'x = (1 + ‸' },
  { name: 'in a vector only', text: 'x = [1, ‸' },
  { name: 'an unknown function', text: 'x = maxx(1, ‸' },
  { name: 'past a statement end', text: 'x = max(1; y = ‸' },
  { name: 'outside any call', text: '‸x = 1;' },
];

describe('signature help', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { text, offset } = withCursor(c.text);
      const help = signatureHelp(analyzeDocument(text), offset);
      expect(help).toBeDefined();
      if (!help) return;
      const entry = registry.function(c.callee ?? '') ?? registry.method(c.callee ?? '');
      expect(help.signatures.map((s) => s.label)).toEqual(entry?.overloads.map((o) => o.label));
      if (c.active) expect(help.signatures[help.activeSignature]?.label).toBe(c.active);
      if (c.parameter !== undefined) expect(help.activeParameter).toBe(c.parameter);
    });
  }
  for (const c of NONE) {
    it(`nothing ${c.name}`, () => {
      const { text, offset } = withCursor(c.text);
      expect(signatureHelp(analyzeDocument(text), offset)).toBeUndefined();
    });
  }

  it('locates every parameter of every registry label', () => {
    for (const entry of [...registry.functions, ...registry.methods]) {
      for (const o of entry.overloads) {
        const spans = parameterSpans(o.label);
        expect(spans.length, o.label).toBe(o.params.length);
        // A label names each parameter by its name, its kind, or both ("double count", "startTime").
        spans.forEach(([start, end], i) => {
          const shown = o.label.slice(start, end);
          const p = o.params[i];
          expect(p && (shown.includes(p.name) || shown.includes(paramKindName(p.kind))), `${o.label}: '${shown}'`).toBe(
            true,
          );
        });
      }
    }
  });

  it('documents parameters with their kinds', () => {
    const { text, offset } = withCursor('x = percentile(‸');
    const params = signatureHelp(analyzeDocument(text), offset)?.signatures[0]?.parameters ?? [];
    expect(params.map((p) => p.documentation)).toEqual(['`v`: doubleVec', '`p`: double']);
  });
});
