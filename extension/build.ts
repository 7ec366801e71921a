// Builds the extension for packaging: bundles the client and the language server (esbuild) into
// dist/, and copies the grammar and language configuration from ../grammar, so the VSIX works
// offline with no install step. `npm run package` then makes batch-autoscale.vsix with vsce.

import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const here = (p: string) => new URL(p, import.meta.url).pathname;

mkdirSync(here('./syntaxes'), { recursive: true });
copyFileSync(here('../grammar/autoscale.tmLanguage.json'), here('./syntaxes/autoscale.tmLanguage.json'));
copyFileSync(here('../grammar/language-configuration.json'), here('./language-configuration.json'));

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, minify: true, logLevel: 'warning' } as const;
await build({ ...common, entryPoints: [here('./src/extension.ts')], outfile: here('./dist/extension.cjs'), external: ['vscode'] });
await build({ ...common, entryPoints: [here('../packages/lsp-server/src/node-main.ts')], outfile: here('./dist/server.cjs') });
console.log('built extension/dist/extension.cjs and extension/dist/server.cjs');
