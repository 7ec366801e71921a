// `npm run build`: everything the packages publish, from a clean slate, in dependency order.
//   1. the libraries (core, node-io, language-service, lsp-server, testing, replay): tsc compiles
//      each src/ to dist/ as JavaScript with .d.ts types (tsconfig.build.json);
//   2. the HTML report's explain script (core's evaluator, for the page) into
//      packages/replay/dist/explain-page.js (build-explain-page.ts);
//   3. the playground's static page (Vite) into packages/playground/dist/;
//   4. the `autoscale` command: one bundled file plus the playground page (build-cli.ts).
// A clean slate, because a stale file left in dist/ from a deleted source would be published.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildPlayground } from '@autoscale/playground/build';
import { buildCli } from './build-cli.ts';
import { buildExplainPage } from './build-explain-page.ts';
import { REPO_ROOT } from './paths.ts';

/** The packages tsc compiles, in the order of tsconfig.build.json. */
export const LIBRARIES = ['core', 'node-io', 'language-service', 'lsp-server', 'testing', 'replay'];

async function step(name: string, work: () => unknown): Promise<void> {
  const start = performance.now();
  process.stdout.write(`build: ${name}…`);
  await work();
  process.stdout.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
}

function compileLibraries(): void {
  for (const name of LIBRARIES) rmSync(join(REPO_ROOT, 'packages', name, 'dist'), { recursive: true, force: true });
  rmSync(join(REPO_ROOT, '.tsbuild', 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', join(REPO_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`tsc -b tsconfig.build.json failed (exit ${run.status})`);
  for (const name of LIBRARIES) rewriteDeclarationImports(join(REPO_ROOT, 'packages', name, 'dist'));
}

/**
 * tsc rewrites `./x.ts` to `./x.js` in the JavaScript it emits but not in .d.ts files. TypeScript
 * 5 reads either; `.js` is what the files are called once published and what older tools expect.
 */
function rewriteDeclarationImports(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) rewriteDeclarationImports(path);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const rewritten = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
      if (rewritten !== text) writeFileSync(path, rewritten);
    }
  }
}

const started = performance.now();
await step('libraries (tsc)', compileLibraries);
await step('report explain script (esbuild)', buildExplainPage);
await step('playground (vite)', () => buildPlayground());
await step('autoscale command (esbuild)', () => buildCli());
console.log(`build: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
