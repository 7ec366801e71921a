// `autoscale check --watch` and `autoscale test --watch` as a spawned process: the first report,
// then a new report after each edit (an error introduced, then fixed), new files in a searched
// directory or matching a glob pattern, a named file deleted and brought back, a bad
// autoscale.config.json reported without ending the watch; the watch's own lines on stderr only;
// Ctrl+C (SIGINT) and SIGTERM end it with exit code 0 and no stack trace. Refused: SARIF, JUnit on stdout, stdin. Every wait has a time
// limit that fails with what the command printed, and every child is killed after its test.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TempDir } from './run-cli.ts';
import { WatchProcess } from './watch-process.ts';

const started: WatchProcess[] = [];
afterEach(() => {
  for (const p of started.splice(0)) p.kill();
});
const temps: TempDir[] = [];
afterAll(() => {
  for (const t of temps) t.remove();
});

function project(): { dir: string; write(name: string, text: string): void; remove(name: string): void } {
  const tmp = new TempDir();
  temps.push(tmp);
  return {
    dir: tmp.dir,
    write: (name, text) => {
      mkdirSync(dirname(tmp.path(name)), { recursive: true });
      writeFileSync(tmp.path(name), text);
    },
    remove: (name) => rmSync(tmp.path(name), { force: true }),
  };
}

function watch(args: string[], cwd: string): WatchProcess {
  const p = new WatchProcess(args, cwd);
  started.push(p);
  return p;
}

const CLEAN = '$TargetDedicatedNodes = 1;\n';
const BROKEN = '$TargetDedicatedNodes = foo;\n';
/** The watch's own lines: a run's header and the line after each run. */
const WATCH_LINE = /^\[\d\d:\d\d:\d\d\] (\d+ files? changed: .+|watching \d+ files?; press Ctrl\+C to stop)$/;
const STACK_FRAME = /^\s+at /m;

describe('autoscale check --watch', () => {
  it('reports again after each edit: an error introduced, then fixed; Ctrl+C ends it with 0', async () => {
    const p0 = project();
    p0.write('pool.autoscale', CLEAN);
    const p = watch(['check', '--watch'], p0.dir);
    await p.waitFor('the first report', () => p.runs === 1);
    expect(p.stdout).toBe('0 errors, 0 warnings in 1 file\n');

    const broken = await p.afterChange('the error', () => p0.write('pool.autoscale', BROKEN), /1 error/);
    expect(broken.stdout).toMatch(/^pool\.autoscale:1:25 error AS2001 Undefined symbol: foo\./m);
    expect(broken.stdout).toContain('1 error, 0 warnings in 1 file\n');
    expect(broken.stderr).toMatch(/^\[\d\d:\d\d:\d\d\] 1 file changed: pool\.autoscale$/m);

    const fixed = await p.afterChange('the fix', () => p0.write('pool.autoscale', CLEAN), /0 errors/);
    expect(fixed.stdout).toBe('0 errors, 0 warnings in 1 file\n');

    const exit = await p.stop('SIGINT');
    expect(exit).toEqual({ code: 0, signal: null });
    // stdout carries the reports alone; stderr the watch's lines, and no stack trace.
    expect(p.stdout).not.toMatch(/watching|changed/);
    for (const line of p.stderr.trimEnd().split('\n')) expect(line).toMatch(WATCH_LINE);
  }, 60_000);

  it('picks up new files in a searched directory and a new folder; a bad config is reported and the watch goes on', async () => {
    const p0 = project();
    p0.write('infra/pool.autoscale', CLEAN);
    const p = watch(['check', 'infra', '--watch'], p0.dir);
    await p.waitFor('the first report', () => p.runs === 1);

    const added = await p.afterChange(
      'the new file in a new folder',
      () => {
        p0.write('infra/more/extra.autoscale', 'x = bar;\n$TargetDedicatedNodes = 1;\n');
      },
      /in 2 files/,
    );
    expect(added.stdout).toMatch(/^infra\/more\/extra\.autoscale:1:5 error AS2001 /m);
    // A file the search does not take changes nothing.
    p0.write('infra/notes.txt', 'not a formula');

    const badConfig = await p.afterChange(
      'the bad config reported',
      () => p0.write('autoscale.config.json', '{\n  "lint": { "disabled": ["AS9999"] }\n}\n'),
      /^/,
    );
    expect(badConfig.stderr).toContain(
      'autoscale: autoscale.config.json:2:26: lint.disabled[0]: AS9999 is not a diagnostic code\n',
    );
    expect(badConfig.stderr).toMatch(/watching \d+ files; press Ctrl\+C to stop\n$/);

    // The config fixed: its exclude applies at once, to the file found in the new folder.
    const goodConfig = await p.afterChange(
      'the config fixed',
      () => p0.write('autoscale.config.json', '{ "exclude": ["infra/more/**"] }\n'),
      /in 1 file/,
    );
    expect(goodConfig.stdout).toBe('0 errors, 0 warnings in 1 file\n');

    expect(await p.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(p.stderr).not.toMatch(STACK_FRAME);
    expect(p.stderr).not.toContain('notes.txt');
  }, 60_000);

  it('picks up a new file a glob pattern matches', async () => {
    const p0 = project();
    const bicep = (formula: string) =>
      `resource render 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {\n` +
      `  properties: { scaleSettings: { autoScale: { formula: '${formula}' } } }\n}\n`;
    p0.write('infra/main.bicep', bicep('$TargetDedicatedNodes = 1;'));
    const p = watch(['check', 'infra/**/*.bicep', '--watch'], p0.dir);
    await p.waitFor('the first report', () => p.runs === 1);
    expect(p.stdout).toBe('0 errors, 0 warnings in 1 file\n');
    const added = await p.afterChange(
      'the new Bicep file',
      () => p0.write('infra/pools/gpu.bicep', bicep('$TargetDedicatedNodes = gpus;')),
      /in 2 files/,
    );
    expect(added.stdout).toMatch(/^infra\/pools\/gpu\.bicep:2:\d+ error AS2001 Undefined symbol: gpus\./m);
    expect(await p.stop('SIGINT')).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('keeps watching a named file that is deleted, and checks it again when it comes back', async () => {
    const p0 = project();
    p0.write('pool.autoscale', CLEAN);
    const p = watch(['check', 'pool.autoscale', '--format', 'json', '--watch'], p0.dir);
    await p.waitFor('the first report', () => p.runs === 1);
    expect(JSON.parse(p.stdout)).toEqual([]);

    const gone = await p.afterChange('the deletion', () => p0.remove('pool.autoscale'), /\[\]/);
    expect(gone.stderr).toMatch(/^autoscale: cannot read pool\.autoscale: /m);

    const back = await p.afterChange('the file back', () => p0.write('pool.autoscale', BROKEN), /AS2001/);
    expect(JSON.parse(back.stdout)).toMatchObject([{ file: 'pool.autoscale', code: 'AS2001' }]);
    expect(await p.stop('SIGINT')).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe('autoscale test --watch', () => {
  const TEST_FILE =
    'formula: ../formulas/pool.autoscale\ntests:\n  - { name: one node, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 1 } }\n';

  it('runs again when the formula under test changes: failing, not parsing, fixed; and for a new test file', async () => {
    const p0 = project();
    p0.write('formulas/pool.autoscale', CLEAN);
    p0.write('tests/pool.autoscale-test.yaml', TEST_FILE);
    const p = watch(['test', 'tests', '--watch'], p0.dir);
    await p.waitFor('the first report', () => p.runs === 1);
    expect(p.stdout).toContain('  ✓ one node\n');
    expect(p.stdout).toMatch(/1 passed, 0 failed\n$/);

    const failing = await p.afterChange(
      'the failure',
      () => p0.write('formulas/pool.autoscale', '$TargetDedicatedNodes = 3;\n'),
      /0 passed, 1 failed/,
    );
    expect(failing.stdout).toContain('$TargetDedicatedNodes: expected 1, got 3');
    expect(failing.stderr).toMatch(/^\[\d\d:\d\d:\d\d\] 1 file changed: formulas\/pool\.autoscale$/m);

    const unparsable = await p.afterChange(
      'the load error',
      () => p0.write('formulas/pool.autoscale', '$TargetDedicatedNodes = (;\n'),
      /1 file could not be loaded/,
    );
    expect(unparsable.stderr).toContain('formula: the formula does not parse: formulas/pool.autoscale:1:26: AS1001');

    const fixed = await p.afterChange('the fix', () => p0.write('formulas/pool.autoscale', CLEAN), /1 passed/);
    expect(fixed.stdout).toMatch(/1 passed, 0 failed\n$/);

    const added = await p.afterChange(
      'the new test file',
      () => p0.write('tests/more/second.autoscale-test.yaml', TEST_FILE.replace('../', '../../')),
      /2 passed/,
    );
    expect(added.stdout).toContain('tests/more/second.autoscale-test.yaml');

    expect(await p.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(p.stderr).not.toMatch(STACK_FRAME);
  }, 60_000);

  it('stops on Ctrl+C with exit 0 even when the last run failed', async () => {
    const p0 = project();
    p0.write('formulas/pool.autoscale', '$TargetDedicatedNodes = 2;\n');
    p0.write('tests/pool.autoscale-test.yaml', TEST_FILE);
    const p = watch(['test', '--watch', '--format', 'github'], p0.dir);
    await p.waitFor('the first report', () => p.runs === 1);
    expect(p.stdout).toMatch(/^::error file=tests\/pool\.autoscale-test\.yaml,line=3,col=5,title=wrong-value::/);
    expect(await p.stop('SIGINT')).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe('--watch refuses what cannot be watched', () => {
  const p0 = project();
  p0.write('pool.autoscale', CLEAN);

  it.each([
    [['check', '--watch', '--format', 'sarif'], 'autoscale check: --watch cannot print --format sarif'],
    [['check', '--watch', '-'], 'autoscale check: --watch cannot watch stdin'],
    [['test', '--watch', '--format', 'sarif'], 'autoscale test: --watch cannot print --format sarif'],
    [['test', '--watch', '--reporter', 'junit'], 'autoscale test: --watch cannot print --format junit'],
  ])('%j exits 2 at once, saying why', async (args, message) => {
    const p = watch(args, p0.dir);
    const exit = await p.exited;
    expect(exit.code).toBe(2);
    expect(p.stderr.startsWith(message)).toBe(true);
    expect(p.stdout).toBe('');
  });
});
