// End-to-end tests of the `autoscale` program and `check`, and of the repository's demo (what
// `npm start` runs), each run as a real child process
// against temporary files. Expected diagnostics are built from core's own analysis so these
// tests pin the CLI's output format, not the checker's wording.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFormula } from '@autoscale/core';
import { headers, REPO_ROOT, run, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

describe('autoscale (program)', () => {
  it('--version prints the package version', () => {
    const version = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
    ).version;
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the commands, the exit codes and an example', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const word of [
      'check',
      'fmt',
      'eval',
      'explain',
      'test',
      'replay',
      'lsp',
      'playground',
      'Exit codes',
      'Example',
    ])
      expect(r.stdout).toContain(word);
    // The demo reads the repository's examples: it is `npm start`, not a command users install.
    expect(r.stdout).not.toContain('demo');
  });

  it.each(['check', 'fmt', 'eval', 'explain', 'test', 'replay', 'lsp', 'playground'])(
    '%s --help explains options, exit codes and gives an example',
    (command) => {
      const r = run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: autoscale ${command}`);
      expect(r.stdout).toContain('Exit codes:');
      expect(r.stdout).toMatch(/^Examples?\b/m);
      expect(r.stdout).toContain(`autoscale ${command}`);
    },
  );

  it('help COMMAND shows the command help', () => {
    const r = run(['help', 'eval']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--context');
  });

  it('exits 2 on bad usage: no command, unknown command, unknown option, missing argument, bad choice', () => {
    for (const args of [
      [],
      ['bogus'],
      ['check', '--nope', 'x'],
      ['eval'],
      ['eval', 'x', '--format', 'xml'],
      ['eval', 'x', '--seed', '1.5'],
      ['eval', 'x', '--at', 'yesterday'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });
});

describe('autoscale check', () => {
  const clean = tmp.file('clean.autoscale', '$TargetDedicatedNodes = 3;\n');
  const warnOnly = tmp.file('warn.autoscale', 'x = 1;\n');
  const badText = 'a = 1;\n$TargetDedicatedNodes = foo;\n';
  const bad = tmp.file('bad.autoscale', badText);

  it('prints only the summary for a clean file and exits 0', () => {
    expect(tmp.run(['check', clean])).toEqual({ code: 0, stdout: '0 errors, 0 warnings in 1 file\n', stderr: '' });
  });

  it('exits 0 when there are only warnings', () => {
    const r = tmp.run(['check', warnOnly]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${headers(warnOnly, 'x = 1;\n')[0]}\n`);
    expect(r.stdout.endsWith('0 errors, 1 warning in 1 file\n')).toBe(true);
  });

  it('prints file:line:col severity code message, a code frame, and a summary; exits 1 on an error', () => {
    const [header] = headers(bad, badText);
    expect(header).toMatch(/^bad\.autoscale:2:25 error AS2001 /);
    const r = tmp.run(['check', bad]);
    expect(r).toEqual({
      code: 1,
      stdout: `${header}\n  2 | $TargetDedicatedNodes = foo;\n    |                         ^~~\n1 error, 0 warnings in 1 file\n`,
      stderr: '',
    });
  });

  it('checks several files and counts them in the summary', () => {
    const r = tmp.run(['check', clean, warnOnly, bad]);
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('1 error, 1 warning in 3 files\n')).toBe(true);
  });

  it('--format json prints LSP-style 0-based ranges', () => {
    const r = tmp.run(['check', '--format', 'json', bad, clean]);
    expect(r.code).toBe(1);
    const a = analyzeFormula(badText);
    const d = a.diagnostics[0];
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: bad,
        code: 'AS2001',
        severity: 'error',
        message: d?.message,
        range: { start: { line: 1, character: 24 }, end: { line: 1, character: 27 } },
      },
    ]);
  });

  it('--format json prints [] for a clean file', () => {
    const r = tmp.run(['check', '-f', 'json', clean]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('reads stdin for "-"', () => {
    const r = tmp.run(['check', '-'], badText);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('<stdin>:2:25 error AS2001 ')).toBe(true);
  });

  it('reports a missing file, still checks the others, and exits 2', () => {
    const r = tmp.run(['check', 'missing.autoscale', clean]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('autoscale: cannot read missing.autoscale: no such file or directory\n');
    expect(r.stdout).toBe('0 errors, 0 warnings in 1 file\n');
  });

  it('searches a directory, and says so when it holds no formula', () => {
    const empty = tmp.path('no-formulas');
    mkdirSync(empty);
    const r = run(['check', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `autoscale: ${empty}: no formula or host files (*.autoscale, *.json, *.bicep, *.tf) in this directory\n`,
    );
  });

  it('accepts any file name, including spaces, no extension and a leading dash after --', () => {
    tmp.file('my formula (v2).txt', '$TargetDedicatedNodes = 3;');
    tmp.file('-dash', '$TargetDedicatedNodes = 3;');
    tmp.file('noext', '$TargetDedicatedNodes = 3;');
    expect(tmp.run(['check', 'my formula (v2).txt', 'noext', '--', '-dash']).stdout).toBe(
      '0 errors, 0 warnings in 3 files\n',
    );
  });

  it('underlines a syntax error at the end of the input', () => {
    const name = tmp.file('syntax.autoscale', '$TargetDedicatedNodes = (');
    const r = tmp.run(['check', name]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  1 | $TargetDedicatedNodes = (\n    |                          ^\n');
  });
});

describe('the demo (npm start)', () => {
  it('checks and evaluates every bundled example with its context', () => {
    const examples = readdirSync(join(REPO_ROOT, 'examples/formulas'))
      .filter((n) => n.endsWith('.autoscale'))
      .sort();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const demo = spawnSync(
      process.execPath,
      ['--conditions=autoscale-source', join(REPO_ROOT, 'packages/cli/src/demo.ts')],
      { cwd: tmp.dir, encoding: 'utf8', timeout: 60_000 },
    );
    const r = { code: demo.status, stdout: demo.stdout, stderr: demo.stderr };
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // The evaluations come first; the example week's replay follows after a blank line.
    const lines = (r.stdout.split('\n\n')[0] as string).split('\n');
    expect(lines).toHaveLength(examples.length * 2);
    examples.forEach((name, i) => {
      const base = name.slice(0, -'.autoscale'.length);
      expect(lines[2 * i]).toBe(
        `examples/formulas/${name}: 0 errors, 0 warnings (context examples/contexts/${base}.json)`,
      );
      // The demo agrees with `eval` on the same formula and context.
      const evaluated = run(['eval', `examples/formulas/${name}`, '--context', `examples/contexts/${base}.json`]);
      expect(evaluated.code).toBe(0);
      expect(`${lines[2 * i + 1]}\n`).toBe(`  ${evaluated.stdout}`);
    });
    // Then the example week's replay, open and closed loop, and the HTML report.
    expect(r.stdout).toContain('Replay of examples/recordings/week.csv (pool render-farm), open loop, ');
    expect(r.stdout).toContain('Replay of examples/recordings/week.csv (pool render-farm), closed loop, ');
    expect(r.stdout).toContain('HTML report: examples/out/report.html');
    expect(r.stdout).toContain('Try a formula in the browser: npx autoscale playground');
    const page = readFileSync(join(REPO_ROOT, 'examples/out/report.html'), 'utf8');
    expect(page).toContain(
      'Side by side: business-hours.autoscale, cpu-low-priority.autoscale, pending-tasks.autoscale',
    );
  });
});
