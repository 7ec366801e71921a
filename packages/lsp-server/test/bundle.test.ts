// The two entry points bundle as their hosts need them, with the esbuild the extension builds with:
// node-main.ts to CommonJS for the VS Code extension (so no import.meta and no top-level await
// anywhere it reaches), browser-main.ts for a web worker (so nothing from Node gets in).

import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = (name: string) => new URL(`../src/${name}`, import.meta.url).pathname;

describe('bundling the server', () => {
  it('bundles node-main.ts to CommonJS for Node without warnings (as extension/build.ts does)', async () => {
    const result = await build({
      entryPoints: [entry('node-main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    // "import.meta is not available in cjs" is a warning, yet it would break the bundled server.
    expect(result.warnings.map((w) => w.text)).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain('autoscale/evaluate');
  });

  it('bundles browser-main.ts for a web worker with nothing from Node', async () => {
    const result = await build({
      entryPoints: [entry('browser-main.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys((result.metafile as Metafile).inputs);
    expect(inputs.some((i) => i.includes('packages/lsp-server/src/server.ts'))).toBe(true);
    expect(inputs.filter((i) => i.startsWith('node:') || /vscode-languageserver[^/]*\/lib\/node\//.test(i))).toEqual(
      [],
    );
    expect(result.outputFiles[0]?.text).not.toMatch(/require\(["']node:/);
  });
});
