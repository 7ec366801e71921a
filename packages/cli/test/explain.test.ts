// End-to-end tests of `autoscale explain`: the per-statement trace, branches, stop(), statements
// not run, failures and syntax errors. Runs the real command.

import { afterAll, describe, expect, it } from 'vitest';
import { CONTEXT, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

describe('autoscale explain', () => {
  it('prints one line per statement with branches, stop() and statements not run', () => {
    const name = tmp.file(
      'explain.autoscale',
      'a = 1 > 0 ? 2 : 3;\nb = a < 1 ? 5 : (a > 1 ? 7 : 8);\n$TargetDedicatedNodes = a;\nstop();\nc = 2;\n',
    );
    expect(tmp.run(['explain', name])).toEqual({
      code: 0,
      stdout: [
        'L1  a = 2  (? at 1:11 took then, condition=1)',
        'L2  b = 7  (? at 2:11 took else, condition=0)  (? at 2:24 took then, condition=1)',
        'L3  $TargetDedicatedNodes = 2',
        'L4  stop()  stopped: stop() ends the evaluation here',
        'L5  c  not run',
        'results: $TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;a=2;b=7',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('shows the failing statement, marks the rest not run, ends with the error; exit 1', () => {
    const name = tmp.file('explain-fail.autoscale', 'a = 2;\nb = something_useless;\n$TargetDedicatedNodes = 3;\n');
    const r = tmp.run(['explain', name]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^explain-fail\.autoscale:2:5 error AS2001 /);
    expect(r.stdout).toBe(
      [
        'L1  a = 2',
        'L2  b  failed: Line 2, Col 5: Undefined symbol: something_useless',
        'L3  $TargetDedicatedNodes  not run',
        'error: AutoScalingFormulaEvaluationError: Line 2, Col 5: Undefined symbol: something_useless',
        '',
      ].join('\n'),
    );
  });

  it('uses the context file and reads stdin', () => {
    const ctx = tmp.file('explain-ctx.json', CONTEXT);
    const r = tmp.run(
      ['explain', '-', '--context', ctx, '--at', '2026-01-05T10:00:00Z'],
      'x = $CurrentDedicatedNodes;\n$TargetDedicatedNodes = x + 1;',
    );
    expect(r).toEqual({
      code: 0,
      stdout:
        'L1  x = 4\nL2  $TargetDedicatedNodes = 5\nresults: $TargetDedicatedNodes=5;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;x=4\n',
      stderr: '',
    });
  });

  it('a formula that does not parse: exit 2 and the syntax error', () => {
    const r = tmp.run(['explain', '-'], '$TargetDedicatedNodes = (;');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^error: AutoScalingFormulaSyntaxError: Line 1, Col 26: /);
  });

  it('a missing file', () => {
    expect(tmp.run(['explain', 'nope'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'autoscale: cannot read nope: no such file or directory\n',
    });
  });
});
