// End-to-end tests of `autoscale eval`: every format and exit code, context files, --at, --seed,
// stdin, and formulas the checker rejects or that do not parse. Runs the real command.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTEXT, headers, REPO_ROOT, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const DEFAULT_3 = '$TargetDedicatedNodes=3;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue';
const UNDEFINED_SYMBOL = {
  code: 'AutoScalingFormulaEvaluationError',
  message: 'The specified auto-scaling formula has evaluation error',
  values: [{ name: 'Message', value: 'Line 1, Col 1: Undefined symbol: something_useless' }],
};

describe('autoscale eval', () => {
  const three = tmp.file('three.autoscale', '$TargetDedicatedNodes = 3;');
  const useless = tmp.file('useless.autoscale', 'something_useless');
  const ctx = tmp.file('ctx.json', CONTEXT);
  const pending = tmp.file(
    'pending.autoscale',
    readFileSync(join(REPO_ROOT, 'examples/formulas/pending-tasks.autoscale'), 'utf8'),
  );

  it('prints the results string with a default context', () => {
    expect(tmp.run(['eval', three])).toEqual({ code: 0, stdout: `${DEFAULT_3}\n`, stderr: '' });
  });

  it('--format json prints the AutoScaleRun shape on success', () => {
    const r = tmp.run(['eval', three, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ results: DEFAULT_3, error: null });
  });

  it('--format text prints targets, applied node counts and variables', () => {
    const name = tmp.file('text.autoscale', 'a = 2.5;\n$TargetDedicatedNodes = a;\n$TargetLowPriorityNodes = -1;');
    const r = tmp.run(['eval', name, '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'targets:',
        '  $TargetDedicatedNodes   = 2.5',
        '  $TargetLowPriorityNodes = -1',
        '  $NodeDeallocationOption = requeue',
        'applied: 2 dedicated, 0 low-priority nodes (deallocation: requeue)',
        'variables:',
        '  a = 2.5',
        '',
      ].join('\n'),
    );
  });

  it('an evaluation error: results string on stdout, the error on stderr; exit 1 (json and text too)', () => {
    const results = tmp.run(['eval', useless]);
    expect(results.code).toBe(1);
    expect(results.stdout).toBe('$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue\n');
    expect(results.stderr).toContain(
      'AutoScalingFormulaEvaluationError: Line 1, Col 1: Undefined symbol: something_useless\n',
    );
    const json = tmp.run(['eval', useless, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      results: '$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue',
      error: UNDEFINED_SYMBOL,
    });
    const text = tmp.run(['eval', useless, '--format', 'text']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('error: AutoScalingFormulaEvaluationError');
    expect(text.stdout).toContain('Line 1, Col 1: Undefined symbol: something_useless');
  });

  it('prints the checker errors on stderr and still evaluates a formula the checker rejects', () => {
    const text = 'x = time() + 1;\n$TargetDedicatedNodes = 3;\n';
    const name = tmp.file('rejected.autoscale', text);
    const errors = headers(name, text).filter((h) => h.includes(' error '));
    expect(errors).toHaveLength(1);
    const r = tmp.run(['eval', name, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${errors[0]}\n  1 | x = time() + 1;\n    |            ^\n`);
    const out = JSON.parse(r.stdout) as { results: string; error: { code: string; values: Array<{ value: string }> } };
    expect(out.results).toBe('$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue');
    expect(out.error.code).toBe('AutoScalingFormulaEvaluationError');
    expect(out.error.values[0]?.value).toMatch(/^Line 1, Col 12: Type mismatch/);
  });

  it('a formula that does not parse: the AutoScalingFormulaSyntaxError output, diagnostics on stderr, exit 2', () => {
    const name = tmp.file('noparse.autoscale', '$TargetDedicatedNodes = (;');
    const r = tmp.run(['eval', name, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^noparse\.autoscale:1:26 error AS1001 /);
    expect(JSON.parse(r.stdout)).toEqual({
      results: '$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue',
      error: {
        code: 'AutoScalingFormulaSyntaxError',
        message: 'The specified auto-scaling formula has a syntax error.',
        values: [{ name: 'Message', value: expect.stringMatching(/^Line 1, Col 26: /) as unknown as string }],
      },
    });
    const results = tmp.run(['eval', name]);
    expect(results.code).toBe(2);
    expect(results.stdout).toBe('$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue\n');
    expect(results.stderr).toMatch(/\nAutoScalingFormulaSyntaxError: Line 1, Col 26: /);
  });

  it('uses a context file: its pool, metrics and instant', () => {
    const r = tmp.run(['eval', pending, '--context', ctx]);
    expect(r).toEqual({
      code: 0,
      stdout:
        '$TargetDedicatedNodes=25;$TargetLowPriorityNodes=0;$NodeDeallocationOption=taskcompletion;maxNumberOfVMs=25;pendingTaskSamplePercent=83.3333;pendingTaskSamples=41;startingNumberOfVMs=1\n',
      stderr: '',
    });
  });

  it('without metrics the pending-tasks guard holds the starting size', () => {
    const r = tmp.run(['eval', pending]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('$TargetDedicatedNodes=1;')).toBe(true);
  });

  it('starts from the pool in the context: an error keeps its targets', () => {
    const r = tmp.run(['eval', useless, '-c', ctx]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      '$TargetDedicatedNodes=4;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue',
    );
  });

  it('--at sets the instant, with or without a context file (and wins over the file)', () => {
    const name = tmp.file('hour.autoscale', '$TargetDedicatedNodes = time().hour;');
    expect(tmp.run(['eval', name, '--at', '2026-01-05T07:15:00Z']).stdout).toBe(
      '$TargetDedicatedNodes=7;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue\n',
    );
    expect(tmp.run(['eval', name, '--at', '2026-01-05T07:15:00+02:00']).stdout).toBe(
      '$TargetDedicatedNodes=5;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue\n',
    );
    expect(tmp.run(['eval', name, '-c', ctx]).stdout.startsWith('$TargetDedicatedNodes=10;')).toBe(true);
    expect(
      tmp.run(['eval', name, '-c', ctx, '--at', '2026-01-05T13:00:00Z']).stdout.startsWith('$TargetDedicatedNodes=13;'),
    ).toBe(true);
  });

  it('--seed makes rand() repeatable and overrides the context file', () => {
    const name = tmp.file('rand.autoscale', 'x = rand();\n$TargetDedicatedNodes = 1;');
    const a = tmp.run(['eval', name, '--seed', '3']).stdout;
    expect(tmp.run(['eval', name, '--seed', '3']).stdout).toBe(a);
    expect(tmp.run(['eval', name, '--seed', '4']).stdout).not.toBe(a);
    expect(tmp.run(['eval', name, '-c', ctx, '--seed', '3']).stdout).toBe(a);
    expect(tmp.run(['eval', name, '-c', ctx]).stdout).toBe(tmp.run(['eval', name, '--seed', '1']).stdout);
  });

  it('reads the formula from stdin', () => {
    expect(tmp.run(['eval', '-'], '$TargetDedicatedNodes = 3;')).toEqual({
      code: 0,
      stdout: `${DEFAULT_3}\n`,
      stderr: '',
    });
    const r = tmp.run(['eval', '-', '--format', 'json'], 'something_useless');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: UNDEFINED_SYMBOL });
  });

  it('reads the context from stdin, but not both', () => {
    expect(tmp.run(['eval', three, '--context', '-'], CONTEXT)).toEqual({
      code: 0,
      stdout: `${DEFAULT_3}\n`,
      stderr: '',
    });
    const both = tmp.run(['eval', '-', '--context', '-'], CONTEXT);
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
    expect(both.stderr).toContain('stdin');
  });

  it('a bad context file: every error on stderr with the file name, nothing on stdout, exit 2', () => {
    const badCtx = tmp.file(
      'bad-ctx.json',
      '{"now": 5,\n "pool": {"currentDedicatedNodes": -1},\n "metrics": {"$PendingTask": {"values": "1 2"}}}',
    );
    const r = tmp.run(['eval', three, '--context', badCtx]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^bad-ctx\.json:1:9: now: /);
    expect(lines[1]).toMatch(/^bad-ctx\.json:2:\d+: pool\.currentDedicatedNodes: /);
    expect(lines[2]).toMatch(/^bad-ctx\.json:3:\d+: .*"\$PendingTasks"/);
  });

  it('a context file that is not JSON', () => {
    const r = tmp.run(['eval', three, '-c', tmp.file('notjson.json', '{"now": ')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^notjson\.json:1:\d+: /);
  });

  it('a missing formula or context file', () => {
    expect(tmp.run(['eval', 'missing.autoscale'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'autoscale: cannot read missing.autoscale: no such file or directory\n',
    });
    expect(tmp.run(['eval', three, '-c', 'missing.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'autoscale: cannot read missing.json: no such file or directory\n',
    });
  });
});
