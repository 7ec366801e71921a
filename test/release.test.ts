// What the published packages say about themselves agrees everywhere: one toolkit version (the
// packages require each other at exactly it, the READMEs' CI snippets pin it, the changelog has
// its section), one runtime floor (engines.node, the launcher's check, the READMEs), one
// repository, and the metadata a registry page needs. And scripts/set-version.ts, which moves
// the version, rewrites all of it and refuses what it should.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planVersion, versionedFiles } from '../scripts/set-version.ts';
import { REPO_ROOT } from './support/paths.ts';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: { url: string; directory?: string };
  engines?: { node?: string; vscode?: string };
  files?: string[];
  exports?: Record<string, unknown>;
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const { manifests, readmes } = versionedFiles(REPO_ROOT);
const all = manifests.map((file) => ({ file, manifest: JSON.parse(read(file)) as Manifest }));
const VERSION = (JSON.parse(read('package.json')) as Manifest).version;
const published = all.filter(({ file, manifest }) => file.startsWith('packages/') && manifest.private !== true);
const internal = new Set(all.map(({ manifest }) => manifest.name));
const REPOSITORY = 'git+https://github.com/autoscale-toolkit/batch-autoscale-toolkit.git';

describe('one version', () => {
  it('every manifest has the toolkit version, and the packages require each other at exactly it', () => {
    for (const { file, manifest } of all) {
      expect(manifest.version, file).toBe(VERSION);
      for (const deps of [manifest.dependencies, manifest.devDependencies]) {
        for (const [name, range] of Object.entries(deps ?? {}))
          if (internal.has(name)) expect(range, `${file}: ${name}`).toBe(VERSION);
      }
    }
  });

  it('the CI snippets pin it, and the changelog has its section and an Unreleased one', () => {
    const pins = readmes.flatMap((file) =>
      [...read(file).matchAll(/@autoscale\/cli@(\S+?)\s/g)].map((m) => `${file}: ${m[1]}`),
    );
    expect(pins.length).toBeGreaterThanOrEqual(4);
    for (const pin of pins) expect(pin).toMatch(new RegExp(`: ${VERSION.replace(/\./g, '\\.')}$`));
    expect(read('CHANGELOG.md')).toMatch(
      new RegExp(`^## ${VERSION.replace(/\./g, '\\.')} - \\d{4}-\\d{2}-\\d{2}$`, 'm'),
    );
    expect(read('CHANGELOG.md')).toMatch(/^## Unreleased$/m);
  });
});

describe('one runtime floor, one repository, complete metadata', () => {
  it('every published package declares Node >= 22.12, a public MIT package of this repository, with compiled files only', () => {
    expect(published.map(({ manifest }) => manifest.name).sort()).toEqual([
      '@autoscale/cli',
      '@autoscale/core',
      '@autoscale/language-service',
      '@autoscale/lsp-server',
      '@autoscale/node-io',
      '@autoscale/replay',
      '@autoscale/testing',
    ]);
    for (const { file, manifest } of published) {
      expect(manifest.engines?.node, file).toBe('>=22.12');
      expect(manifest.license, file).toBe('MIT');
      expect(manifest.publishConfig?.access, file).toBe('public');
      expect(manifest.repository, file).toEqual({
        type: 'git',
        url: REPOSITORY,
        directory: file.replace(/\/package\.json$/, ''),
      });
      expect(manifest.files, file).toContain('dist');
      expect(
        manifest.files?.filter((f) => /^(src|test)(\/|$)/.test(f)),
        file,
      ).toEqual([]);
      // Nothing published depends on what is not: the private workspace packages are build-time only.
      for (const name of Object.keys(manifest.dependencies ?? {})) {
        const dependency = all.find(({ manifest: m }) => m.name === name);
        expect(dependency?.manifest.private, `${file} depends on ${name}`).not.toBe(true);
      }
      expect(read(file.replace('package.json', 'LICENSE'))).toBe(read('LICENSE'));
    }
  });

  it("every entry point gives types and JavaScript from dist/ to users, and the sources only under this repository's condition", () => {
    for (const { file, manifest } of published) {
      for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
        if (typeof target === 'string') {
          expect(target, `${file} ${subpath}`).not.toMatch(/\.ts$/);
          continue;
        }
        const conditions = target as Record<string, string | Record<string, string>>;
        // A Node entry is allowed beside the default one (core's, which installs the code generator
        // that browser bundles must not contain); its source twin then sits under the source condition.
        const node = 'node' in conditions;
        expect(Object.keys(conditions), `${file} ${subpath}`).toEqual([
          'autoscale-source',
          'types',
          ...(node ? ['node'] : []),
          'import',
          'default',
        ]);
        const source = conditions['autoscale-source'];
        const sources = typeof source === 'string' ? { default: source } : (source ?? {});
        expect(Object.keys(sources)).toEqual(node ? ['node', 'default'] : ['default']);
        for (const path of Object.values(sources)) expect(path).toMatch(/^\.\/src\/.*\.ts$/);
        expect(conditions.types).toMatch(/^\.\/dist\/.*\.d\.ts$/);
        expect(conditions.import).toMatch(/^\.\/dist\/.*\.js$/);
        if (node) expect(conditions.node).toMatch(/^\.\/dist\/.*\.js$/);
        expect(conditions.default).toBe(conditions.import);
      }
    }
  });

  it('the launcher refuses exactly the Nodes engines.node excludes, and the READMEs name the same floor', () => {
    const launcher = read('packages/cli/bin/autoscale.js');
    expect(launcher).toContain('const MINIMUM = [22, 12];');
    for (const file of ['README.md', 'packages/cli/README.md', 'packages/core/README.md'])
      expect(read(file), file).toContain('Node.js 22.12 or newer');
    expect(read('README.md')).not.toMatch(/Node(\.js)? 20 or newer/);
  });
});

describe('scripts/set-version.ts', () => {
  const copy = mkdtempSync(join(tmpdir(), 'autoscale-set-version-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  const files = versionedFiles(REPO_ROOT);
  for (const file of [...files.manifests, ...files.readmes, ...files.changelogs])
    cpSync(join(REPO_ROOT, file), join(copy, file), { recursive: true });
  /** A changelog as it is before a release: something written under Unreleased. */
  const noteAChange = (file: string): void =>
    writeFileSync(
      join(copy, file),
      readFileSync(join(copy, file), 'utf8').replace(/^## Unreleased$/m, '## Unreleased\n\n- A change.\n'),
    );

  it('sets the version in every manifest, internal requirement, CI snippet and changelog', () => {
    for (const file of files.changelogs) noteAChange(file);
    const plan = planVersion(copy, '9.8.7', '2030-01-02');
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    for (const file of files.manifests) {
      const manifest = JSON.parse(plan.files.get(file) ?? '{}') as Manifest;
      expect(manifest.version, file).toBe('9.8.7');
      for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }))
        if (internal.has(name)) expect(range, `${file}: ${name}`).toBe('9.8.7');
    }
    const cliReadme = plan.files.get('packages/cli/README.md') ?? '';
    expect(cliReadme).toContain('@autoscale/cli@9.8.7 ');
    expect(cliReadme).not.toContain(`@autoscale/cli@${VERSION} `);
    expect(plan.files.get('CHANGELOG.md')).toMatch(/^## 9\.8\.7 - 2030-01-02$/m);
    expect(plan.files.get('CHANGELOG.md')).not.toMatch(/^## Unreleased$/m);
  });

  it('refuses a malformed version, a changelog without an Unreleased section, and one with nothing under it', () => {
    expect(planVersion(copy, '1.2', '2030-01-02')).toEqual({
      ok: false,
      errors: ['"1.2" is not a version (X.Y.Z or X.Y.Z-pre)'],
    });
    writeFileSync(join(copy, 'CHANGELOG.md'), '# Changelog\n\n## 0.1.0 - 2026-12-03\n\n- First.\n');
    expect(planVersion(copy, '9.8.7', '2030-01-02')).toEqual({
      ok: false,
      errors: ['CHANGELOG.md has no "## Unreleased" section: write down what changed first'],
    });
    writeFileSync(join(copy, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n## 0.1.0 - 2026-12-03\n\n- First.\n');
    expect(planVersion(copy, '9.8.7', '2030-01-02')).toEqual({
      ok: false,
      errors: ['CHANGELOG.md: nothing is written under "## Unreleased": write down what changed first'],
    });
  });
});
