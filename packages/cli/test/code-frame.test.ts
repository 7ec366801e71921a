// Unit tests of the code frame under a diagnostic: tabs, multi-line ranges, empty ranges, CRLF.

import { describe, expect, it } from 'vitest';
import { LineMap } from '@autoscale/core';
import { codeFrame, summaryLine } from '../src/code-frame.ts';

describe('codeFrame', () => {
  it('underlines the range with ^ then ~', () => {
    expect(codeFrame(new LineMap('x = foo + 1;'), 4, 7)).toBe('  1 | x = foo + 1;\n    |     ^~~\n');
  });

  it('keeps tabs before the range so the underline lines up', () => {
    expect(codeFrame(new LineMap('\tx =\tfoo;'), 5, 8)).toBe('  1 | \tx =\tfoo;\n    | \t   \t^~~\n');
  });

  it('clips a multi-line range to its first line and shows an empty range as one caret', () => {
    const lines = new LineMap('a = 1;\r\nb = (1 +\r\n 2);');
    expect(codeFrame(lines, 12, 22)).toBe('  2 | b = (1 +\n    |     ^~~~\n');
    expect(codeFrame(lines, 6, 6)).toBe('  1 | a = 1;\n    |       ^\n');
  });

  it('widens the gutter for long files', () => {
    const text = `${'a = 1;\n'.repeat(11)}b = 2;`;
    expect(codeFrame(new LineMap(text), text.length - 6, text.length - 5)).toBe('  12 | b = 2;\n     | ^\n');
  });
});

describe('summaryLine', () => {
  it('counts by severity, pluralised, and mentions infos and hints only when present', () => {
    expect(summaryLine([], 1)).toBe('0 errors, 0 warnings in 1 file');
    const d = (severity: 'error' | 'warning' | 'info' | 'hint') => ({
      code: 'AS4001' as const,
      severity,
      message: '',
      range: { start: 0, end: 0 },
    });
    expect(summaryLine([d('error'), d('warning'), d('warning'), d('hint')], 2)).toBe(
      '1 error, 2 warnings, 1 hint in 2 files',
    );
  });
});
