// `npm run set-version -- X.Y.Z`: the toolkit has one version. This sets it everywhere it is
// written: every package.json of the workspace (the root, packages/*, extension), the versions
// the packages require of each other, the version the CI snippets in the READMEs pin, and the
// changelogs, whose "## Unreleased" section becomes "## X.Y.Z - DATE". Then it updates
// package-lock.json. It changes nothing unless every file can be updated.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** How the READMEs pin the command in CI snippets: `@autoscale/cli@0.1.0`. */
const PINNED_CLI = /(@autoscale\/cli@)\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/g;
const UNRELEASED = /^## Unreleased$/m;
/** The Unreleased section's text, up to the next section. */
const UNRELEASED_NOTES = /^## Unreleased$([\s\S]*?)(?=^## |(?![\s\S]))/m;

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The files the version is written in, relative to `root`. */
export function versionedFiles(root: string): { manifests: string[]; readmes: string[]; changelogs: string[] } {
  const packages = readdirSync(join(root, 'packages')).map((dir) => `packages/${dir}`);
  const manifests = ['package.json', ...packages.map((dir) => `${dir}/package.json`), 'extension/package.json'];
  // Documents that pin the command (CI snippets, the GitHub Action), where they exist.
  const readmes = [
    'README.md',
    ...packages.map((dir) => `${dir}/README.md`),
    'extension/README.md',
    'action.yml',
    // TUNE.md's worked example runs the command in a CI matrix.
    'packages/replay/TUNE.md',
  ].filter((file) => existsSync(join(root, file)));
  return { manifests, readmes, changelogs: ['CHANGELOG.md', 'extension/CHANGELOG.md'] };
}

/** The new text of every file that changes, or the reasons it cannot be done. */
export function planVersion(
  root: string,
  version: string,
  date: string,
): { ok: true; files: Map<string, string> } | { ok: false; errors: string[] } {
  if (!SEMVER.test(version)) return { ok: false, errors: [`"${version}" is not a version (X.Y.Z or X.Y.Z-pre)`] };
  const { manifests, readmes, changelogs } = versionedFiles(root);
  const read = (file: string): string => readFileSync(join(root, file), 'utf8');
  const internal = new Set(manifests.map((file) => (JSON.parse(read(file)) as Manifest).name));
  const files = new Map<string, string>();
  const errors: string[] = [];
  for (const file of manifests) {
    const manifest = JSON.parse(read(file)) as Manifest;
    manifest.version = version;
    for (const deps of [manifest.dependencies, manifest.devDependencies]) {
      for (const name of Object.keys(deps ?? {})) if (internal.has(name) && deps) deps[name] = version;
    }
    files.set(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  for (const file of readmes) {
    const text = read(file);
    const pinned = text.replace(PINNED_CLI, `$1${version}`);
    if (pinned !== text) files.set(file, pinned);
  }
  for (const file of changelogs) {
    const text = read(file);
    const notes = UNRELEASED_NOTES.exec(text)?.[1];
    if (notes === undefined) errors.push(`${file} has no "## Unreleased" section: write down what changed first`);
    else if (notes.trim() === '')
      errors.push(`${file}: nothing is written under "## Unreleased": write down what changed first`);
    else files.set(file, text.replace(UNRELEASED, `## ${version} - ${date}`));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, files };
}

if (import.meta.main) {
  const version = process.argv[2] ?? '';
  const plan = planVersion(REPO_ROOT, version, new Date().toISOString().slice(0, 10));
  if (!plan.ok) {
    for (const error of plan.errors) console.error(`set-version: ${error}`);
    console.error('usage: npm run set-version -- X.Y.Z');
    process.exit(2);
  }
  for (const [file, text] of plan.files) writeFileSync(join(REPO_ROOT, file), text);
  const lock = spawnSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (lock.status !== 0) process.exit(lock.status ?? 1);
  console.log(`set-version: ${version} in ${plan.files.size} files and package-lock.json`);
}
