// A test file whose `formula:` names a pool's formula inside a host file (`infra/main.bicep#render`,
// an ARM template, Terraform): the formula is tested as any other, named FILE#NAME in reports;
// a syntax error in it points at the host file's line and column; what cannot be tested (no such
// pool, several pools and none named, an interpolation without a value) is a load error; `vars:`
// gives placeholders their values, and a name there that fills none is a load error too.

import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from './support.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const pool = (name: string, formula: string) =>
  `resource ${name} 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {\n` +
  `  properties: { scaleSettings: { autoScale: {\n    formula: '''\n${formula}\n'''\n  } } }\n}\n`;

tmp.file(
  'infra/main.bicep',
  pool('render', '$TargetDedicatedNodes = time().hour < 12 ? 4 : 1;') +
    pool('broken', '$TargetDedicatedNodes = (1;') +
    "resource tagged 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {\n" +
    `  properties: { scaleSettings: { autoScale: { formula: '$TargetDedicatedNodes = \${maxNodes};' } } }\n}\n`,
);
tmp.file(
  'infra/single.tf',
  'resource "azurerm_batch_pool" "only" {\n  auto_scale {\n    formula = "$TargetDedicatedNodes = 2;"\n  }\n}\n',
);

const test = (formula: string, expected: number) =>
  `formula: ${formula}\ntests:\n  - { name: morning, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: ${expected} } }\n`;

describe('formula unit tests of a formula inside a host file', () => {
  it('test the pool FILE#NAME picks, and the only pool of a file without a name', () => {
    tmp.file('tests/render.autoscale-test.yaml', test('../infra/main.bicep#render', 4));
    tmp.file('tests/single.autoscale-test.yaml', test('../infra/single.tf', 2));
    const r = cli(['test', 'tests/render.autoscale-test.yaml', 'tests/single.autoscale-test.yaml'], tmp.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
  });

  it('report a syntax error at the host line and column, and what cannot be tested, as load errors', () => {
    tmp.file('bad/syntax.autoscale-test.yaml', test('../infra/main.bicep#broken', 1));
    tmp.file('bad/unknown.autoscale-test.yaml', test('../infra/main.bicep#gpu', 1));
    tmp.file('bad/unnamed.autoscale-test.yaml', test('../infra/main.bicep', 1));
    tmp.file('bad/placeholder.autoscale-test.yaml', test('../infra/main.bicep#tagged', 1));
    const r = cli(['test', 'bad'], tmp.dir);
    expect(r.code).toBe(2);
    const out = r.stdout + r.stderr;
    // `(1;` at the 28th column of line 11 of main.bicep: the second pool's formula.
    expect(out).toMatch(/the formula does not parse: infra\/main\.bicep:11:\d+: AS1001 /);
    expect(out).toContain('infra/main.bicep has no formula named "gpu"; it has #render, #broken, #tagged');
    expect(out).toContain('infra/main.bicep holds 3 formulas; name one as infra/main.bicep#NAME');
    expect(out).toContain(
      'the formula of infra/main.bicep#tagged uses maxNodes, which has no value here: give it one under vars (vars: { maxNodes: 10 })',
    );
  });

  it('fill placeholders from vars: the test sees the value given', () => {
    tmp.file('vars/tagged.autoscale-test.yaml', `vars: { maxNodes: 7 }\n${test('../infra/main.bicep#tagged', 7)}`);
    tmp.file('vars/wrong.autoscale-test.yaml', `vars: { maxNodes: 7 }\n${test('../infra/main.bicep#tagged', 8)}`);
    const ok = cli(['test', 'vars/tagged.autoscale-test.yaml'], tmp.dir);
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(ok.code).toBe(0);
    const wrong = cli(['test', 'vars/wrong.autoscale-test.yaml'], tmp.dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/\$TargetDedicatedNodes: expected 8, got 7/);
  });

  it('refuse vars that fill nothing: a misspelt name, or a formula not in a host file', () => {
    tmp.file('vars-bad/typo.autoscale-test.yaml', `vars: { maxNode: 7 }\n${test('../infra/main.bicep#tagged', 7)}`);
    tmp.file('vars-bad/plain.autoscale-test.yaml', `vars: { x: 1 }\n${test('../infra/single.tf', 2)}`);
    tmp.file(
      'vars-bad/inline.autoscale-test.yaml',
      'vars: { x: 1 }\nformula_text: "$TargetDedicatedNodes = 2;"\ntests:\n  - { name: t, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 2 } }\n',
    );
    tmp.file('vars-bad/not-a-map.autoscale-test.yaml', `vars: [1]\n${test('../infra/main.bicep#tagged', 7)}`);
    const r = cli(['test', 'vars-bad'], tmp.dir);
    expect(r.code).toBe(2);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(
      /typo\.autoscale-test\.yaml:1:\d+: .*"maxNode" fills no placeholder of infra\/main\.bicep#tagged; it uses maxNodes/,
    );
    expect(out).toContain('"x" fills no placeholder of infra/single.tf#only; it has none');
    expect(out).toMatch(
      /inline\.autoscale-test\.yaml:1:1: .*vars gives values to the placeholders of a formula in an ARM, Bicep or Terraform file/,
    );
    expect(out).toMatch(
      /not-a-map\.autoscale-test\.yaml:1:\d+: .*expected values for the formula's placeholders, by name \(a map\)/,
    );
  });
});
