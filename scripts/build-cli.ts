// Bundles the published `autoscale` command into one file, packages/cli/dist/cli.cjs (started by
// packages/cli/bin/autoscale.js), and copies the playground's built page beside it.
//
// Why CommonJS: esbuild hoists an ES module bundle's imports of Node's built-ins to the top of the
// file, so every run would load all of them (node:http alone pulls in undici, about 70 ms). In a
// CommonJS bundle each module, built-ins included, is required where it is first needed, and
// each command's modules (packages/cli/src/actions/, imported dynamically) only when it runs.
// Everything the CLI uses is inlined except uplot, whose files the HTML report reads from disk;
// the inlined packages' licences go to dist/THIRD-PARTY-NOTICES.md.

import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { EXPLAIN_PAGE_BUNDLE } from './build-explain-page.ts';
import { REPO_ROOT } from './paths.ts';
import { noticesMarkdown, packageDirectories } from './third-party-notices.ts';

export const CLI_DIR = join(REPO_ROOT, 'packages', 'cli');
export const CLI_BUNDLE = join(CLI_DIR, 'dist', 'cli.cjs');
const PLAYGROUND_BUILT = join(REPO_ROOT, 'packages', 'playground', 'dist');

/** Bundles the CLI and ships the playground with it; returns esbuild's record of the inputs. */
export async function buildCli(): Promise<Metafile> {
  rmSync(join(CLI_DIR, 'dist'), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(CLI_DIR, 'src', 'bundle-main.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22.12',
    // The workspace packages' sources, as everywhere in this repository (see .npmrc).
    conditions: ['autoscale-source'],
    // A CommonJS file has no import.meta: the modules that locate files beside themselves get the
    // bundle's own URL (the bundle sits in dist/, as they would).
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: `'use strict';\nconst __bundleUrl = require('node:url').pathToFileURL(__filename).href;` },
    external: ['uplot'],
    minify: true,
    // Licences of the inlined packages go to dist/THIRD-PARTY-NOTICES.md instead (build.ts).
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  if (!existsSync(join(PLAYGROUND_BUILT, 'index.html')))
    throw new Error(`${PLAYGROUND_BUILT} has no index.html: build the playground first`);
  mkdirSync(join(CLI_DIR, 'dist'), { recursive: true });
  cpSync(PLAYGROUND_BUILT, join(CLI_DIR, 'dist', 'playground'), { recursive: true });
  // The HTML report inlines it, read from beside the bundle as from beside replay's own dist/.
  if (!existsSync(EXPLAIN_PAGE_BUNDLE)) throw new Error(`${EXPLAIN_PAGE_BUNDLE} is missing: build it first`);
  cpSync(EXPLAIN_PAGE_BUNDLE, join(CLI_DIR, 'dist', 'explain-page.js'));
  const inlined = packageDirectories(Object.keys(result.metafile.inputs).map((input) => join(REPO_ROOT, input)));
  writeFileSync(
    join(CLI_DIR, 'dist', 'THIRD-PARTY-NOTICES.md'),
    noticesMarkdown(
      "`dist/cli.cjs`, the bundled `autoscale` command, (the playground's page has its own, `dist/playground/THIRD-PARTY-NOTICES.md`)",
      inlined,
    ),
  );
  return result.metafile;
}
