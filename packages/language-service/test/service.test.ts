// The LanguageService facade: the same answers as the feature functions, one analysis per text
// (snapshots are cached), and settings that persist between calls.

import { describe, expect, it } from 'vitest';
import { analyzeDocument, completion, hover, LanguageService, semanticTokens } from '@autoscale/language-service';
import { withCursor } from './support/markers.ts';

describe('LanguageService', () => {
  it('answers as the feature functions do', () => {
    const ls = new LanguageService();
    const { text, offset } = withCursor('x = $PendingTasks.‸');
    expect(ls.completion(text, offset)).toEqual(completion(analyzeDocument(text), offset));
    expect(ls.hover('x = max(1);', 5)).toEqual(hover(analyzeDocument('x = max(1);'), 5));
    expect(ls.semanticTokens('x = 1;')).toEqual(semanticTokens(analyzeDocument('x = 1;')));
  });

  it('analyses a text once for all features', () => {
    const text = 'x = 1; y = x + 2;';
    const ls = new LanguageService();
    expect(ls.document(text)).toBe(ls.document(text));
    expect(analyzeDocument(text)).toBe(ls.document(text));
    expect(analyzeDocument(`${text} `)).not.toBe(ls.document(text));
  });

  it('keeps recent texts cached and drops old ones', () => {
    const first = analyzeDocument('a = 1;');
    for (let i = 0; i < 20; i++) analyzeDocument(`b = ${i};`);
    expect(analyzeDocument('a = 1;')).not.toBe(first);
    expect(analyzeDocument('a = 1;')).toEqual(first);
  });

  it('inlay hints off by default, on when configured', () => {
    const ls = new LanguageService();
    const range = { start: 0, end: 6 };
    expect(ls.inlayHints('x = 1;', range)).toEqual([]);
    ls.configure({ inlayHints: { variableTypes: true } });
    expect(ls.inlayHints('x = 1;', range).map((h) => h.label)).toEqual([': double']);
    expect(ls.inlayHints('x = 1;', range, { variableTypes: false })).toEqual([]);
  });

  it('settings given at construction', () => {
    const ls = new LanguageService({ diagnostics: { semantic: false } });
    expect(ls.settings).toEqual({
      diagnostics: { syntax: true, semantic: false, lint: true },
      inlayHints: { variableTypes: false },
    });
    expect(ls.diagnostics('x = $Nope;').map((d) => d.code)).toEqual(['AS4007']);
  });

  it('code actions follow the configured layers', () => {
    const ls = new LanguageService({ diagnostics: { lint: false } });
    expect(ls.codeActions('$TargetDedicated = 1;', { start: 0, end: 0 })).toEqual([]);
    expect(
      ls.codeActions('$TargetDedicated = 1;', { start: 0, end: 0 }, { layers: { lint: true } }).length,
    ).toBeGreaterThan(0);
  });
});
