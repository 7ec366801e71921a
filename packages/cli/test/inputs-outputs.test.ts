// Hostile files, as the spawned command meets them: every input has a bound (a formula, a context,
// a test file, stdin, a recording's lines; /dev/zero included) and the message names the file, the
// bound and how to raise it; a test file's formula may not be a device; no output overwrites one of
// the command's own inputs; and an output that is a device is written through, never replaced.

import { mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const FORMULA = '$TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1));\n';
const WEEK = readFileSync(join(REPO_ROOT, 'examples/recordings/week.csv'), 'utf8');
/** The example week's first day: a real recording, small enough for many runs. */
const DAY = WEEK.split('\n').slice(0, 2882).join('\n');
const FORMULA_BOUND =
  'larger than the 64 KiB a formula file may have (the Batch service takes 8,192 characters); set AUTOSCALE_MAX_FORMULA_BYTES (in bytes) to raise the bound';

describe('inputs have bounds', () => {
  it('a formula file over 64 KiB is refused before it is read, and the variable raises the bound', () => {
    tmp.file('huge.autoscale', `// ${'x'.repeat(70_000)}\n${FORMULA}`);
    expect(tmp.run(['check', 'huge.autoscale'])).toEqual({
      code: 2,
      stdout: '0 errors, 0 warnings in 0 files\n',
      stderr: `autoscale: cannot read huge.autoscale: ${FORMULA_BOUND}\n`,
    });
    const raised = run(['check', 'huge.autoscale'], { cwd: tmp.dir, env: { AUTOSCALE_MAX_FORMULA_BYTES: '100000' } });
    // Read now; the service's own limit on a formula's length is the checker's to report.
    expect(raised.code).toBe(1);
    expect(raised.stdout).toContain('AS1009');
  });

  it('/dev/zero as a formula, on stdin, and as a context is cut at its bound', () => {
    expect(tmp.run(['check', '/dev/zero'])).toMatchObject({
      code: 2,
      stderr: `autoscale: cannot read /dev/zero: ${FORMULA_BOUND}\n`,
    });
    expect(tmp.run(['check', '-'], 'x'.repeat(70_000))).toMatchObject({
      code: 2,
      stderr: `autoscale: cannot read <stdin>: ${FORMULA_BOUND}\n`,
    });
    tmp.file('pool.autoscale', FORMULA);
    const context = run(['eval', 'pool.autoscale', '--context', '/dev/zero'], {
      cwd: tmp.dir,
      env: { AUTOSCALE_MAX_CONTEXT_BYTES: String(4 * 1024 * 1024) },
    });
    expect(context).toMatchObject({
      code: 2,
      stderr:
        'autoscale: cannot read /dev/zero: larger than the 4 MiB a context file may have; set AUTOSCALE_MAX_CONTEXT_BYTES (in bytes) to raise the bound\n',
    });
  });

  it('a bound that is not a number of bytes is said so', () => {
    tmp.file('pool.autoscale', FORMULA);
    expect(
      run(['check', 'pool.autoscale'], { cwd: tmp.dir, env: { AUTOSCALE_MAX_FORMULA_BYTES: '64k' } }),
    ).toMatchObject({
      code: 2,
      stderr: 'autoscale: cannot read pool.autoscale: AUTOSCALE_MAX_FORMULA_BYTES=64k is not a whole number of bytes\n',
    });
  });

  it.each([
    ['open loop (streamed)', ['--mode', 'open']],
    ['closed loop (read whole)', ['--mode', 'closed']],
  ])('a recording line over its bound stops the replay at that line: %s', (_, mode) => {
    tmp.file('pool.autoscale', FORMULA);
    const lines = DAY.split('\n');
    lines[5] = `${lines[5]}${','.repeat(300)}`;
    tmp.file('long-line.csv', lines.join('\n'));
    const r = run(['replay', 'pool.autoscale', '--recording', 'long-line.csv', ...mode], {
      cwd: tmp.dir,
      env: { AUTOSCALE_MAX_RECORDING_LINE_BYTES: '200' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'long-line.csv:6: the line is longer than 200 characters, the most a line of a recording may have; set AUTOSCALE_MAX_RECORDING_LINE_BYTES to raise the bound\n',
    );
  });

  it('a test file over its bound, and a test whose formula is a device, are load errors', () => {
    mkdirSync(tmp.path('t'), { recursive: true });
    tmp.file('t/pool.autoscale', FORMULA);
    tmp.file(
      't/device.autoscale-test.yaml',
      'formula: /dev/zero\ntests:\n  - name: never\n    at: 2026-01-05T10:00:00Z\n    expect: { $TargetDedicatedNodes: 0 }\n',
    );
    const device = tmp.run(['test', 't/device.autoscale-test.yaml']);
    expect(device.code).toBe(2);
    expect(device.stderr).toContain(
      't/device.autoscale-test.yaml:1:10: formula: cannot read formula "/dev/zero" (/dev/zero): not a regular file (a device, a pipe or a socket)',
    );
    tmp.file('t/big.autoscale-test.yaml', `# ${'x'.repeat(300)}\nformula: pool.autoscale\ntests: []\n`);
    const big = run(['test', 't/big.autoscale-test.yaml'], {
      cwd: tmp.dir,
      env: { AUTOSCALE_MAX_TEST_FILE_BYTES: '100' },
    });
    expect(big.code).toBe(2);
    expect(big.stderr).toContain(
      't/big.autoscale-test.yaml: cannot read the test file: larger than the 100 bytes a test file may have; set AUTOSCALE_MAX_TEST_FILE_BYTES (in bytes) to raise the bound',
    );
  });
});

describe('outputs never overwrite inputs, and never replace a device', () => {
  it('replay --out naming the recording, its metadata or a formula (also through a link) is refused before anything runs', () => {
    tmp.file('pool.autoscale', FORMULA);
    tmp.file('day.csv', DAY);
    tmp.file('day.meta.json', '{ "taskSlotsPerNode": 2 }\n');
    symlinkSync('pool.autoscale', tmp.path('pool-link.autoscale'));
    for (const [out, input] of [
      ['day.csv', 'day.csv'],
      ['day.meta.json', 'day.meta.json'],
      ['pool-link.autoscale', 'pool.autoscale'],
    ] as const) {
      const r = tmp.run(['replay', 'pool.autoscale', '--recording', 'day.csv', '--out', out]);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: `autoscale replay: --out ${out} is the input ${input}; choose another file for the report (nothing was replayed or written)\n`,
      });
    }
    expect(readFileSync(tmp.path('day.csv'), 'utf8')).toBe(DAY);
    expect(readFileSync(tmp.path('day.meta.json'), 'utf8')).toBe('{ "taskSlotsPerNode": 2 }\n');
    expect(readFileSync(tmp.path('pool.autoscale'), 'utf8')).toBe(FORMULA);
  });

  it('test --junit naming a test file or the formula is refused, even when a test file fails to load', () => {
    mkdirSync(tmp.path('suite'), { recursive: true });
    tmp.file('suite/pool.autoscale', FORMULA);
    const good =
      'formula: pool.autoscale\ntests:\n  - name: empty\n    at: 2026-01-05T10:00:00Z\n    expect: { $TargetDedicatedNodes: 0 }\n';
    tmp.file('suite/a.autoscale-test.yaml', good);
    tmp.file('suite/broken.autoscale-test.yaml', 'formula: [\n');
    const asTestFile = tmp.run(['test', 'suite', '--junit', 'suite/broken.autoscale-test.yaml']);
    expect(asTestFile.code).toBe(2);
    expect(asTestFile.stderr).toContain(
      'autoscale test: the JUnit report suite/broken.autoscale-test.yaml is the input suite/broken.autoscale-test.yaml;',
    );
    expect(readFileSync(tmp.path('suite/broken.autoscale-test.yaml'), 'utf8')).toBe('formula: [\n');
    const asFormula = tmp.run(['test', 'suite/a.autoscale-test.yaml', '--junit', 'suite/pool.autoscale']);
    expect(asFormula.code).toBe(2);
    expect(asFormula.stderr).toContain('autoscale test: the JUnit report suite/pool.autoscale is the input');
    expect(readFileSync(tmp.path('suite/pool.autoscale'), 'utf8')).toBe(FORMULA);
  });

  it('replay --out /dev/null and test --junit /dev/null write through the device, which stays a device', () => {
    tmp.file('pool.autoscale', FORMULA);
    tmp.file('day.csv', DAY);
    const before = statSync('/dev/null');
    expect(
      tmp.run(['replay', 'pool.autoscale', '--recording', 'day.csv', '--out', '/dev/null', '--format', 'json']).code,
    ).not.toBe(2);
    mkdirSync(tmp.path('ok'), { recursive: true });
    tmp.file('ok/pool.autoscale', FORMULA);
    tmp.file(
      'ok/a.autoscale-test.yaml',
      'formula: pool.autoscale\ntests:\n  - name: empty\n    at: 2026-01-05T10:00:00Z\n    expect: { $TargetDedicatedNodes: 0 }\n',
    );
    expect(tmp.run(['test', 'ok', '--junit', '/dev/null']).code).toBe(0);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
  });
});
