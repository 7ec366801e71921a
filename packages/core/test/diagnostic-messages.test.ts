// The message templates of the diagnostic registry (src/diagnostics.ts): placeholders are filled
// from arguments, the types demand every placeholder, no template is dead, and no reporting site
// outside the registry writes a message of its own.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTIC_CODES,
  type DiagnosticCode,
  diagnostic,
  diagnosticMessage,
  FIX_TITLES,
  fillTemplate,
  fix,
  replaceFix,
} from '../src/diagnostics.ts';

const SOURCE_ROOTS = [join(import.meta.dirname, '../src'), join(import.meta.dirname, '../../language-service/src')];

/** Every source file but the registry itself, by path. */
function sourceFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && entry.name !== 'diagnostics.ts'
      ? [{ path, text: readFileSync(path, 'utf8') }]
      : [];
  });
}
const FILES = SOURCE_ROOTS.flatMap(sourceFiles);
const SOURCES = FILES.map((file) => file.text);
const CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

describe('diagnostic message templates', () => {
  it('fill every placeholder from the arguments, numbers included', () => {
    expect(diagnosticMessage('AS2001', 'didYouMean', { name: 'foo', suggestion: '$Foo' })).toBe(
      'Undefined symbol: foo. Did you mean $Foo?',
    );
    expect(diagnosticMessage('AS1010', 'tooMany', { count: 101, limit: 100 })).toBe(
      'Formula has 101 statements; the service accepts at most 100.',
    );
    // A placeholder used twice is filled twice.
    expect(diagnosticMessage('AS2001', 'functionWithoutCall', { name: 'time' })).toBe(
      'Undefined symbol: time is a function; call it as time(...).',
    );
    // Single braces are text, not placeholders.
    expect(diagnosticMessage('AS1007', 'interpolation', { character: '{' })).toContain('{pool.CurrentDedicatedNodes}');
    expect(fillTemplate('a {{x}} b {{y}}', { x: 1, y: 'two' })).toBe('a 1 b two');
  });

  it('make diagnostics with the code, its severity and the filled message', () => {
    const range = { start: 3, end: 6 };
    expect(diagnostic('AS4005', 'seven', {}, range)).toEqual({
      code: 'AS4005',
      severity: 'warning',
      message: 'weekday runs from 0 (Sunday) to 6 (Saturday): it is never 7. Use 0 for Sunday.',
      range,
    });
    const d = diagnostic('AS2003', 'didYouMean', { name: 'mx', suggestion: 'max' }, range, [replaceFix(range, 'max')]);
    expect(d.fixes).toEqual([{ title: 'Change to max', edits: [{ range, newText: 'max' }] }]);
    expect(fix('callWithoutArguments', { name: 'time' }, []).title).toBe('Call time()');
  });

  it('are checked by the types: a missing argument or an unknown id does not compile', () => {
    const range = { start: 0, end: 1 };
    // @ts-expect-error: 'suggestion' is missing.
    expect(diagnostic('AS2001', 'didYouMean', { name: 'x' }, range).message).toContain('undefined');
    // @ts-expect-error: AS2001 has no message 'seven'.
    expect(() => diagnosticMessage('AS2001', 'seven', {})).not.toThrow();
  });

  it('use only {{word}} placeholders, and every code has at least one message', () => {
    for (const code of CODES) {
      const messages: Record<string, string> = DIAGNOSTIC_CODES[code].messages;
      expect(Object.keys(messages).length, code).toBeGreaterThan(0);
      for (const [id, template] of Object.entries(messages)) {
        const withoutPlaceholders = template.replace(/\{\{\w+\}\}/g, '');
        expect(withoutPlaceholders.includes('{{') || withoutPlaceholders.includes('}}'), `${code}.${id}`).toBe(false);
      }
    }
  });

  it('are all used: each message id and fix title appears at a reporting site', () => {
    const unused: string[] = [];
    for (const code of CODES) {
      const sitesOfCode = SOURCES.filter((text) => text.includes(`'${code}'`));
      for (const id of Object.keys(DIAGNOSTIC_CODES[code].messages))
        if (!sitesOfCode.some((text) => text.includes(`'${id}'`))) unused.push(`${code}.${id}`);
    }
    for (const title of Object.keys(FIX_TITLES))
      if (!SOURCES.some((text) => text.includes(`'${title}'`)) && title !== 'changeTo') unused.push(`fix ${title}`);
    expect(unused).toEqual([]);
  });

  it('are the only place messages are written: no reporting site passes prose', () => {
    // The old way: a message built at the call, e.g. diagnostic('AS2001', `Undefined symbol: ${name}`, ...).
    const prose = SOURCES.flatMap((text) => [
      ...text.matchAll(/\b(?:diagnostic|evaluationFailure|report)\(\s*'AS\d{4}',\s*[`"]/g),
    ]);
    expect(prose.map((m) => m[0])).toEqual([]);
    // Evaluation failures are made only by runtime/errors.ts's evaluationFailure(), from the templates.
    const constructed = FILES.filter((file) => /new EvaluationFailure\(/.test(file.text)).map((file) => file.path);
    expect(constructed.map((path) => path.replace(/.*\/src\//, ''))).toEqual(['runtime/errors.ts']);
  });
});
