// Diagnostics by layer: each of syntax, semantic and lint can be switched off; every diagnostic
// carries its layer, and codes editors draw specially carry tags.

import { describe, expect, it } from 'vitest';
import { analyzeFormula, codeInfo } from '@autoscale/core';
import { analyzeDocument, diagnostics, LanguageService } from '@autoscale/language-service';

// One of each layer: a single-quoted string (syntax), an unknown name (semantic), a legacy alias and
// a statement with no effect (lint).
const TEXT = "s = 'a';\nx = $Nope;\n$TargetDedicated = 1;\nx + 1;";

function codes(layers?: { syntax?: boolean; semantic?: boolean; lint?: boolean }): string[] {
  return diagnostics(analyzeDocument(TEXT), layers).map((d) => d.code);
}

describe('diagnostics', () => {
  it('all layers by default: exactly what core reports', () => {
    expect(codes()).toEqual(analyzeFormula(TEXT).diagnostics.map((d) => d.code));
    expect(codes()).toEqual(['AS1005', 'AS2001', 'AS4009', 'AS4014']);
  });
  it('each layer can be switched off', () => {
    expect(codes({ lint: false })).toEqual(['AS1005', 'AS2001']);
    expect(codes({ syntax: false })).toEqual(['AS2001', 'AS4009', 'AS4014']);
    expect(codes({ semantic: false })).toEqual(['AS1005', 'AS4009', 'AS4014']);
    expect(codes({ syntax: false, semantic: false, lint: false })).toEqual([]);
  });
  it('labels each diagnostic with its layer and keeps core fixes', () => {
    for (const d of diagnostics(analyzeDocument(TEXT))) expect(d.layer).toBe(codeInfo(d.code).layer);
    const quote = diagnostics(analyzeDocument(TEXT)).find((d) => d.code === 'AS1005');
    expect(quote?.fixes?.[0]?.edits).toEqual([{ range: { start: 4, end: 7 }, newText: '"a"' }]);
  });
  it('tags code with no effect as unnecessary and legacy names as deprecated', () => {
    const byCode = new Map(diagnostics(analyzeDocument(TEXT)).map((d) => [d.code, d.tags]));
    expect(byCode.get('AS4014')).toEqual(['unnecessary']);
    expect(byCode.get('AS4009')).toEqual(['deprecated']);
    expect(byCode.get('AS2001')).toBeUndefined();
  });
  it('the service applies its configured layers, overridable per call', () => {
    const ls = new LanguageService({ diagnostics: { lint: false } });
    expect(ls.diagnostics(TEXT).map((d) => d.code)).toEqual(['AS1005', 'AS2001']);
    expect(ls.diagnostics(TEXT, { lint: true }).map((d) => d.code)).toContain('AS4014');
    ls.configure({ diagnostics: { lint: true, syntax: false } });
    expect(ls.diagnostics(TEXT).map((d) => d.code)).toEqual(['AS2001', 'AS4009', 'AS4014']);
    expect(ls.settings.diagnostics).toEqual({ syntax: false, semantic: true, lint: true });
  });
  it('an empty text has no diagnostics', () => expect(diagnostics(analyzeDocument(''))).toEqual([]));
});
