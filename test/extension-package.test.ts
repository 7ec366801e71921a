// The VS Code extension as the marketplace gets it: packages extension/batch-autoscale.vsix
// (`npm run package`, as a release would) and checks what vsce said, the VSIX's file list (only
// what VS Code loads: no sources, tests, tsconfig or build scripts), the manifest fields the
// marketplace shows (icon, repository, licence, engines, both entries), the README's image links,
// and the bundles themselves: the web ones reach nothing from Node, and no bundle calls a built-in
// newer than the extension's oldest Node (test/support/runtimes.ts) unless it carries the
// polyfill for it, and only then.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, packageExtension } from './support/extension-build.ts';
import { REPO_ROOT } from './support/paths.ts';
import { VSCODE_FLOOR } from './support/runtimes.ts';
import { readZip } from './support/zip.ts';

const REPOSITORY = 'https://github.com/autoscale-toolkit/batch-autoscale-toolkit';

/** Everything the VSIX may hold. vsce adds the first two and renames README, CHANGELOG and LICENSE. */
const EXPECTED_ENTRIES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/language-configuration.json',
  'extension/syntaxes/autoscale.tmLanguage.json',
  'extension/syntaxes/autoscale-in-json.tmLanguage.json',
  'extension/syntaxes/autoscale-in-bicep.tmLanguage.json',
  'extension/syntaxes/autoscale-in-terraform.tmLanguage.json',
  'extension/dist/extension.cjs',
  'extension/dist/server.cjs',
  'extension/dist/web/extension.cjs',
  'extension/dist/web/server.js',
  'extension/dist/THIRD-PARTY-NOTICES.md',
];

/**
 * Built-ins newer than Node 20.9.0 (V8 11.3, the extension's floor), as a minified bundle calls
 * them (minifiers keep property names). Each appeared in Node 21 or later.
 */
const NEWER_BUILT_INS: Record<string, RegExp> = {
  'Object.groupBy': /\bObject\.groupBy\(/,
  'Map.groupBy': /\bMap\.groupBy\(/,
  'Promise.withResolvers': /\bPromise\.withResolvers\b/,
  'Promise.try': /\bPromise\.try\b/,
  'Array.fromAsync': /\bArray\.fromAsync\b/,
  'ArrayBuffer transfer': /\.transfer(?:ToFixedLength)?\(/,
  'Set methods': /\.(?:union|intersection|difference|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/,
  'iterator helpers':
    /\bIterator\.from\b|\.(?:values|keys|entries)\(\)\.(?:map|filter|take|drop|flatMap|reduce|toArray|forEach|some|every|find)\(/,
  'RegExp.escape': /\bRegExp\.escape\b/,
  'Error.isError': /\bError\.isError\b/,
  'Math.sumPrecise': /\bMath\.sumPrecise\b/,
  'Uint8Array base64 and hex': /\b(?:fromBase64|fromHex|toBase64|toHex|setFromBase64|setFromHex)\b/,
  Float16Array: /\bFloat16Array\b|\bMath\.f16round\b/,
};
/** What extension/src/object-group-by.ts provides, and a string only that file puts in a bundle. */
const POLYFILLED = ['Object.groupBy'];
const POLYFILL_MARK = 'Object.groupBy: the key function is not callable';

interface Manifest {
  name: string;
  version: string;
  type?: string;
  main: string;
  browser: string;
  icon: string;
  license: string;
  engines: { vscode: string };
  repository: { type: string; url: string; directory: string };
  homepage: string;
  bugs: { url: string };
  scripts: Record<string, string>;
}

/** Width and height from a PNG's IHDR chunk, or undefined when `bytes` is not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the packaged extension (VSIX)', () => {
  let log: string;
  let entries: Map<string, Buffer>;
  let manifest: Manifest;
  const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

  beforeAll(async () => {
    const packaged = await packageExtension();
    log = packaged.log;
    entries = readZip(packaged.vsix);
    manifest = JSON.parse(text('extension/package.json')) as Manifest;
  }, 120_000);

  it('is packaged by vsce without warnings, and without --skip-license or --allow-missing-repository', () => {
    expect(log).toContain('DONE  Packaged');
    expect(log).not.toMatch(/WARNING/i);
    expect(manifest.scripts.package).not.toMatch(/--skip-license|--allow-missing-repository/);
  });

  it('holds exactly what VS Code loads: no sources, tests, tsconfig, build scripts or README screenshots', () => {
    expect([...entries.keys()].sort()).toEqual([...EXPECTED_ENTRIES].sort());
  });

  it('points its Node (main) and web (browser) entries at bundles it holds', () => {
    expect(entries.has(join('extension', manifest.main))).toBe(true);
    expect(entries.has(join('extension', manifest.browser))).toBe(true);
    expect(manifest.browser).toMatch(/^\.\/dist\/web\//);
    // The manifest says "type": "module", and VS Code's web worker host refuses ES modules: the
    // entries must say they are CommonJS by their extension.
    if (manifest.type === 'module') {
      expect(manifest.main).toMatch(/\.cjs$/);
      expect(manifest.browser).toMatch(/\.cjs$/);
    }
  });

  it('has a PNG icon of a size the marketplace takes', () => {
    const icon = entries.get(join('extension', manifest.icon));
    const size = icon && pngSize(icon);
    expect(size, `${manifest.icon} is a PNG`).toBeDefined();
    expect(size?.width).toBe(size?.height);
    expect([128, 256]).toContain(size?.width);
    expect(text('extension.vsixmanifest')).toContain(`<Icon>extension/${manifest.icon}</Icon>`);
  });

  it('names the repository, its home page and issues, and carries the MIT licence', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: REPOSITORY, directory: 'extension' });
    expect(manifest.homepage.startsWith(`${REPOSITORY}/`)).toBe(true);
    expect(manifest.bugs.url).toBe(`${REPOSITORY}/issues`);
    // The marketplace's "Repository" link (vsce writes it as the clone URL).
    expect(text('extension.vsixmanifest')).toContain(`Links.Source" Value="${REPOSITORY}`);
    expect(manifest.license).toBe('MIT');
    const licence = text('extension/LICENSE.txt');
    expect(licence.startsWith('MIT License')).toBe(true);
    expect(licence).toBe(readFileSync(join(EXTENSION_DIR, 'LICENSE'), 'utf8'));
    // One licence text for the whole repository, once it has one at its root.
    const root = join(REPO_ROOT, 'LICENSE');
    if (existsSync(root)) expect(licence).toBe(readFileSync(root, 'utf8'));
  });

  it('ships the licences of the third-party code its bundles inline', () => {
    const notices = text('extension/dist/THIRD-PARTY-NOTICES.md');
    for (const name of ['vscode-languageclient', 'vscode-languageserver', 'chevrotain'])
      expect(notices).toMatch(new RegExp(`^## ${name} \\d`, 'm'));
  });

  it('claims the VS Code its language client needs, whose Node the floor tests run on', () => {
    expect(manifest.engines.vscode).toBe(VSCODE_FLOOR.engine);
    const client = JSON.parse(
      readFileSync(join(REPO_ROOT, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'),
    ) as Manifest;
    expect(client.engines.vscode).toBe(VSCODE_FLOOR.engine);
  });

  it("links the README's images and links to the repository, where the images exist", () => {
    const readme = text('extension/readme.md');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const url of images) {
      const prefix = `${REPOSITORY}/raw/HEAD/extension/`;
      expect(url.startsWith(prefix), url).toBe(true);
      expect(existsSync(join(EXTENSION_DIR, url.slice(prefix.length))), url).toBe(true);
    }
    // No link is left relative: it would resolve against the marketplace page.
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links.filter((link) => !/^https:\/\//.test(link))).toEqual([]);
  });

  it('has a changelog entry for its version', () => {
    expect(text('extension/changelog.md')).toMatch(new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  it('bundles for the web reach nothing from Node', () => {
    const required = (bundle: string) => [
      ...new Set([...text(bundle).matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1])),
    ];
    expect(required('extension/dist/web/extension.cjs')).toEqual(['vscode']);
    expect(required('extension/dist/web/server.js')).toEqual([]);
  });

  it.each(['dist/extension.cjs', 'dist/server.cjs', 'dist/web/extension.cjs', 'dist/web/server.js'])(
    '%s calls no built-in newer than Node 20.9 that it does not polyfill, and carries the polyfill only when it calls it',
    (bundle) => {
      const code = text(`extension/${bundle}`);
      expect(code.length).toBeGreaterThan(10_000);
      const used = Object.entries(NEWER_BUILT_INS)
        .filter(([, pattern]) => pattern.test(code))
        .map(([name]) => name);
      expect(used.filter((name) => !POLYFILLED.includes(name))).toEqual([]);
      expect(code.includes(POLYFILL_MARK), 'the polyfill is in the bundle').toBe(used.includes('Object.groupBy'));
    },
  );

  it('the server bundles need the polyfill (chevrotain calls Object.groupBy), the clients do not', () => {
    expect(NEWER_BUILT_INS['Object.groupBy']?.test(text('extension/dist/server.cjs'))).toBe(true);
    expect(NEWER_BUILT_INS['Object.groupBy']?.test(text('extension/dist/web/server.js'))).toBe(true);
    expect(NEWER_BUILT_INS['Object.groupBy']?.test(text('extension/dist/extension.cjs'))).toBe(false);
  });
});
