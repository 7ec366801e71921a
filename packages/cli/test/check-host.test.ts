// `autoscale check` on host files, as a spawned process: formulas inside ARM templates, REST
// bodies, pool JSON, Bicep and Terraform files are checked and reported at the host file's own
// line and column with its own line in the code frame; FILE#NAME picks one pool; --host overrides
// detection; --var fills placeholders; nothing about the host syntax is reported as a formula
// error. Fixtures: test/corpus/host.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());
const HOST_FIXTURES = join(REPO_ROOT, 'test/corpus/host');

/** Copies a fixture into the temporary directory under `name`. */
function fixture(kind: string, file: string, name = file): string {
  copyFileSync(join(HOST_FIXTURES, kind, file), tmp.path(name));
  return name;
}

describe('autoscale check on host files', () => {
  it('reports a formula error inside a REST body at the host line and column, with the host line framed', () => {
    const body = fixture('json', 'rest-body.json');
    const r = tmp.run(['check', body]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      "rest-body.json:7:47 error AS1002 Missing ';' before '$TargetLowPriorityNodes': statements must be separated by semicolons.",
      '  7 |         "formula": "$TargetDedicatedNodes = 1 $TargetLowPriorityNodes = 2;",',
      '    |                                               ^~~~~~~~~~~~~~~~~~~~~~~',
    ]);
    expect(r.stdout.endsWith('1 error, 0 warnings in 1 file\n')).toBe(true);
  });

  it('underlines through JSON escapes in pool JSON (az batch pool show)', () => {
    const pool = fixture('json', 'pool-show.json');
    const r = tmp.run(['check', pool]);
    expect(r.stdout).toContain('pool-show.json:5:204 error AS2010 ');
    // \"taskcompletion\" is 18 host characters: the underline covers all of them.
    expect(r.stdout).toContain(`|${' '.repeat(204)}^${'~'.repeat(17)}\n`);
  });

  it('checks every pool of an ARM template; placeholders without a value are one error each; --var fills them', () => {
    const arm = fixture('json', 'arm-template.json');
    const without = tmp.run(['check', arm]);
    expect(without.code).toBe(1);
    expect(without.stdout.match(/^arm-template\.json:\d+:\d+ error AS5002 .*$/gm)).toEqual([
      'arm-template.json:32:65 error AS5002 The formula uses maxNodes, whose value is not known here: give it a value to check the formula with it.',
      'arm-template.json:50:98 error AS5002 The formula uses maxNodes, whose value is not known here: give it a value to check the formula with it.',
      'arm-template.json:50:98 error AS5002 The formula uses maxNodes, whose value is not known here: give it a value to check the formula with it.',
    ]);
    const filled = tmp.run(['check', arm, '--var', 'maxNodes=12']);
    expect(filled).toMatchObject({ code: 0, stderr: '' });
    expect(filled.stdout).not.toContain('AS5002');
  });

  it('FILE#NAME checks one pool; an unknown name lists the ones there are and exits 2', () => {
    const arm = fixture('json', 'arm-template.json', 'pools.json');
    const one = tmp.run(['check', `${arm}#render`]);
    expect(one).toMatchObject({ code: 0, stderr: '' });
    // Only render's diagnostics: its one lint warning, on its own line of the template.
    expect(one.stdout.match(/^pools\.json:\d+:\d+ .*$/gm)?.map((l) => l.slice(0, 36))).toEqual([
      'pools.json:19:41 warning AS4002 $Pen',
    ]);
    expect(one.stdout.endsWith('0 errors, 1 warning in 1 file\n')).toBe(true);
    const unknown = tmp.run(['check', `${arm}#gpu`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'autoscale: no formula named "gpu" in pools.json; it has #render, #capped, #nightly, #formatted\n',
    );
  });

  it('reports a broken host file and a host file without a pool formula, not formula errors', () => {
    const broken = fixture('json', 'not-json.json');
    const r = tmp.run(['check', broken]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      'not-json.json:4:1 error AS5001 pool JSON: not valid JSON: trailing comma before "}"',
    );
    const none = fixture('json', 'no-pool.json');
    expect(tmp.run(['check', none]).stdout.split('\n')[0]).toBe(
      'no-pool.json:1:1 error AS5003 No pool autoscale formula found in this ARM template file.',
    );
  });

  it('detects a host file by content whatever its name; --host overrides; --host formula reads JSON as a formula', () => {
    const pool = fixture('json', 'rest-body.json', 'pool.txt');
    expect(tmp.run(['check', pool]).stdout.split('\n')[0]).toMatch(/^pool\.txt:7:47 error AS1002 /);
    const asJson = tmp.run(['check', '--host', 'pool-json', pool]);
    expect(asJson.stdout.split('\n')[0]).toMatch(/^pool\.txt:7:47 error AS1002 /);
    const body = fixture('json', 'rest-body.json');
    expect(tmp.run(['check', '--host', 'formula', body]).stdout).toMatch(/^rest-body\.json:1:1 error AS1007 /);
  });

  it('refuses a malformed --var and an unknown --host with exit 2', () => {
    const arm = fixture('json', 'arm-template.json');
    const badVar = tmp.run(['check', arm, '--var', 'maxNodes']);
    expect(badVar.code).toBe(2);
    expect(badVar.stderr).toContain('"maxNodes" is not NAME=VALUE');
    const badHost = tmp.run(['check', arm, '--host', 'yaml']);
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toContain('yaml');
  });
});

describe('autoscale check on Bicep files', () => {
  const bicep = [
    'param maxNodes int = 10',
    "resource render 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {",
    '  properties: {',
    '    scaleSettings: {',
    '      autoScale: {',
    "        formula: '''",
    '$cap = 10;',
    '$TargetDedicatedNodes = min($cap, $PendingTask.GetSample(1));',
    "'''",
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');

  it("reports an error on a later line of a ''' formula at the Bicep file's line and column", () => {
    const file = tmp.file('main.bicep', bicep);
    const r = tmp.run(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'main.bicep:8:35 error AS2001 Undefined symbol: $PendingTask. Did you mean $PendingTasks?',
      '  8 | $TargetDedicatedNodes = min($cap, $PendingTask.GetSample(1));',
      '    |                                   ^~~~~~~~~~~~',
    ]);
  });

  it("reports an interpolation without a value once, at the interpolation; ''' strings have none", () => {
    // A single-quoted string, on one line as Bicep requires.
    const interpolated = bicep
      .replace("formula: '''\n$cap = 10;\n", `formula: '$cap = \${maxNodes}; `)
      .replace("GetSample(1));\n'''", "GetSample(1));'");
    const file = tmp.file('unfilled.bicep', interpolated);
    const r = tmp.run(['check', file]);
    expect(r.stdout.match(/^unfilled\.bicep:\d+:\d+ error AS5002 .*$/gm)).toEqual([
      'unfilled.bicep:6:26 error AS5002 The formula uses maxNodes, whose value is not known here: give it a value to check the formula with it.',
    ]);
    expect(tmp.run(['check', file, '--var', 'maxNodes=8']).stdout).not.toContain('AS5002');
    // In a ''' string ${...} is text, which the formula language does not accept.
    const verbatim = tmp.file('verbatim.bicep', bicep.replace('$cap = 10;', `$cap = \${maxNodes};`));
    expect(tmp.run(['check', verbatim]).stdout).toContain('verbatim.bicep:7:9 error AS1007 ');
  });
});

describe('autoscale eval and explain on host files', () => {
  it('evaluate the one formula FILE#NAME picks, with --var filling its placeholders', () => {
    const arm = fixture('json', 'arm-template.json', 'eval.json');
    const r = tmp.run(['eval', `${arm}#capped`, '--var', 'maxNodes=3', '--at', '2026-01-05T10:00:00Z']);
    // min(3, $PendingTasks.GetSample(1)): no samples in the default context, so an empty vector, and min() of 3 alone.
    expect(r).toEqual({
      code: 0,
      stdout: '$TargetDedicatedNodes=3;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue\n',
      stderr: '',
    });
    const explained = tmp.run(['explain', `${arm}#nightly`, '--at', '2026-01-05T03:00:00Z']);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('results: $TargetDedicatedNodes=4;');
  });

  it('refuse a host file with several formulas unless one is picked, naming them', () => {
    const arm = fixture('json', 'arm-template.json', 'many.json');
    const r = tmp.run(['eval', arm, '--var', 'maxNodes=3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'autoscale: many.json holds 4 formulas; pick one: many.json#render, many.json#capped, many.json#nightly, many.json#formatted\n',
    );
  });

  it('print the formula errors at the host position before evaluating', () => {
    const body = fixture('json', 'rest-body.json', 'body.json');
    const r = tmp.run(['eval', body, '--at', '2026-01-05T10:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^body\.json:7:47 error AS1002 /);
  });
});

describe('autoscale check on Terraform files', () => {
  it('reports through an indented <<- heredoc at the Terraform line and column', () => {
    const tf = fixture('terraform', 'heredoc-indented.tf', 'pools.tf');
    const r = tmp.run(['check', `${tf}#indented`]);
    expect(r.code).toBe(1);
    // The line indented two deeper than the rest keeps those two spaces: `>` is at column 24.
    expect(r.stdout.split('\n').slice(3, 6)).toEqual([
      "pools.tf:6:24 error AS2008 Operator '>' cannot be applied to doubleVec and double; it accepts double > double, string > string, timestamp > timestamp, timeinterval > timeinterval.",
      '  6 |         $extra = $busy > 10 ? 2 : 0;',
      '    |                        ^',
    ]);
  });

  it('fills var.x interpolations from --var by its whole name or its last part, and says nothing of a missing target meanwhile', () => {
    const tf = fixture('terraform', 'heredoc-indented.tf', 'vars.tf');
    const unfilled = tmp.run(['check', `${tf}#interpolation_first`]);
    expect(unfilled.stdout.match(/^vars\.tf:\d+:\d+ \w+ AS\d+/gm)).toEqual(['vars.tf:18:1 error AS5002']);
    for (const name of ['var.rest', 'rest']) {
      const filled = tmp.run(['check', `${tf}#interpolation_first`, '--var', `${name}=$TargetDedicatedNodes = $a;`]);
      expect(filled).toEqual({ code: 0, stdout: '0 errors, 0 warnings in 1 file\n', stderr: '' });
    }
  });
});

describe('autoscale check on directories and patterns', () => {
  const tree = new TempDir();
  afterAll(() => tree.remove());
  const write = (path: string, text: string) => {
    mkdirSync(dirname(tree.path(path)), { recursive: true });
    writeFileSync(tree.path(path), text);
  };
  write('formulas/busy.autoscale', '$TargetDedicatedNodes = foo;\n');
  write('infra/main.bicep', readFileSync(join(HOST_FIXTURES, 'bicep', 'plain-pool.bicep'), 'utf8'));
  write('infra/tsconfig.json', '{ "compilerOptions": { "strict": true } }\n');
  write('infra/not-json.json', '{ "formula": ');
  write('package.json', '{ "name": "infra" }\n');
  write('node_modules/dep/broken.autoscale', 'x = ;\n');
  write('.git/broken.autoscale', 'x = ;\n');
  mkdirSync(tree.path('empty'));

  it('with no path checks every formula and every host file with a pool formula under the working directory', () => {
    const r = tree.run(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^\S+:\d+:\d+ \w+ AS\d+/gm)).toEqual([
      'formulas/busy.autoscale:1:25 error AS2001',
      'infra/main.bicep:17:51 warning AS4002',
      'infra/not-json.json:1:14 error AS5001',
    ]);
    expect(r.stdout.endsWith('2 errors, 1 warning in 3 files\n')).toBe(true);
  });

  it('searches a directory and expands a pattern, skipping files that hold no formula', () => {
    expect(tree.run(['check', 'infra']).stdout.endsWith('1 error, 1 warning in 2 files\n')).toBe(true);
    const pattern = tree.run(['check', 'infra/*.bicep']);
    expect(pattern).toMatchObject({ code: 0, stderr: '' });
    expect(pattern.stdout.endsWith('0 errors, 1 warning in 1 file\n')).toBe(true);
  });

  it('says so, with exit 2, when a directory or a pattern finds nothing', () => {
    const r = tree.run(['check', 'empty', 'nothing/*.tf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'autoscale: empty: no formula or host files (*.autoscale, *.json, *.bicep, *.tf) in this directory\n' +
        'autoscale: nothing/*.tf: the pattern matches no formula or host files (*.autoscale, *.json, *.bicep, *.tf)\n',
    );
  });
});

describe('autoscale fmt on directories and host files', () => {
  const tree = new TempDir();
  afterAll(() => tree.remove());
  tree.file('tidy.autoscale', '$TargetDedicatedNodes = 1;\n');
  tree.file('messy.autoscale', '$TargetDedicatedNodes=1;\n');
  tree.file('messy.json', '{ "id": "render", "autoScaleFormula": "$TargetDedicatedNodes=2;" }\n');
  tree.file('tidy.json', '{ "id": "batch", "autoScaleFormula": "$TargetDedicatedNodes = 2;\\n" }\n');
  tree.file('package.json', '{ "name": "not-a-pool" }\n');

  it('--check lists the formula files and the host files formulas (FILE#NAME) that would change', () => {
    const r = tree.run(['fmt', '--check']);
    expect(r).toEqual({ code: 1, stdout: 'messy.autoscale\nmessy.json#render\n', stderr: '' });
  });

  it("prints a host file's formulas formatted, each after its name; --write leaves host files alone", () => {
    expect(tree.run(['fmt', 'messy.json'])).toEqual({
      code: 0,
      stdout: '// messy.json#render\n$TargetDedicatedNodes = 2;\n',
      stderr: '',
    });
    const write = tree.run(['fmt', '--write', 'messy.json']);
    expect(write.code).toBe(2);
    expect(write.stderr).toContain('messy.json: fmt --write does not rewrite formulas inside ARM, Bicep, Terraform');
    expect(readFileSync(tree.path('messy.json'), 'utf8')).toContain('"$TargetDedicatedNodes=2;"');
  });
});

describe('autoscale replay of a host file', () => {
  it('replays each pool of a Bicep file, named FILE#NAME, and --compare sets them side by side', () => {
    const bicep = fixture('bicep', 'two-pools.bicep', 'pools.bicep');
    const week = join(REPO_ROOT, 'examples/recordings/week.csv');
    const r = tmp.run(['replay', bicep, '--recording', week, '--compare', '--format', 'json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { replays: Array<{ formulas: Array<{ formula: string }> }> };
    expect(report.replays[0]?.formulas.map((f) => f.formula)).toEqual(['pools.bicep#render', 'pools.bicep#encode']);
    const one = tmp.run(['replay', `${bicep}#encode`, '--recording', week, '--compare']);
    expect(one).toMatchObject({ code: 2, stderr: 'autoscale replay: --compare needs at least two formulas\n' });
  });
});

describe("autoscale eval of pool JSON: the pool is the context, and the service's run is compared", () => {
  it("evaluates at the recorded run's time with the pool's targets, and says it agrees", () => {
    const pool = fixture('json', 'pool-agrees.json');
    const r = tmp.run(['eval', pool]);
    // Evaluated at 10:15 (so 4 nodes); $TargetLowPriorityNodes is the pool's own target, 2.
    expect(r).toEqual({
      code: 0,
      stdout: '$TargetDedicatedNodes=4;$TargetLowPriorityNodes=2;$NodeDeallocationOption=taskcompletion\n',
      stderr: "agrees with the pool's recorded evaluation of 2026-11-30T10:15:00.123Z\n",
    });
    // --at moves the evaluation: at 20:00 the formula gives 1 node, which the recorded run did not.
    const later = tmp.run(['eval', pool, '--at', '2026-11-30T20:00:00Z', '--format', 'text']);
    expect(later.stdout).toContain(
      "differs from the pool's recorded evaluation of 2026-11-30T10:15:00.123Z:\n" +
        '  $TargetDedicatedNodes=1 here, $TargetDedicatedNodes=4 recorded\n',
    );
  });

  it('lists each difference, and says that a formula reading metrics cannot be compared without samples', () => {
    const pool = fixture('json', 'pool-show.json', 'show.json');
    const r = tmp.run(['eval', pool, '--format', 'json']);
    expect(r.stderr).toContain('  $samples=0 recorded, not in these results\n');
    expect(r.stderr).toContain(
      '(the formula reads metrics, and pool JSON holds no samples: give them with --context to compare)',
    );
    // With --context the context file is used instead, and there is nothing to compare with.
    const context = tmp.file('ctx.json', JSON.stringify({ now: '2026-11-30T10:15:00Z' }));
    expect(tmp.run(['eval', pool, '--context', context]).stderr).not.toContain('recorded evaluation');
  });
});
