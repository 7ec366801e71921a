// Semantic tokens as readable lines (`text type.modifier...`), and their LSP integer encoding
// checked against positions computed independently.

import { describe, expect, it } from 'vitest';
import { LineMap } from '@autoscale/core';
import {
  analyzeDocument,
  encodeSemanticTokens,
  semanticTokens,
  SEMANTIC_TOKENS_LEGEND,
  type SemanticToken,
} from '@autoscale/language-service';

function lines(text: string, range?: { start: number; end: number }): string[] {
  return semanticTokens(analyzeDocument(text), range).map(
    (t) => `${text.slice(t.start, t.start + t.length)} ${[t.type, ...t.modifiers].join('.')}`,
  );
}

describe('semantic tokens', () => {
  it('classifies every kind of name, literal, comment and operator', () => {
    const text = [
      '// pool size',
      '$n = $PendingTasks.GetSample(TimeInterval_Minute * 5);',
      '$n = $n;',
      'h = time().hour;',
      's = "x";',
      '$TargetDedicated = max($n) + $CurrentDedicatedNodes + $Nope;',
      '$NodeDeallocationOption = requeue;',
      'w = $WallClockSeconds.Count();',
    ].join('\n');
    expect(lines(text)).toEqual([
      '// pool size comment',
      '$n variable.declaration',
      '= operator',
      '$PendingTasks variable.defaultLibrary.readonly',
      'GetSample method.defaultLibrary',
      'TimeInterval_Minute variable.readonly.static.defaultLibrary',
      '* operator',
      '5 number',
      '$n variable.modification',
      '= operator',
      '$n variable',
      'h variable.declaration',
      '= operator',
      'time function.defaultLibrary',
      'hour property.readonly.defaultLibrary',
      's variable.declaration',
      '= operator',
      '"x" string',
      '$TargetDedicated variable.modification.defaultLibrary.deprecated',
      '= operator',
      'max function.defaultLibrary',
      '$n variable',
      '+ operator',
      '$CurrentDedicatedNodes variable.defaultLibrary.readonly',
      '+ operator',
      '$NodeDeallocationOption variable.modification.defaultLibrary',
      '= operator',
      'requeue keyword',
      'w variable.declaration',
      '= operator',
      '$WallClockSeconds variable.defaultLibrary.readonly.deprecated',
      'Count method.defaultLibrary',
    ]);
  });

  it('only tokens touching a range', () => {
    const text = 'a = 1;\nb = 2;\nc = 3;';
    expect(lines(text, { start: 7, end: 12 })).toEqual(['b variable.declaration', '= operator', '2 number']);
  });

  it('tokens of incomplete and erroneous text', () => {
    expect(lines("x = $PendingTasks. + 'y' & 1")).toEqual([
      'x variable.declaration',
      '= operator',
      '$PendingTasks variable.defaultLibrary.readonly',
      '+ operator',
      "'y' string",
      '& operator',
      '1 number',
    ]);
  });

  it('none for an empty text', () => expect(lines('')).toEqual([]));
});

describe('semantic token encoding', () => {
  it('encodes line and character deltas, type index and modifier bits', () => {
    const text = 'x = 1;\n  // c\r\ny = $PendingTasks;';
    const tokens = semanticTokens(analyzeDocument(text));
    const data = encodeSemanticTokens(new LineMap(text), tokens);
    expect(data.length).toBe(tokens.length * 5);
    // Decode with positions computed independently of the encoder.
    let line = 0;
    let character = 0;
    const map = new LineMap(text);
    tokens.forEach((t, i) => {
      const [dLine, dChar, length, type, bits] = data.slice(i * 5, i * 5 + 5) as [
        number,
        number,
        number,
        number,
        number,
      ];
      line += dLine;
      character = dLine === 0 ? character + dChar : dChar;
      expect({ line, character }).toEqual(map.positionAt(t.start));
      expect(length).toBe(t.length);
      expect(SEMANTIC_TOKENS_LEGEND.tokenTypes[type]).toBe(t.type);
      const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, b) => (bits & (1 << b)) !== 0);
      expect([...modifiers].sort()).toEqual([...t.modifiers].sort());
    });
  });

  it('cuts a token that spans lines at each line end', () => {
    // In "abcdef\r\ngh\nij", offsets 2 to 11 cover "cdef", the line break, "gh", the break and "i".
    const token: SemanticToken = { start: 2, length: 10, type: 'comment', modifiers: [] };
    const data = encodeSemanticTokens(new LineMap('abcdef\r\ngh\nij'), [token]);
    const comment = SEMANTIC_TOKENS_LEGEND.tokenTypes.indexOf('comment');
    expect(data).toEqual([0, 2, 4, comment, 0, 1, 0, 2, comment, 0, 1, 0, 1, comment, 0]);
  });
});
