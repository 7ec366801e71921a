// Builds the extension for packaging: bundles (esbuild) the client and the language server twice,
// for VS Code's Node extension host (dist/extension.cjs starting dist/server.cjs) and for its web
// worker host (dist/web/extension.cjs starting dist/web/server.js in a worker, as in vscode.dev),
// and copies the grammar and language configuration from ../grammar, so the VSIX works offline
// with no install step. `npm run package` then makes batch-autoscale.vsix with vsce.

import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { noticesMarkdown, packageDirectories } from '../scripts/third-party-notices.ts';

const here = (p: string) => new URL(p, import.meta.url).pathname;

/** Host languages with an injection grammar in ../grammar/injections (package.json, contributes.grammars). */
const INJECTED_HOSTS = ['json', 'bicep', 'terraform'];

/**
 * The oldest Node the extension meets: engines.vscode is ^1.91.0 (vscode-languageclient 11's own
 * floor), and VS Code 1.91 runs extensions on Electron 29.4.0, that is Node 20.9.0. Syntax is
 * lowered to it; built-ins it lacks come from POLYFILLS (test/e2e/vscode-extension-floor.test.ts
 * runs the server bundle on that Node).
 */
const NODE_TARGET = 'node20.9';
/** Browsers that run vscode.dev: ES2022 syntax (the web bundles get the same polyfills). */
const WEB_TARGET = 'es2022';
/** Built-ins newer than NODE_TARGET that the bundled dependencies call (only the server's: chevrotain). */
const POLYFILLS = [here('./src/object-group-by.ts')];

/**
 * The polyfills as one script for the top of a bundle, compiled for its target, so they run before
 * any bundled module. A banner rather than esbuild's `inject`, which would add a call to the
 * polyfill's initialiser to every lazily initialised module (1.3 KB instead of 0.3 KB).
 */
async function polyfillBanner(target: string): Promise<string> {
  const compiled = await build({
    entryPoints: POLYFILLS,
    bundle: true,
    minify: true,
    format: 'iife',
    target,
    write: false,
    logLevel: 'warning',
  });
  const script = compiled.outputFiles.map((file) => file.text.trim()).join('');
  // esbuild starts a bundle with "use strict", which is a directive only at the very top, where
  // the banner now is: the banner must say it first, so the whole bundle stays in strict mode.
  return script.startsWith('"use strict";') ? script : `"use strict";${script}`;
}

mkdirSync(here('./syntaxes'), { recursive: true });
copyFileSync(here('../grammar/autoscale.tmLanguage.json'), here('./syntaxes/autoscale.tmLanguage.json'));
// The injection grammars colour formulas inside JSON, Bicep and Terraform strings.
for (const host of INJECTED_HOSTS)
  copyFileSync(
    here(`../grammar/injections/autoscale-in-${host}.tmLanguage.json`),
    here(`./syntaxes/autoscale-in-${host}.tmLanguage.json`),
  );
copyFileSync(here('../grammar/language-configuration.json'), here('./language-configuration.json'));
// No stale bundle from an older layout may end up in the VSIX.
rmSync(here('./dist'), { recursive: true, force: true });

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const common: BuildOptions = {
  absWorkingDir: REPO_ROOT,
  bundle: true,
  sourcemap: false,
  minify: true,
  metafile: true,
  logLevel: 'warning',
  conditions: ['autoscale-source'],
};
const node: BuildOptions = { ...common, platform: 'node', format: 'cjs', target: NODE_TARGET };
const web: BuildOptions = { ...common, platform: 'browser', target: WEB_TARGET };
const server = '../packages/lsp-server/src';

const bundles = await Promise.all([
  build({
    ...node,
    entryPoints: [here('./src/extension.ts')],
    outfile: here('./dist/extension.cjs'),
    external: ['vscode'],
  }),
  build({
    ...node,
    entryPoints: [here(`${server}/node-main.ts`)],
    outfile: here('./dist/server.cjs'),
    banner: { js: await polyfillBanner(NODE_TARGET) },
  }),
  // VS Code loads a web extension's `browser` file as CommonJS, with `vscode` provided.
  build({
    ...web,
    format: 'cjs',
    entryPoints: [here('./src/web.ts')],
    outfile: here('./dist/web/extension.cjs'),
    external: ['vscode'],
  }),
  // A classic worker script: the client starts it with `new Worker(url)`.
  build({
    ...web,
    format: 'iife',
    entryPoints: [here(`${server}/browser-main.ts`)],
    outfile: here('./dist/web/server.js'),
    banner: { js: await polyfillBanner(WEB_TARGET) },
  }),
]);
// The licences of the npm packages the four bundles inline travel with them in the VSIX.
const inlined = packageDirectories(
  bundles.flatMap((bundle) => Object.keys(bundle.metafile?.inputs ?? {}).map((input) => `${REPO_ROOT}${input}`)),
);
writeFileSync(
  here('./dist/THIRD-PARTY-NOTICES.md'),
  noticesMarkdown('The Azure Batch Autoscale Formulas extension', inlined),
);
console.log(
  'built extension/dist: extension.cjs and server.cjs (Node), web/extension.cjs and web/server.js (web worker)',
);
