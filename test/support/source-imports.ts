// Reading a TypeScript source tree's imports for the architecture tests: every .ts file under a
// directory, and the module specifiers each file names (static, re-exported and dynamic imports).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

export function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // `import x from 'm'`, `export ... from 'm'`, `import('m')`, and the bare `import 'm'`.
  return [
    ...text.matchAll(
      /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}
