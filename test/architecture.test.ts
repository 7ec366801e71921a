// Architecture invariants (ARCHITECTURE.md), enforced by scanning imports:
// - core runs in Node and in a browser: it imports only chevrotain and its own files (no node:*);
// - the browser entries (BROWSER_ENTRIES) reach no node:* module, however indirectly;
// - only cli imports commander, only lsp-server vscode-languageserver (and so on, OWNED_IMPORTS);
// - packages depend on each other only in the documented direction (no cycles);
// - no source file evaluates text as code, but the code generator its own text (once, in codegen.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.ts';
import { imports, sourceFiles } from './support/source-imports.ts';

const packages = readdirSync(join(REPO_ROOT, 'packages'));
/** Which workspace packages each package may import. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  'node-io': [],
  'language-service': ['@autoscale/core'],
  'lsp-server': ['@autoscale/core', '@autoscale/language-service'],
  testing: ['@autoscale/core', '@autoscale/node-io'],
  replay: ['@autoscale/core', '@autoscale/node-io'],
  cli: [
    '@autoscale/core',
    '@autoscale/node-io',
    '@autoscale/testing',
    '@autoscale/replay',
    '@autoscale/lsp-server',
    '@autoscale/playground',
  ],
  playground: ['@autoscale/core', '@autoscale/lsp-server', '@autoscale/replay'],
};

/** Modules the playground loads in the browser (page or worker), and the workspace entries they name. */
const BROWSER_ENTRIES = [
  'packages/core/src/index.ts',
  'packages/lsp-server/src/browser-main.ts',
  'packages/lsp-server/src/protocol.ts',
  'packages/replay/src/browser.ts',
  'packages/language-service/src/index.ts',
  'packages/playground/src/main.ts',
  'packages/playground/src/workers/language-server.worker.ts',
  'packages/playground/src/workers/replay.worker.ts',
];
const WORKSPACE_ENTRY: Record<string, string> = {
  '@autoscale/core': 'packages/core/src/index.ts',
  '@autoscale/language-service': 'packages/language-service/src/index.ts',
  '@autoscale/lsp-server/browser-main': 'packages/lsp-server/src/browser-main.ts',
  '@autoscale/lsp-server/protocol': 'packages/lsp-server/src/protocol.ts',
  '@autoscale/replay/browser': 'packages/replay/src/browser.ts',
};

/** Every node:* module reachable from `entry` through relative and workspace imports, with the file that imports it. */
function nodeImportsReachable(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of imports(file)) {
      // Vite's ?raw and ?url imports are text and addresses, not modules the page runs (the
      // report's explain-page.js is an esbuild bundle for platform browser, which refuses node:*).
      if (/\?(raw|url)$/.test(spec)) continue;
      if (spec.startsWith('node:')) found.push(`${relative(REPO_ROOT, file)} imports ${spec}`);
      else if (spec.startsWith('.') && spec.endsWith('.ts')) visit(resolve(dirname(file), spec));
      else if (spec.startsWith('@autoscale/')) {
        const target = WORKSPACE_ENTRY[spec];
        if (target === undefined)
          found.push(`${relative(REPO_ROOT, file)} imports ${spec}, which is not a browser entry`);
        else visit(join(REPO_ROOT, target));
      }
    }
  };
  visit(join(REPO_ROOT, entry));
  return found;
}

/**
 * What a module loads as soon as it is loaded: static imports that are not type-only (`import()` waits for its call).
 */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /^\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => (m[1] ?? m[2]) as string);
}

/** Entries of the workspace packages the command's start-up may load: light ones only (ARCHITECTURE.md). */
const START_UP_ENTRIES = [
  '@autoscale/core',
  '@autoscale/node-io',
  '@autoscale/replay/options',
  '@autoscale/replay/workers',
  '@autoscale/testing/options',
];

/** Third-party packages only one workspace package may import. */
const OWNED_IMPORTS: Record<string, string> = {
  commander: 'cli',
  'vscode-languageserver': 'lsp-server',
  vscode: 'extension',
  'monaco-editor': 'playground',
};

describe('architecture', () => {
  it('knows every package', () => expect(packages.sort()).toEqual(Object.keys(ALLOWED).sort()));

  it('core imports only chevrotain and its own files', () => {
    for (const file of sourceFiles(join(REPO_ROOT, 'packages/core/src'))) {
      for (const spec of imports(file)) {
        expect(spec === 'chevrotain' || spec.startsWith('.'), `${relative(REPO_ROOT, file)} imports ${spec}`).toBe(
          true,
        );
      }
    }
  });

  it.each(BROWSER_ENTRIES)('%s reaches no node:* module', (entry) => {
    expect(nodeImportsReachable(entry)).toEqual([]);
  });

  it('the reachability scan sees node:* imports through workspace packages', () => {
    expect(nodeImportsReachable('packages/replay/src/index.ts').length).toBeGreaterThan(0);
  });

  it('packages import only the packages below them', () => {
    for (const pkg of packages) {
      for (const file of sourceFiles(join(REPO_ROOT, 'packages', pkg, 'src'))) {
        for (const spec of imports(file).filter((s) => s.startsWith('@autoscale/'))) {
          // A subpath export (`@autoscale/replay/browser`) belongs to its package.
          const name = spec.split('/').slice(0, 2).join('/');
          expect(ALLOWED[pkg], `${relative(REPO_ROOT, file)} imports ${spec}`).toContain(name);
        }
        for (const spec of imports(file)) {
          const owner = OWNED_IMPORTS[spec.split('/')[0] as string];
          if (owner) expect(owner, `${relative(REPO_ROOT, file)} imports ${spec}`).toBe(pkg);
        }
      }
    }
  });

  it("the command's start-up loads no command's work and only the light entries of the packages", () => {
    const reached = new Set<string>();
    const packageEntries = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const spec of runtimeImports(file)) {
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
        else if (spec.startsWith('@autoscale/')) packageEntries.add(spec);
      }
    };
    visit(join(REPO_ROOT, 'packages/cli/src/bundle-main.ts'));
    const files = [...reached].map((f) => relative(join(REPO_ROOT, 'packages/cli/src'), f));
    expect(files).toContain('commands/replay.ts');
    expect(files.filter((f) => f.startsWith('actions/'))).toEqual([]);
    expect([...packageEntries].filter((e) => !START_UP_ENTRIES.includes(e))).toEqual([]);
    // The scan does see what the actions load, so an action imported at start-up would be caught.
    expect(runtimeImports(join(REPO_ROOT, 'packages/cli/src/actions/replay.ts'))).toContain('@autoscale/replay');
  });

  it('libraries do not speak command line: only cli names a command-line option in what it prints', () => {
    // Each is not this toolkit's option: another tool's command line, or the worker's own argv mark.
    const notOurs = ['az monitor metrics list --output json', "'--autoscale-replay-worker'"];
    const found: string[] = [];
    for (const pkg of packages.filter((p) => p !== 'cli')) {
      for (const file of sourceFiles(join(REPO_ROOT, 'packages', pkg, 'src'))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.replace(/^\s*(\/\/|\*|\/\*).*$/, '');
            if (/['"`][^'"`]*\s?--[a-z][a-z-]+/.test(code) && !notOurs.some((n) => code.includes(n)))
              found.push(`${relative(REPO_ROOT, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(found).toEqual([]);
  });

  it('no source evaluates text as code, except the code generator on text it writes itself', () => {
    // codegen.ts builds one Function from text holding none of the formula's (its own tests,
    // test/codegen.test.ts, hold that); nothing else may evaluate text.
    const found: string[] = [];
    for (const pkg of packages) {
      for (const file of sourceFiles(join(REPO_ROOT, 'packages', pkg, 'src'))) {
        const text = readFileSync(file, 'utf8');
        expect(/\beval\s*\(/.test(text), relative(REPO_ROOT, file)).toBe(false);
        for (const _ of text.matchAll(/new\s+Function\s*\(/g)) found.push(relative(REPO_ROOT, file));
      }
    }
    expect(found).toEqual(['packages/core/src/eval/codegen.ts']);
  });

  it('every source file starts with a header comment', () => {
    for (const pkg of packages) {
      for (const file of sourceFiles(join(REPO_ROOT, 'packages', pkg, 'src'))) {
        expect(readFileSync(file, 'utf8').startsWith('//'), relative(REPO_ROOT, file)).toBe(true);
      }
    }
  });
});
