// `autoscale check --format sarif|github` and colour, as a spawned process: the SARIF log validates
// against the SARIF 2.1.0 JSON schema (the one Microsoft's SARIF SDK ships), its regions are
// 1-based and point where the text output points; GitHub workflow commands escape what their
// syntax needs; colour follows the terminal, NO_COLOR and FORCE_COLOR.

import { DIAGNOSTIC_CODES } from '@autoscale/core';
import { afterAll, describe, expect, it } from 'vitest';
import { run, TempDir } from './run-cli.ts';
import { sarifValidator } from './sarif-schema.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const badText = 'a = 1;\n$TargetDedicatedNodes = foo;\nx = $CPUPercent > 0.5;\n';

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string } }> } };
    results: SarifResult[];
  }>;
}

describe('autoscale check --format sarif', () => {
  const file = tmp.file('bad.autoscale', badText);
  const r = tmp.run(['check', '--format', 'sarif', file]);
  const log = JSON.parse(r.stdout) as SarifLog;

  it('is a SARIF 2.1.0 log that the SARIF schema accepts', () => {
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema does reject what is not SARIF: a wrong version, a result without a message.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const [run0] = log.runs;
    const withoutMessage = { ...run0, results: run0?.results.map(({ message: _, ...rest }) => rest) };
    expect(validate({ ...log, runs: [withoutMessage] })).toBe(false);
    // Exit codes are the text format's.
    expect(r.code).toBe(1);
  });

  it('has every registry code as a rule with help, and one result per diagnostic with a 1-based region', () => {
    const [run0] = log.runs;
    expect(run0?.tool.driver.name).toBe('autoscale');
    expect(run0?.tool.driver.rules.map((rule) => rule.id)).toEqual(Object.keys(DIAGNOSTIC_CODES));
    expect(run0?.tool.driver.rules.find((rule) => rule.id === 'AS2001')?.help.text).toContain('Undefined symbol');
    const results = run0?.results ?? [];
    expect(results.map((res) => [res.ruleId, res.level])).toEqual([
      ['AS2001', 'error'],
      ['AS4010', 'warning'],
      ['AS4004', 'warning'],
    ]);
    // The text output puts AS2001 at bad.autoscale:2:25 over `foo`.
    expect(results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'bad.autoscale' },
      region: { startLine: 2, startColumn: 25, endLine: 2, endColumn: 28 },
    });
    expect(tmp.run(['check', file]).stdout).toContain('bad.autoscale:2:25 error AS2001 ');
  });

  it('is an empty run for a clean file, still valid', () => {
    const clean = tmp.file('clean.autoscale', '$TargetDedicatedNodes = 1;\n');
    const cleanLog = JSON.parse(tmp.run(['check', '--format', 'sarif', clean]).stdout) as SarifLog;
    expect(cleanLog.runs[0]?.results).toEqual([]);
  });
});

describe('autoscale check --format github', () => {
  it('prints one workflow command per diagnostic with 1-based positions', () => {
    const file = tmp.file('gh.autoscale', badText);
    const r = tmp.run(['check', '--format', 'github', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      '::error file=gh.autoscale,line=2,col=25,endLine=2,endColumn=28,title=AS2001::AS2001 Undefined symbol: foo. It is not a service variable, and no statement before this one assigns it.',
    );
    expect(r.stdout.match(/^::(error|warning) /gm)).toEqual(['::error ', '::warning ', '::warning ']);
  });

  it('escapes the characters of the command syntax in file names', () => {
    const file = tmp.file('a,b:c%d.autoscale', 'x = foo;\n');
    const r = tmp.run(['check', '--format', 'github', file]);
    expect(r.stdout).toContain('::error file=a%2Cb%3Ac%25d.autoscale,line=1,col=5,');
  });
});

describe('colour', () => {
  const file = tmp.file('colour.autoscale', 'x = foo;\n');
  const ESC = '\x1b[';

  it('is off when piped, and on with FORCE_COLOR; NO_COLOR alone keeps it off', () => {
    const base = { NO_COLOR: undefined, FORCE_COLOR: undefined };
    const piped = run(['check', file], { cwd: tmp.dir, env: base });
    expect(piped.stdout).not.toContain(ESC);
    const forced = run(['check', file], { cwd: tmp.dir, env: { ...base, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}1;31merror${ESC}0m AS2001`);
    const noColour = run(['check', file], { cwd: tmp.dir, env: { ...base, NO_COLOR: '1' } });
    expect(noColour.stdout).not.toContain(ESC);
    const forcedOff = run(['check', file], { cwd: tmp.dir, env: { ...base, FORCE_COLOR: '0' } });
    expect(forcedOff.stdout).not.toContain(ESC);
  });
});
