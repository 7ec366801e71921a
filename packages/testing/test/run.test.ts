// The runner's semantics: how expectations compare (tolerance, truncated targets, vectors, text),
// expected and unexpected errors, the pool and series across steps, availabilityDelay, seed and
// utcOffset reaching the evaluation, --run filtering, and one compiled formula per file.

import { describe, expect, it, vi } from 'vitest';
import { compileFormula, formatTimestamp, makeContext, parseInstant } from '@autoscale/core';
import { checkStep, numbersMatch, runTestFile, type TestOutcome } from '@autoscale/testing';
import { loadOk } from './support.ts';

/** Runs a file of tests against an inline formula; returns each test's mismatches (empty when it passed). */
function run(formula: string, tests: string, defaults = 'at: 2026-01-05T10:00:00Z'): Record<string, TestOutcome> {
  const text = `formula_text: ${JSON.stringify(formula)}\ndefaults: { ${defaults} }\ntests:\n${tests}`;
  const outcome = runTestFile(loadOk(text));
  return Object.fromEntries(outcome.tests.map((t) => [t.test.name, t]));
}

const mismatches = (o: TestOutcome | undefined) => o?.steps.flatMap((s) => s.mismatches);
const ms = (text: string): number => {
  const r = parseInstant(text);
  if (!r.ok) throw new Error(r.reason);
  return r.ms;
};

describe('comparing values', () => {
  it('numbers match within 1e-9, relative above 1', () => {
    expect(numbersMatch(0.3, 0.1 + 0.2)).toBe(true);
    expect(numbersMatch(1, 1 + 2e-9)).toBe(false);
    expect(numbersMatch(1e12, 1e12 + 100)).toBe(true);
    expect(numbersMatch(1e12, 1e12 + 10_000)).toBe(false);
    const r = run(
      'a = 0.1 + 0.2; b = 1.000001;',
      '  - { name: close, expect: { a: 0.3 } }\n  - { name: far, expect: { b: 1 } }\n',
    );
    expect(r.close?.passed).toBe(true);
    expect(mismatches(r.far)).toEqual([{ variable: 'b', expected: '1', got: '1.000001' }]);
  });

  it('targets compare as the results string prints them: truncated toward zero', () => {
    const r = run(
      '$TargetDedicatedNodes = 2.7; $TargetLowPriorityNodes = -1.5;',
      [
        '  - { name: printed, expect: { $TargetDedicatedNodes: 2, $TargetLowPriorityNodes: -1 } }',
        '  - { name: computed, expect: { $TargetDedicatedNodes: 2.7 } }',
      ].join('\n'),
    );
    expect(r.printed?.passed).toBe(true);
    expect(mismatches(r.computed)).toEqual([
      {
        variable: '$TargetDedicatedNodes',
        expected: '2.7',
        got: '2',
        note: 'computed 2.7; results print targets truncated toward zero',
      },
    ]);
  });

  it('text compares with the printed value: keywords, timestamps, strings, numbers as text', () => {
    const time = formatTimestamp(ms('2026-01-05T10:00:00Z'));
    const r = run(
      '$NodeDeallocationOption = retaineddata; t = time(); s = "a b"; n = 25;',
      [
        `  - { name: ok, expect: { $NodeDeallocationOption: retaineddata, t: "${time}", s: a b, n: "25" } }`,
        '  - { name: wrong, expect: { $NodeDeallocationOption: requeue, s: 3 } }',
      ].join('\n'),
    );
    expect(r.ok?.passed).toBe(true);
    expect(mismatches(r.wrong)).toEqual([
      { variable: '$NodeDeallocationOption', expected: 'requeue', got: 'retaineddata' },
      { variable: 's', expected: '3', got: 'a b' },
    ]);
  });

  it('vectors compare element by element, and only with vectors', () => {
    const r = run(
      'v = [1, 2, 3.5]; n = 2;',
      [
        '  - { name: ok, expect: { v: [1, 2, 3.5000000000001] } }',
        '  - { name: longer, expect: { v: [1, 2, 3.5, 4] } }',
        '  - { name: scalar, expect: { n: [2] } }',
        '  - { name: number, expect: { v: 1 } }',
      ].join('\n'),
    );
    expect(r.ok?.passed).toBe(true);
    expect(mismatches(r.longer)).toEqual([{ variable: 'v', expected: '[1, 2, 3.5, 4]', got: '[1, 2, 3.5]' }]);
    expect(mismatches(r.scalar)).toEqual([{ variable: 'n', expected: '[2]', got: '2' }]);
    expect(mismatches(r.number)).toEqual([{ variable: 'v', expected: '1', got: '[1, 2, 3.5]' }]);
  });

  it('a variable not assigned because stop() ended the evaluation', () => {
    const r = run('$TargetDedicatedNodes = 1; stop(); a = 2;', '  - { name: t, expect: { a: 2 } }\n');
    expect(mismatches(r.t)).toEqual([
      { variable: 'a', expected: '2', got: 'nothing: the evaluation ended (stop()) before assigning it' },
    ]);
  });

  it('no expectations: passes when the evaluation succeeds, fails on an error', () => {
    const r = run(
      'a = $PendingTasks.GetSample(TimeInterval_Minute * 5, 70);',
      '  - { name: empty, series: { $PendingTasks: 1x20 } }\n  - { name: failing }\n',
    );
    expect(r.empty?.passed).toBe(true);
    expect(mismatches(r.failing)).toEqual([
      {
        variable: undefined,
        expected: 'no error',
        got: expect.stringMatching(/^InsufficientSampleData: Line 1, Col 28: /) as unknown as string,
      },
    ]);
  });
});

describe('expected errors', () => {
  const FORMULA = 'a = $PendingTasks.GetSample(TimeInterval_Minute * 5, 70);\n$TargetDedicatedNodes = 1;';
  const message =
    compileFormula(FORMULA).evaluate(makeContext({ now: ms('2026-01-05T10:00:00Z') })).error?.values[0]?.value ?? '';

  it('matches by service code, by core code and by a part of the message', () => {
    expect(message).toContain('wanted 70%');
    const r = run(
      FORMULA,
      [
        '  - { name: service, expect_error: { code: InsufficientSampleData } }',
        '  - { name: core, expect_error: { code: AS3002, message: "wanted 70%" } }',
        '  - { name: location, expect_error: { message: "Line 1, Col 28" } }',
      ].join('\n'),
    );
    expect(Object.values(r).map((t) => t.passed)).toEqual([true, true, true]);
  });

  it('reports a wrong code, a wrong message, and a missing error', () => {
    const r = run(
      FORMULA,
      [
        '  - { name: code, expect_error: { code: AutoScalingFormulaEvaluationError } }',
        '  - { name: message, expect_error: { message: "wanted 80%" } }',
        '  - { name: none, series: { $PendingTasks: 1x20 }, expect_error: { code: AS3002, message: x } }',
      ].join('\n'),
    );
    const got = `InsufficientSampleData: ${message}`;
    expect(mismatches(r.code)).toEqual([
      { variable: undefined, expected: 'error AutoScalingFormulaEvaluationError', got, note: 'core code AS3002' },
    ]);
    expect(mismatches(r.message)).toEqual([
      { variable: undefined, expected: 'error with a message containing "wanted 80%"', got },
    ]);
    expect(mismatches(r.none)).toEqual([
      { variable: undefined, expected: 'error AS3002 with a message containing "x"', got: 'no error' },
    ]);
  });

  it('an unexpected error fails every expectation at once, quoting the error', () => {
    const r = run(FORMULA, '  - { name: t, expect: { $TargetDedicatedNodes: 1 } }\n');
    expect(mismatches(r.t)).toEqual([
      { variable: undefined, expected: 'no error', got: `InsufficientSampleData: ${message}` },
    ]);
  });
});

describe('the evaluation context', () => {
  it('availabilityDelay hides recent samples; seed drives rand(); pool fields reach the formula', () => {
    const formula =
      'n = len($PendingTasks.GetSample(TimeInterval_Minute * 5)); r = rand(); c = $CurrentDedicatedNodes; s = $TaskSlotsPerNode; u = $UsableNodeCount;';
    const r = run(
      formula,
      [
        '  - { name: default, series: { $PendingTasks: 1x20 } }',
        '  - { name: delayed, availabilityDelay: 1m, seed: 42, pool: { currentDedicatedNodes: 3, taskSlotsPerNode: 8 }, series: { $PendingTasks: 1x20 } }',
      ].join('\n'),
    );
    const direct = (delay: number, seed: number, pool: object) => {
      const history = r.default?.test.metrics.get('$PendingTasks');
      const ctx = makeContext({
        now: ms('2026-01-05T10:00:00Z'),
        availabilityDelay: delay,
        seed,
        pool,
        metrics: new Map(history ? [['$PendingTasks', history]] : []),
      });
      return compileFormula(formula).evaluate(ctx).results;
    };
    expect(r.default?.steps[0]?.result.results).toBe(direct(30_000, 1, {}));
    expect(r.delayed?.steps[0]?.result.results).toBe(
      direct(60_000, 42, { currentDedicatedNodes: 3, taskSlotsPerNode: 8 }),
    );
    // By hand: 30-s samples up to 10:00; the 5-minute window sees 9 of them after a 30-s delay, 8 after 1 minute.
    expect(r.default?.steps[0]?.result.results).toBe(
      '$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;c=0;n=9;r=0.484565;s=1;u=0',
    );
    expect(r.delayed?.steps[0]?.result.results).toBe(
      '$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;c=3;n=8;r=0.350404;s=8;u=3',
    );
    expect(r.delayed?.steps[0]?.result.results).not.toBe(r.default?.steps[0]?.result.results);
    expect(r.delayed?.steps[0]?.pool).toMatchObject({
      currentDedicatedNodes: 3,
      taskSlotsPerNode: 8,
      usableNodeCount: 3,
    });
  });

  it('utcOffset moves the instant, and time() stays UTC', () => {
    const r = run(
      'h = time().hour;',
      '  - { name: t, utcOffset: "+01:00", at: 2026-01-05T09:30:00, expect: { h: 8 } }\n',
    );
    expect(r.t?.passed).toBe(true);
  });
});

describe('steps', () => {
  it('carry the targets the previous step produced, unless a step sets them; other pool fields carry over', () => {
    const formula = 'prev = $TargetDedicatedNodes; $TargetDedicatedNodes = prev + 1.9 + $CurrentDedicatedNodes;';
    const file = loadOk(
      `formula_text: ${JSON.stringify(formula)}\ntests:\n  - name: t\n    pool: { targetDedicatedNodes: 1 }\n    steps:\n` +
        [
          '      - { at: 2026-01-05T10:00:00Z }',
          '      - { at: +1m, pool: { currentDedicatedNodes: 10 } }',
          '      - { at: +1m, pool: { targetDedicatedNodes: 100 } }',
          '      - { at: +1m }',
        ].join('\n'),
    );
    const outcome = runTestFile(file).tests[0];
    expect(
      outcome?.steps.map((s) => [
        s.pool.targetDedicatedNodes,
        s.pool.currentDedicatedNodes,
        s.result.targets.dedicated,
      ]),
    ).toEqual([
      [1, 0, 2.9],
      [2, 10, 13.9], // 2.9 is applied as 2; this step brings 10 current nodes
      [100, 10, 111.9], // the step's own target wins over the carried 13; the current nodes carry over
      [111, 10, 122.9],
    ]);
  });

  it('after a failed step the pool keeps its targets', () => {
    const formula =
      '$TargetDedicatedNodes = $TargetDedicatedNodes + avg($PendingTasks.GetSample(TimeInterval_Minute * 5, 80));';
    const file = loadOk(
      `formula_text: ${JSON.stringify(formula)}\ntests:\n  - name: t\n    pool: { targetDedicatedNodes: 5 }\n    series: { $PendingTasks: 1x10 _x10 1x10 }\n    steps:\n` +
        [
          '      - { at: 2026-01-05T09:50:00Z }',
          '      - { at: 2026-01-05T09:55:30Z, expect_error: { code: InsufficientSampleData } }',
          '      - { at: 2026-01-05T10:00:00Z }',
        ].join('\n'),
    );
    const outcome = runTestFile(file).tests[0];
    expect(
      outcome?.steps.map((s) => [s.pool.targetDedicatedNodes, s.result.ok, s.result.error?.values[0]?.value]),
    ).toEqual([
      [5, true, undefined],
      [6, false, expect.anything()],
      [6, true, undefined],
    ]);
    expect(outcome?.passed).toBe(true);
  });

  it('series run across the steps: each step sees the samples up to its own time', () => {
    const r = run(
      'n = len($PendingTasks.GetSample(TimeInterval_Hour, 0)); last = max($PendingTasks.GetSample(1));',
      [
        '  - name: t',
        '    availabilityDelay: 0s',
        '    series: { $PendingTasks: 0+1x20 }     # 0 at 09:50, 20 at 10:00',
        '    steps:',
        '      - { at: 2026-01-05T09:50:00Z, expect: { n: 1, last: 0 } }',
        '      - { at: 2026-01-05T09:55:00Z, expect: { n: 11, last: 10 } }',
        '      - { at: 2026-01-05T10:00:00Z, expect: { n: 21, last: 20 } }',
      ].join('\n'),
      'seed: 1',
    );
    expect(mismatches(r.t)).toEqual([]);
    expect(r.t?.steps).toHaveLength(3);
  });

  it('every step runs even after one fails, and each failure is reported with its step', () => {
    const r = run(
      '$TargetDedicatedNodes = time().hour;',
      '  - name: t\n    steps:\n      - { at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 9 } }\n      - { at: +1h, expect: { $TargetDedicatedNodes: 11 } }\n      - { at: +1h, expect: { $TargetDedicatedNodes: 13 } }\n',
      'seed: 1',
    );
    expect(r.t?.passed).toBe(false);
    expect(r.t?.steps.map((s) => s.mismatches.map((m) => `${m.expected}/${m.got}`))).toEqual([['9/10'], [], ['13/12']]);
  });
});

describe('a failure that may come from the availability delay', () => {
  const notes = (o: TestOutcome | undefined) => o?.steps.map((s) => s.notes);
  // Series "1 2 3 4" at 30 s ends at 10:00: samples at 09:58:30, 09:59:00, 09:59:30 and 10:00:00.
  const LAST = 'avg($PendingTasks.GetSample(1))';

  it('says how many samples of a metric the failing evaluation read were taken in (at - delay, at]', () => {
    const r = run(
      `$TargetDedicatedNodes = ${LAST};`,
      [
        // A 1-minute delay sees up to 09:59:00: the last visible sample is 2, and 3 and 4 are hidden.
        '  - { name: one minute, availabilityDelay: 1m, series: { $PendingTasks: "1 2 3 4" }, expect: { $TargetDedicatedNodes: 4 } }',
        // The default 30 s hides only the sample at 10:00:00.
        '  - { name: default, series: { $PendingTasks: "1 2 3 4" }, expect: { $TargetDedicatedNodes: 4 } }',
        // Passing steps get no note.
        '  - { name: passes, series: { $PendingTasks: "1 2 3 4" }, expect: { $TargetDedicatedNodes: 3 } }',
      ].join('\n'),
    );
    expect(mismatches(r['one minute'])).toEqual([{ variable: '$TargetDedicatedNodes', expected: '4', got: '2' }]);
    expect(notes(r['one minute'])).toEqual([
      ['2 samples of $PendingTasks are newer than at - availabilityDelay (1m) and were not visible'],
    ]);
    expect(notes(r.default)).toEqual([
      ['1 sample of $PendingTasks is newer than at - availabilityDelay (30s) and was not visible'],
    ]);
    expect(r.passes?.passed).toBe(true);
    expect(notes(r.passes)).toEqual([[]]);
  });

  it('also on a failed evaluation: the window lacked a sample the delay hid', () => {
    // A 2-minute window at 100% wants 4 samples; 09:58:30 to 09:59:30 are visible, 10:00:00 is not.
    const r = run(
      '$TargetDedicatedNodes = avg($PendingTasks.GetSample(TimeInterval_Minute * 2, 100));',
      '  - { name: t, series: { $PendingTasks: "1x10" }, expect: { $TargetDedicatedNodes: 1 } }\n',
    );
    expect(mismatches(r.t)?.[0]?.got).toMatch(/^InsufficientSampleData: /);
    expect(notes(r.t)).toEqual([
      ['1 sample of $PendingTasks is newer than at - availabilityDelay (30s) and was not visible'],
    ]);
  });

  it("no note for metrics the evaluation did not read, without a delay, or for samples after at (a later step's)", () => {
    const r = run(
      `$TargetDedicatedNodes = time().hour < 12 ? 0 : ${LAST};`,
      [
        // The evaluation at 10:00 never reaches the window read: $PendingTasks is not read.
        '  - { name: unread, series: { $PendingTasks: "1 2 3 4" }, expect: { $TargetDedicatedNodes: 4 } }',
        '  - { name: no delay, at: 2026-01-05T13:00:00Z, availabilityDelay: 0s, series: { $PendingTasks: "1 2 3 4" }, expect: { $TargetDedicatedNodes: 5 } }',
        // The series ends at the last step (13:10); at 13:00 with no delay, the later samples are the future, not
        // hidden.
        '  - name: steps',
        '    availabilityDelay: 0s',
        '    series: { $PendingTasks: "1x30" }',
        '    steps: [{ at: 2026-01-05T13:00:00Z, expect: { $TargetDedicatedNodes: 5 } }, { at: +10m }]',
      ].join('\n'),
    );
    for (const name of ['unread', 'no delay', 'steps']) {
      expect(r[name]?.passed, name).toBe(false);
      expect(notes(r[name])?.flat(), name).toEqual([]);
    }
  });
});

describe('running a file', () => {
  it('--run selects tests by name, and the formula is compiled once and evaluated per step', () => {
    const file = loadOk(
      'formula_text: "$TargetDedicatedNodes = 1;"\ndefaults: { at: 2026-01-05T10:00:00Z }\ntests:\n  - { name: alpha one }\n  - { name: beta }\n  - { name: alpha two, steps: [{ at: 2026-01-05T10:00:00Z }, { at: +1m }] }\n',
    );
    const evaluate = vi.spyOn(file.formula.compiled, 'evaluate');
    const seen: string[] = [];
    const outcome = runTestFile(file, { filter: /^alpha/, onTest: (t) => seen.push(t.test.name) });
    expect(outcome.tests.map((t) => t.test.name)).toEqual(['alpha one', 'alpha two']);
    expect(seen).toEqual(['alpha one', 'alpha two']);
    expect(evaluate).toHaveBeenCalledTimes(3);
    expect(evaluate.mock.calls.every(([, options]) => options?.trace === false)).toBe(true);
  });

  it('checkStep on a result computed elsewhere', () => {
    const file = loadOk(
      'formula_text: "$TargetDedicatedNodes = 4;"\ntests: [{ name: t, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 5 } }]',
    );
    const step = file.tests[0]?.steps[0];
    if (step === undefined) throw new Error('no step');
    const result = compileFormula('$TargetDedicatedNodes = 4;').evaluate(makeContext({ now: step.at }));
    expect(checkStep(step, result)).toEqual([{ variable: '$TargetDedicatedNodes', expected: '5', got: '4' }]);
  });
});
