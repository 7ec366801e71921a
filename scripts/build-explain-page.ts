// Bundles the HTML report's explain script (packages/replay/src/explain/page.ts, with core's
// evaluator) into one browser file, packages/replay/dist/explain-page.js, which the report inlines
// (report/html-assets.ts). An IIFE: the report's strict CSP allows inline scripts by hash only,
// and the bundle must need no eval (the report's browser test fails on any CSP violation).

import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './paths.ts';

export const EXPLAIN_PAGE_BUNDLE = join(REPO_ROOT, 'packages', 'replay', 'dist', 'explain-page.js');

export async function buildExplainPage(): Promise<void> {
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(REPO_ROOT, 'packages', 'replay', 'src', 'explain', 'page.ts')],
    outfile: EXPLAIN_PAGE_BUNDLE,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    conditions: ['autoscale-source'],
    minify: true,
    // The CLI's and the replay package's notices cover what this file inlines (core and chevrotain).
    legalComments: 'none',
    logLevel: 'warning',
  });
}
