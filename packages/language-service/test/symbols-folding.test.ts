// Document symbols (one per assignment, with the type assigned) and folding ranges (comment
// blocks of two or more lines, statements over several lines), as readable lines.

import { describe, expect, it } from 'vitest';
import { analyzeDocument, documentSymbols, foldingRanges } from '@autoscale/language-service';

function symbolLines(text: string): string[] {
  return documentSymbols(analyzeDocument(text)).map(
    (s) => `${s.kind} ${s.name}: ${s.detail} [${text.slice(s.range.start, s.range.end)}] @${s.statement}`,
  );
}

function foldLines(text: string): string[] {
  const doc = analyzeDocument(text);
  return foldingRanges(doc).map(
    (f) => `${f.kind} ${doc.lines.positionAt(f.start).line}-${doc.lines.positionAt(f.end).line}`,
  );
}

describe('document symbols', () => {
  it('one per assignment, with the assigned type', () => {
    const text =
      '$t = time();\n$n = $PendingTasks.GetSample(10);\nc = $PendingTasks;\n$TargetDedicatedNodes = max($n);\n$NodeDeallocationOption = requeue;\nstop();';
    expect(symbolLines(text)).toEqual([
      'userVariable $t: timestamp [$t = time()] @0',
      'userVariable $n: doubleVec [$n = $PendingTasks.GetSample(10)] @1',
      'userVariable c: double [c = $PendingTasks] @2',
      'serviceVariable $TargetDedicatedNodes: double [$TargetDedicatedNodes = max($n)] @3',
      'serviceVariable $NodeDeallocationOption: deallocation option [$NodeDeallocationOption = requeue] @4',
    ]);
  });
  it('every assignment of a reassigned variable, and unknown types after errors', () => {
    expect(symbolLines('x = 1;\nx = $Nope;')).toEqual([
      'userVariable x: double [x = 1] @0',
      'userVariable x: unknown [x = $Nope] @1',
    ]);
  });
  it('assignments in incomplete text', () => {
    expect(symbolLines('x = 1;\ny = ')).toEqual([
      'userVariable x: double [x = 1] @0',
      'userVariable y: unknown [y] @1',
    ]);
  });
  it('none for an empty text', () => expect(symbolLines('')).toEqual([]));
});

describe('folding ranges', () => {
  it('comment blocks of two or more lines and multi-line statements', () => {
    const text = [
      '// one',
      '// two',
      '// three',
      'x = 1; // trailing',
      '// alone',
      '',
      'y = max(1,',
      '  2);',
      '  // a',
      '  // b',
    ].join('\n');
    expect(foldLines(text)).toEqual(['comment 0-2', 'statement 6-7', 'comment 8-9']);
  });
  it('a trailing comment does not start a block', () => {
    expect(foldLines('x = 1; // a\n// b')).toEqual([]);
  });
  it('a blank line ends a block', () => {
    expect(foldLines('// a\n\n// b')).toEqual([]);
  });
  it('CRLF line ends', () => {
    expect(foldLines('// a\r\n// b\r\nx = 1;')).toEqual(['comment 0-1']);
  });
});
