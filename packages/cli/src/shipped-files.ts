// Where the CLI finds the files it ships beside its code: the browser playground's static site,
// which `npm run build` writes into this package's dist/playground/ and `npm pack` packs with it.
// Found from the package's root, so the answer is the same whether this runs as the TypeScript
// sources (src/) in a checkout or as the published one-file bundle (dist/cli.cjs).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding this package's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** The playground's built static files (index.html and its assets). */
export function playgroundFiles(): string {
  return join(packageRoot(), 'dist', 'playground');
}
