// The code generator's own guarantees: the text it hands to `new Function` holds nothing of the
// formula (only its own names, offsets, indexes and printed numbers), numbers print as exactly
// themselves, it is refused where asked, and the built-ins' direct entries it calls compute what
// their overloads' impl computes. That both routes evaluate alike is test/codegen-equivalence.test.ts.

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { registry } from '../src/builtins/registry.ts';
import type { Runtime } from '../src/builtins/support.ts';
import { Compiler } from '../src/eval/compile.ts';
import { codeGenerationAllowed, generateProgram, numberLiteral } from '../src/eval/codegen.ts';
import {
  compileFormula,
  historyFromSamples,
  Interval,
  makeContext,
  MetricRef,
  parse,
  Timestamp,
} from '../src/index.ts';
import { typeOfValue, type Value } from '../src/runtime/values.ts';
import type { ParamKind } from '../src/types.ts';
import { LineMap } from '../src/text/source.ts';
import { formulaArbitrary } from './support/formula-arbitrary.ts';

function generatedSource(text: string): string {
  const { formula } = parse(text);
  return generateProgram(formula, new Compiler(formula, new LineMap(text))).source;
}

// What generated text may hold: its own names (k3 constants, t7 temporaries, m0 metric locals,
// s2 statement functions), the JavaScript it writes around them, and two string literals.
const OWN_NAME = /^[ktms]\d+$/;
const KEYWORDS = new Set([
  'use',
  'strict',
  'const',
  'let',
  'function',
  'return',
  'if',
  'else',
  'typeof',
  'undefined',
  'number',
  'true',
  'false',
  'Infinity',
  'NaN',
  'e',
  'f',
  'rt',
  'vars',
  'k',
  'generatedFormula',
  'metric',
  'dedicated',
  'lowPriority',
  'read',
  'write',
  'key',
  'chosen',
  'choose',
  'impl',
  'Array',
  'isArray',
]);

/** The identifiers and string literals of generated text that are not its own. */
function foreignTokens(source: string): string[] {
  const foreign: string[] = [];
  for (const [token] of source.matchAll(/'[^']*'|[A-Za-z_$][\w$]*/g)) {
    if (token.startsWith("'")) {
      if (token !== "'use strict'" && token !== "'number'") foreign.push(token);
    } else if (!OWN_NAME.test(token) && !KEYWORDS.has(token)) foreign.push(token);
  }
  return foreign;
}

describe('generated code', () => {
  it('holds no text of the formula: names, strings and keywords become constants', () => {
    const hostile = `$evil_name = "'); globalThis.pwned = 1; ('";
      $TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1)) + len($evil_name) * 0;
      $NodeDeallocationOption = taskcompletion;
      cappedPoolSize = $evil_name == "x" ? 1 : 2;
      unknownFunction(3); $TargetLowPriorityNodes = undefinedName;`;
    const source = generatedSource(hostile);
    expect(foreignTokens(source)).toEqual([]);
    for (const text of ['evil_name', 'pwned', 'cappedPoolSize', 'unknownFunction', 'undefinedName', 'PendingTasks'])
      expect(source).not.toContain(text);
    // And it runs without touching anything: the hostile string stays a string value.
    const result = compileFormula(hostile, undefined, { generate: true }).evaluate(makeContext({ now: 0 }));
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(result.error?.code).toBe('AutoScalingFormulaEvaluationError');
  });

  it('holds no text of any formula the generators make', () => {
    fc.assert(
      fc.property(formulaArbitrary({ comments: false }), (text) => {
        expect(foreignTokens(generatedSource(text))).toEqual([]);
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('prints every number as exactly itself, and nothing else', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const text = numberLiteral(x);
        expect(text).toMatch(/^\(?-?(?:Infinity|NaN|\d+(?:\.\d+)?(?:e[+-]\d+)?)\)?$/);
        expect(Object.is(Number(text.replace(/[()]/g, '')), x)).toBe(true);
      }),
      { numRuns: 2000, seed: 20261204 },
    );
    expect(numberLiteral(-0)).toBe('(-0)');
    expect(() => numberLiteral('1); alert(1' as unknown as number)).toThrow(TypeError);
  });
});

describe('where code is generated', () => {
  const saved = process.env.AUTOSCALE_CODEGEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTOSCALE_CODEGEN;
    else process.env.AUTOSCALE_CODEGEN = saved;
  });

  it('not where Node refuses code from strings: the closures evaluate, with the same results', () => {
    const entry = new URL('../src/index-node.ts', import.meta.url).href;
    const script = `
      const { compileFormula, makeContext } = await import(${JSON.stringify(entry)});
      const f = compileFormula('$TargetDedicatedNodes = max(1, 2) + 3; x = $PendingTasks.GetSample(1);');
      let r;
      for (let i = 0; i < 100; i++) r = f.evaluate(makeContext({ now: 0 }));
      console.log(JSON.stringify({ results: r.results, error: r.error?.message ?? null, generated: typeof f.generated }));`;
    const run = (flags: string[]) =>
      spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
    const refused = run(['--disallow-code-generation-from-strings']);
    const allowed = run([]);
    expect(refused.status, refused.stderr).toBe(0);
    const [a, b] = [JSON.parse(refused.stdout), JSON.parse(allowed.stdout)];
    expect(a.generated).toBe('undefined');
    expect(b.generated).toBe('function');
    expect({ ...a, generated: null }).toEqual({ ...b, generated: null });
  });

  it('in Node, unless AUTOSCALE_CODEGEN=0', () => {
    delete process.env.AUTOSCALE_CODEGEN;
    expect(codeGenerationAllowed()).toBe(true);
    process.env.AUTOSCALE_CODEGEN = '0';
    expect(codeGenerationAllowed()).toBe(false);
  });
});

/** impl's answer or error message, and the same of a direct entry, compared as data. */
function outcome(run: () => Value): { value: Value } | { error: string } {
  try {
    return { value: run() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const rt = (now: number): Runtime => ({ now, availabilityDelay: 30_000, random: () => 0.5 });
const anyDouble = fc.oneof(fc.double(), fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, 1, 2.5));

describe('every built-in returns the type it declares (generated code trusts it)', () => {
  const start = Date.parse('2026-03-01T00:00:00Z');
  const history = historyFromSamples(
    Array.from({ length: 300 }, (_, i) => [start + i * 30_000, i % 17] as [number, number]),
  );
  const byKind: Record<ParamKind, fc.Arbitrary<Value>> = {
    double: anyDouble,
    doubleVec: fc.array(anyDouble, { maxLength: 12 }),
    list: fc.oneof(anyDouble, fc.array(anyDouble, { maxLength: 12 })),
    string: fc.constantFrom('2026-03-01T01:00:00Z', 'Mon, 02 Mar 2026 10:00:00 GMT', 'not a time', ''),
    time: fc.oneof(
      fc.integer({ min: 0, max: 200 }).map((minutes) => new Interval(minutes * 60_000)),
      fc.integer({ min: 0, max: 200 }).map((minutes) => new Timestamp(start + minutes * 60_000)),
    ),
  };
  const entries = [...registry.functions, ...registry.methods];
  const calls = fc
    .constantFrom(...entries.flatMap((e) => e.overloads.map((o) => ({ entry: e, o }))))
    .chain(({ entry, o }) => {
      const params = o.variadic ? [...o.params, ...o.params.slice(-1), ...o.params.slice(-1)] : o.params;
      return fc
        .tuple(fc.integer({ min: 0, max: params.length }), ...params.map((p) => byKind[p.kind]))
        .map(([count, ...args]) => ({
          entry,
          o,
          args: args.slice(0, Math.max(count, o.params.filter((p) => !p.optional).length)),
        }));
    });

  it('on any arguments its parameters admit, whenever it returns', () => {
    let returned = 0;
    fc.assert(
      fc.property(calls, fc.integer({ min: 0, max: 150 }), ({ entry, o, args }, minutes) => {
        const values = entry.kind === 'method' ? [new MetricRef('$PendingTasks', history), ...args] : args;
        const result = outcome(() => o.impl(values, rt(start + minutes * 60_000), 7));
        if ('value' in result) {
          returned++;
          expect(typeOfValue(result.value), o.label).toBe(o.returns);
        }
      }),
      { numRuns: 4000, seed: 20261204 },
    );
    expect(returned).toBeGreaterThan(1000);
  });
});

describe("built-ins' direct entries (what generated code calls) equal their impl", () => {
  const overloads = [...registry.functions, ...registry.methods].flatMap((e) => e.overloads);

  it('for two doubles', () => {
    const withEntry = overloads.filter((o) => o.onTwoDoubles !== undefined);
    expect(withEntry.length).toBeGreaterThanOrEqual(8);
    fc.assert(
      fc.property(fc.constantFrom(...withEntry), anyDouble, anyDouble, (o, a, b) => {
        expect(outcome(() => o.onTwoDoubles?.(a, b) as number)).toEqual(outcome(() => o.impl([a, b], rt(0), 7)));
      }),
      { numRuns: 3000, seed: 20261204 },
    );
  });

  it('for one vector, empty ones included', () => {
    const withEntry = overloads.filter((o) => o.onVector !== undefined);
    fc.assert(
      fc.property(fc.constantFrom(...withEntry), fc.array(anyDouble, { maxLength: 40 }), (o, v) => {
        expect(outcome(() => o.onVector?.(v, 7) as number)).toEqual(outcome(() => o.impl([v], rt(0), 7)));
      }),
      { numRuns: 3000, seed: 20261204 },
    );
  });

  it('for a metric and one argument, on histories with gaps and too few samples', () => {
    const withEntry = registry.methods.flatMap((m) => m.overloads).filter((o) => o.onMetricWith !== undefined);
    expect(withEntry.length).toBeGreaterThanOrEqual(3);
    const start = Date.parse('2026-03-01T00:00:00Z');
    const argument = fc.oneof(
      anyDouble,
      fc.integer({ min: -3, max: 40 }),
      fc.integer({ min: 0, max: 60 }).map((minutes) => new Interval(minutes * 60_000)),
      fc.integer({ min: 0, max: 120 }).map((minutes) => new Timestamp(start + minutes * 60_000)),
    );
    const samples = fc.array(fc.tuple(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 50 })), {
      maxLength: 200,
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...withEntry),
        argument,
        samples,
        fc.integer({ min: 0, max: 130 }),
        (o, arg, s, at) => {
          const history = historyFromSamples(s.map(([half, v]) => [start + half * 30_000, v] as [number, number]));
          const now = start + at * 60_000;
          // Fresh metrics for each: both remember their searches.
          const direct = outcome(
            () => o.onMetricWith?.(new MetricRef('$PendingTasks', history), arg, rt(now), 7) as Value,
          );
          const viaImpl = outcome(() => o.impl([new MetricRef('$PendingTasks', history), arg], rt(now), 7));
          expect(direct).toEqual(viaImpl);
        },
      ),
      { numRuns: 3000, seed: 20261204 },
    );
  });
});
