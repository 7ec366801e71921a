// What the HTML report inlines so it opens offline: uPlot's script and style, read from the
// installed `uplot` package, the explain script the build bundles (explain-page.js: core's
// evaluator, to explain any point in the page), and the Content-Security-Policy that allows exactly the inline
// script and style blocks of the page (by SHA-256 hash) and nothing else: no network, no eval.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { contentSecurityPolicy as policyOfHashes, type ChartLibrary } from './html-page.ts';

let cached: ChartLibrary | undefined;

/** uPlot's minified IIFE build (defines the global `uPlot`) and its stylesheet. */
export function chartLibrary(): ChartLibrary {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('uplot/package.json');
  const dir = pkg.slice(0, -'package.json'.length);
  const script = readFileSync(`${dir}dist/uPlot.iife.min.js`, 'utf8');
  const style = readFileSync(`${dir}dist/uPlot.min.css`, 'utf8');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  // A closing tag inside an inline block would end it early; uPlot's build has none, and we check.
  if (/<\/script/i.test(script) || /<\/style/i.test(style))
    throw new Error('uPlot build contains a closing tag and cannot be inlined');
  cached = { script, style, version };
  return cached;
}

let explainCached: string | undefined;

/**
 * The explain script, found beside this module's own place once built: dist/explain-page.js of
 * @autoscale/replay (from dist/report/ or, in this repository, src/report/), or the copy beside
 * the bundled `autoscale` command (whose modules all see the bundle's own URL).
 */
export function explainScript(): string {
  if (explainCached !== undefined) return explainCached;
  const candidates = ['./explain-page.js', '../explain-page.js', '../../dist/explain-page.js'].map(
    (relative) => new URL(relative, import.meta.url),
  );
  const found = candidates.find((url) => existsSync(url));
  if (found === undefined)
    throw new Error(
      `the HTML report's explain script (explain-page.js) is missing beside ${new URL('.', import.meta.url).pathname}: run \`npm run build\``,
    );
  const script = readFileSync(found, 'utf8');
  if (/<\/script/i.test(script)) throw new Error('explain-page.js contains a closing tag and cannot be inlined');
  explainCached = script;
  return script;
}

export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** A policy that permits only the given inline scripts and styles; images only as data: URIs. */
export function contentSecurityPolicy(scripts: readonly string[], styles: readonly string[]): string {
  return policyOfHashes(scripts.map(sha256Source), styles.map(sha256Source));
}
