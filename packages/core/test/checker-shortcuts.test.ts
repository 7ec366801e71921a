// The checker's shortcuts give what the lookups they stand for give: one registry lookup per name
// (builtin-names.ts), remembered overload resolutions (overload-match.ts) and operator result types
// (operator-types.ts), and the analysis's node-keyed maps filled on first use (analysis-recorder.ts).
// Names the registry does not know still get their did-you-mean.

import { describe, expect, it } from 'vitest';
import { registry } from '../src/builtins/registry.ts';
import { argumentsFit, arityAccepts } from '../src/builtins/overloads.ts';
import type { Overload } from '../src/builtins/entry.ts';
import { analyzeFormula } from '../src/analyze.ts';
import { RecordedMap } from '../src/check/analysis-recorder.ts';
import { builtinName } from '../src/check/builtin-names.ts';
import { NO_ARITY, overloadMatch } from '../src/check/overload-match.ts';
import { binaryResultType, unaryResultType } from '../src/check/operator-types.ts';
import { findBinaryRow, findUnaryRow } from '../src/operators.ts';
import { forEachExpression, statementExpression, type BinaryOperator } from '../src/syntax/ast.ts';
import {
  ANY,
  DOUBLE,
  INTERVAL,
  KEYWORD,
  METRIC,
  members,
  NOTHING,
  STRING,
  TIMESTAMP,
  type Type,
  VEC,
} from '../src/types.ts';

const TYPES: Type[] = [
  DOUBLE,
  VEC,
  STRING,
  TIMESTAMP,
  INTERVAL,
  METRIC,
  KEYWORD,
  NOTHING,
  ANY,
  DOUBLE | VEC,
  DOUBLE | METRIC,
  TIMESTAMP | INTERVAL,
  STRING | NOTHING,
];
const BINARY: BinaryOperator[] = ['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', '&&', '||'];

describe('checker shortcuts', () => {
  it('builtinName answers what the registry lookups answer', () => {
    const names = [
      ...registry.variableSpellings(),
      ...registry.constants.map((c) => c.name),
      ...registry.keywords.map((k) => k.name),
      ...registry.functions.map((f) => f.name),
      ...registry.methods.map((m) => m.name),
      ...registry.members.map((m) => m.name),
      '',
      'x',
      '$x',
      '$targetdedicatednodes',
      'MAX',
      'timeinterval_minute',
    ];
    for (const name of names) {
      const b = builtinName(name);
      expect(b?.variable, name).toBe(registry.variable(name));
      expect(b?.constant, name).toBe(registry.constant(name));
      expect(b?.keyword, name).toBe(registry.keyword(name));
      expect(b?.function, name).toBe(registry.function(name));
    }
  });

  it('overloadMatch answers what resolving every overload answers', () => {
    const lists: Array<readonly Overload[]> = [
      ...registry.functions.map((f) => f.overloads),
      ...registry.methods.map((m) => m.overloads),
    ];
    const argumentLists: Type[][] = [[]];
    for (const t of TYPES) argumentLists.push([t]);
    for (const t of TYPES) for (const u of TYPES) argumentLists.push([t, u]);
    for (const t of TYPES) argumentLists.push([t, DOUBLE, t], [DOUBLE, DOUBLE, DOUBLE, t]);
    argumentLists.push(Array.from({ length: 9 }, () => DOUBLE));
    for (const overloads of lists) {
      for (const args of argumentLists) {
        const arity = overloads.filter((o) => arityAccepts(o, args.length));
        let result = 0;
        for (const o of arity) if (argumentsFit(o, args)) result |= o.returns;
        const expected = arity.length === 0 ? NO_ARITY : result;
        // Twice: worked out, then remembered.
        expect(overloadMatch(overloads, args)).toBe(expected);
        expect(overloadMatch(overloads, args)).toBe(expected);
      }
    }
  });

  it('operator result types are the union of the table rows of each member pair', () => {
    for (const op of BINARY) {
      for (const l of TYPES) {
        for (const r of TYPES) {
          let expected = 0;
          for (const a of members(l)) for (const b of members(r)) expected |= findBinaryRow(op, a, b)?.result ?? 0;
          expect(binaryResultType(op, l, r), `${l} ${op} ${r}`).toBe(expected);
        }
      }
    }
    for (const op of ['-', '!'] as const) {
      for (const t of TYPES) {
        let expected = 0;
        for (const m of members(t)) expected |= findUnaryRow(op, m)?.result ?? 0;
        expect(unaryResultType(op, t), `${op}${t}`).toBe(expected);
      }
    }
  });

  it('RecordedMap is the Map its recorded sets make, whatever is asked first', () => {
    const keys = [{ k: 1 }, { k: 2 }, { k: 3 }];
    const [a, b, c] = keys as [object, object, object];
    const recorded = () => new RecordedMap<object, number>([a, 1, b, 2, a, 3, c, 4]);
    const expected = new Map<object, number>([
      [a, 1],
      [b, 2],
      [a, 3],
      [c, 4],
    ]);
    expect(recorded()).toBeInstanceOf(Map);
    expect(recorded().size).toBe(3);
    expect(recorded().get(a)).toBe(3);
    expect(recorded().has(c)).toBe(true);
    expect([...recorded()]).toEqual([...expected]);
    expect([...recorded().entries()]).toEqual([...expected.entries()]);
    expect([...recorded().keys()]).toEqual([...expected.keys()]);
    expect([...recorded().values()]).toEqual([...expected.values()]);
    const seen: number[] = [];
    recorded().forEach((v) => {
      seen.push(v);
    });
    expect(seen).toEqual([3, 2, 4]);
    const changed = recorded();
    changed.set(b, 9);
    changed.delete(c);
    expect([...changed]).toEqual([
      [a, 3],
      [b, 9],
    ]);
    const cleared = recorded();
    cleared.clear();
    expect(cleared.size).toBe(0);
  });

  it('the analysis has a type for every expression and the node of every reference', () => {
    const text = [
      '$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 15);',
      'tasks = $samples < 70 ? max(0, $PendingTasks.GetSample(1)) : avg($PendingTasks.GetSample(TimeInterval_Minute * 15));',
      'cap = time().hour < 18 ? [1, 2] : -3;',
      '$TargetDedicatedNodes = max(0, min(tasks, 20));',
      '$NodeDeallocationOption = taskcompletion;',
    ].join('\n');
    const { formula, analysis } = analyzeFormula(text);
    for (const s of formula.statements)
      forEachExpression(statementExpression(s), (e) => expect(analysis.types.has(e), e.kind).toBe(true));
    expect(analysis.identifiers.size).toBe(analysis.references.length);
    for (const [id, ref] of analysis.identifiers) {
      expect(analysis.references).toContain(ref);
      expect(id.name).toBe(ref.name);
      expect(id.range).toBe(ref.range);
    }
  });

  it('still offers a did-you-mean for a name the registry does not know', () => {
    const messages = (text: string) => analyzeFormula(text).diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(messages('x = $PendingTask;')).toContain(
      'AS2001 Undefined symbol: $PendingTask. Did you mean $PendingTasks?',
    );
    expect(messages('x = TimeInterval_Minit;')).toContain(
      'AS2001 Undefined symbol: TimeInterval_Minit. Did you mean TimeInterval_Minute?',
    );
    expect(messages('x = mx(1, 2);')).toContain("AS2003 Unknown function 'mx'. Did you mean max?");
  });
});
