// Every run of the command declares all its commands (commander), so what a declaration calls is
// paid by every start-up: no locale formatting there (toLocaleString's and Intl's first call start
// ICU's formatters, about 10 ms, a tenth of `autoscale check`'s start-up).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli.ts';

const COMMANDS = join(REPO_ROOT, 'packages/cli/src/commands');

/** The file's code without its comments (line comments and block comments). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('command declarations', () => {
  const files = readdirSync(COMMANDS).filter((f) => f.endsWith('.ts'));

  it('are found', () => {
    expect(files).toContain('tune.ts');
    expect(files).toContain('replay.ts');
  });

  it.each(files)('%s formats no number or date by locale', (file) => {
    const text = code(readFileSync(join(COMMANDS, file), 'utf8'));
    expect(text).not.toMatch(/\.toLocale(String|DateString|TimeString)\(|\bIntl\./);
  });
});
