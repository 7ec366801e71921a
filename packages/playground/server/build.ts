// Builds the playground's static files (dist/) with Vite's API: what `npm run build` does, and
// what `autoscale playground` runs when no build exists yet or --rebuild asks for one.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST_DIR } from './serve.ts';

const CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

export function isBuilt(root = DIST_DIR): boolean {
  return existsSync(join(root, 'index.html'));
}

export async function buildPlayground(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: CONFIG, logLevel: 'warn' });
}
