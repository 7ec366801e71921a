// What the HTML report inlines so it opens offline: uPlot's script and style, read from the
// installed `uplot` package, and the Content-Security-Policy that allows exactly the inline
// script and style blocks of the page (by SHA-256 hash) and nothing else: no network, no eval.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ChartLibrary {
  script: string;
  style: string;
  version: string;
}

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

export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** A policy that permits only the given inline scripts and styles; images only as data: URIs. */
export function contentSecurityPolicy(scripts: readonly string[], styles: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(sha256Source).join(' ')}`,
    `style-src ${styles.map(sha256Source).join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
