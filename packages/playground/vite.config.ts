// Builds the playground into dist/: a static site (index.html, hashed scripts, workers, Monaco's
// font, the example recording) that any web server can host, under any path. The build writes the
// Content Security Policy (csp.ts) into index.html, so the policy holds wherever it is served.

import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { noticesMarkdown, packageDirectories } from '../../scripts/third-party-notices.ts';

const cspMeta: Plugin = {
  name: 'autoscale-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

/**
 * THIRD-PARTY-NOTICES.md beside the page: the licences of the npm packages the page and its
 * workers inline (Monaco, uPlot, chevrotain, vscode-languageserver, ...). The workers are built
 * in builds of their own, which only collect; the page's build writes the file at its end.
 */
const bundled = new Set<string>();
function thirdPartyNotices(write: boolean): Plugin {
  return {
    name: 'autoscale-third-party-notices',
    apply: 'build',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk') for (const id of Object.keys(chunk.modules)) bundled.add(id);
      if (write)
        this.emitFile({
          type: 'asset',
          fileName: 'THIRD-PARTY-NOTICES.md',
          source: noticesMarkdown('The Batch autoscale playground', packageDirectories(bundled)),
        });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [cspMeta, thirdPartyNotices(true)],
  // The workspace packages' TypeScript sources, not their dist/ (see .npmrc).
  resolve: { conditions: ['autoscale-source', ...defaultClientConditions] },
  worker: { format: 'es', plugins: () => [thirdPartyNotices(false)] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would add an inline script, which the policy forbids; current browsers need none.
    modulePreload: { polyfill: false },
    // Monaco is large by nature; the page loads it once and caches it.
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
  },
});
