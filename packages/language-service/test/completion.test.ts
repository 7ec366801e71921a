// Completion cases: a formula with the cursor at `‸`, the context the service must read there, and
// what the list must (and must not) hold. Lists of built-ins are computed from the registry.

import { describe, expect, it } from 'vitest';
import { analyzeFormula, registry } from '@autoscale/core';
import {
  analyzeDocument,
  completion,
  snippetToPlainText,
  TEMPLATES,
  type CompletionContextKind,
  type CompletionItem,
} from '@autoscale/language-service';
import { withCursor } from './support/markers.ts';

const methods = registry.methods.map((m) => m.name);
const members = registry.members.map((m) => m.name);
const keywords = registry.keywords.map((k) => k.name);
const serviceVariables = registry.variables.map((v) => v.name);
const writable = registry.variables.filter((v) => v.access === 'readwrite').map((v) => v.name);
const templates = TEMPLATES.map((t) => `template: ${t.label}`);

interface Case {
  name: string;
  text: string;
  context: CompletionContextKind;
  /** The labels, exactly (order aside). */
  exactly?: string[];
  includes?: string[];
  excludes?: string[];
  /** The range the items replace, as [start, end] offsets. */
  replaces?: [number, number];
}

const CASES: Case[] = [
  {
    name: 'sample methods only after a metric and a dot',
    text: 'x = $PendingTasks.‸',
    context: 'member',
    exactly: methods,
    replaces: [18, 18],
  },
  {
    name: 'sample methods while the method name is typed',
    text: 'x = $PendingTasks.GetS‸',
    context: 'member',
    exactly: methods,
    replaces: [18, 22],
  },
  {
    name: 'the whole word is replaced from inside it',
    text: 'x = $PendingTasks.Get‸Sample(1);',
    context: 'member',
    exactly: methods,
    replaces: [18, 27],
  },
  {
    name: 'sample methods before an argument list',
    text: 'x = $CPUPercent.‸(TimeInterval_Minute);',
    context: 'member',
    exactly: methods,
  },
  { name: 'timestamp members after time()', text: 'x = time().‸', context: 'member', exactly: members },
  {
    name: 'timestamp members after a timestamp variable',
    text: '$now = time();\nh = $now.‸',
    context: 'member',
    exactly: members,
  },
  {
    name: 'timestamp members after a parenthesised timestamp',
    text: 'h = (time() + TimeInterval_Hour).h‸ + 1;',
    context: 'member',
    exactly: members,
  },
  {
    name: 'timestamp members after HistoryBeginTime()',
    text: 'y = $PendingTasks.HistoryBeginTime().‸',
    context: 'member',
    exactly: members,
  },
  {
    name: 'nothing after a number-valued variable and a dot',
    text: 'x = 1 + 2;\ny = x.‸',
    context: 'member',
    exactly: [],
  },
  {
    name: 'nothing after a plain service variable and a dot',
    text: 'y = $CurrentDedicatedNodes.‸',
    context: 'member',
    exactly: [],
  },
  {
    name: 'a metric stored in a user variable is a number',
    text: '$m = $PendingTasks;\ny = $m.‸',
    context: 'member',
    exactly: [],
  },
  {
    name: 'both lists when the receiver is unknown',
    text: 'y = $Undefined.‸',
    context: 'member',
    exactly: [...methods, ...members],
  },
  {
    name: 'the four keywords after $NodeDeallocationOption =',
    text: '$NodeDeallocationOption = ‸',
    context: 'deallocation',
    exactly: keywords,
  },
  {
    name: 'keywords while one is typed',
    text: '$NodeDeallocationOption = task‸',
    context: 'deallocation',
    exactly: keywords,
    replaces: [26, 30],
  },
  {
    name: 'keywords before the semicolon',
    text: '$TargetDedicatedNodes = 1;\n$NodeDeallocationOption =‸;',
    context: 'deallocation',
    exactly: keywords,
  },
  {
    name: 'no keywords after another target',
    text: '$TargetDedicatedNodes = ‸',
    context: 'expression',
    excludes: keywords,
    includes: ['max', '$PendingTasks', 'TimeInterval_Minute'],
  },
  {
    name: 'only $ names after $ in an expression',
    text: 'x = $‸',
    context: 'expression',
    exactly: serviceVariables,
    replaces: [4, 5],
  },
  {
    name: 'user variables assigned above, not below',
    text: '$a = 1;\nb = 2;\nc = ‸;\nd = 4;\n$e = 5;',
    context: 'expression',
    includes: ['$a', 'b', 'max', '$PendingTasks'],
    excludes: ['c', 'd', '$e'],
  },
  { name: 'a variable being assigned is not yet in scope', text: 'x = x‸', context: 'expression', excludes: ['x'] },
  {
    name: 'a reassigned variable is in scope from its first assignment',
    text: 'x = 1;\nx = x + ‸',
    context: 'expression',
    includes: ['x'],
  },
  {
    name: 'user $ variables after $',
    text: '$samples = 1;\n$TargetDedicatedNodes = $s‸',
    context: 'expression',
    includes: ['$samples', '$PendingTasks'],
    excludes: ['max'],
  },
  {
    name: 'functions but not stop() inside an expression',
    text: 'x = 1 + ‸',
    context: 'expression',
    includes: registry.functions.filter((f) => f.name !== 'stop').map((f) => f.name),
    excludes: ['stop', ...keywords, ...methods, ...members],
  },
  {
    name: 'constants inside an expression',
    text: 'x = $PendingTasks.GetSample(‸',
    context: 'expression',
    includes: registry.constants.map((c) => c.name),
  },
  {
    name: 'inside an argument list after a comma',
    text: 'x = max(1, ‸)',
    context: 'expression',
    includes: ['min', '$PendingTasks'],
  },
  { name: 'inside a vector literal', text: 'x = [1, ‸]', context: 'expression', includes: ['$PendingTasks'] },
  { name: 'after ? and :', text: 'x = 1 ? ‸', context: 'expression', includes: ['max'] },
  {
    name: 'statement start in an empty document: targets, stop(), templates',
    text: '‸',
    context: 'statement',
    exactly: [...writable, 'stop', ...templates],
  },
  {
    name: 'statement start after a semicolon',
    text: 'x = 1; ‸',
    context: 'statement',
    includes: [...writable, 'x', 'stop', ...templates],
    excludes: ['$PendingTasks', 'max'],
  },
  {
    name: 'only writable targets after $ at a statement start',
    text: '$x = 1;\n$‸',
    context: 'statement',
    exactly: [...writable, '$x'],
  },
  {
    name: 'statement start on a new line before its semicolon',
    text: 'x = 1\n‸',
    context: 'statement',
    includes: writable,
  },
  { name: 'nothing right after a complete operand on the same line', text: 'x = 3 ‸', context: 'none', exactly: [] },
  { name: 'nothing after a closing parenthesis', text: 'x = max(1) ‸', context: 'none', exactly: [] },
  { name: 'nothing inside a number', text: 'x = 12‸', context: 'none', exactly: [] },
  { name: 'nothing inside a string', text: 'x = time("Mon‸");', context: 'none', exactly: [] },
  { name: 'nothing inside an unterminated string', text: 'x = time("Mon‸', context: 'none', exactly: [] },
  { name: 'nothing inside a line comment', text: '// scale $Pend‸', context: 'none', exactly: [] },
  { name: 'nothing inside a block comment', text: '/* $Pend‸ */ x = 1;', context: 'none', exactly: [] },
  {
    name: 'completion after a comment on its own line',
    text: '// comment\n‸',
    context: 'statement',
    includes: writable,
  },
  {
    name: 'incomplete text after an operator',
    text: '$TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1) * ‸',
    context: 'expression',
    includes: ['$PendingTasks'],
  },
  { name: 'erroneous text before the cursor', text: 'x = 1 +* 2;\ny = ‸', context: 'expression', includes: ['x'] },
];

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

describe('completion', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { text, offset } = withCursor(c.text);
      const list = completion(analyzeDocument(text), offset);
      expect(list.context).toBe(c.context);
      const got = labels(list.items);
      if (c.exactly) expect([...got].sort()).toEqual([...c.exactly].sort());
      for (const label of c.includes ?? []) expect(got).toContain(label);
      for (const label of c.excludes ?? []) expect(got).not.toContain(label);
      if (c.replaces) for (const item of list.items) expect([item.range.start, item.range.end]).toEqual(c.replaces);
      expect(new Set(got).size).toBe(got.length);
    });
  }

  it('offers functions as snippets with their parameters', () => {
    const { text, offset } = withCursor('x = ‸');
    const items = completion(analyzeDocument(text), offset).items;
    const byLabel = new Map(items.map((i) => [i.label, i]));
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: LSP snippet placeholders, not JavaScript templates
    expect(byLabel.get('max')).toMatchObject({
      insertText: 'max(${1:values})',
      insertTextFormat: 'snippet',
      triggerSignatureHelp: true,
      kind: 'function',
    });
    expect(byLabel.get('percentile')).toMatchObject({
      insertText: 'percentile(${1:v}, ${2:p})',
      insertTextFormat: 'snippet',
    });
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: LSP snippet placeholders
    expect(byLabel.get('rand')).toMatchObject({ insertText: 'rand()', insertTextFormat: 'plain' });
    // time() and time("...") both exist: the cursor is left inside the parentheses.
    expect(byLabel.get('time')).toMatchObject({ insertText: 'time($1)', insertTextFormat: 'snippet' });
    expect(byLabel.get('$PendingTasks')).toMatchObject({
      insertText: '$PendingTasks',
      insertTextFormat: 'plain',
      kind: 'serviceVariable',
    });
  });

  it('inserts the name alone when the argument list is already written', () => {
    for (const [marked, label] of [
      ['x = ma‸x(1);', 'max'],
      ['x = $PendingTasks.Get‸Sample(1);', 'GetSample'],
    ] as const) {
      const { text, offset } = withCursor(marked);
      const item = completion(analyzeDocument(text), offset).items.find((i) => i.label === label);
      expect(item, marked).toMatchObject({ insertText: label, insertTextFormat: 'plain' });
      expect(item?.triggerSignatureHelp).toBeUndefined();
    }
  });

  it('documents each built-in with its registry docs and example', () => {
    const { text, offset } = withCursor('x = ‸');
    for (const item of completion(analyzeDocument(text), offset).items) {
      const entry = registry.all().find((e) => e.name === item.label);
      if (!entry) continue;
      expect(item.documentation).toContain(entry.example);
      expect(item.detail.length).toBeGreaterThan(0);
    }
  });

  it('marks retired metrics deprecated and sorts them after current ones', () => {
    const { text, offset } = withCursor('x = $‸');
    const items = completion(analyzeDocument(text), offset).items;
    const retired = items.find((i) => i.label === '$WallClockSeconds');
    const current = items.find((i) => i.label === '$PendingTasks');
    expect(retired?.deprecated).toBe(true);
    expect(current?.deprecated).toBeUndefined();
    expect((retired?.sortText ?? '') > (current?.sortText ?? '')).toBe(true);
  });

  it('shows a user variable with the type it holds', () => {
    const { text, offset } = withCursor('$t = time();\n$n = 2;\nx = ‸');
    const items = completion(analyzeDocument(text), offset).items;
    expect(items.find((i) => i.label === '$t')).toMatchObject({ kind: 'userVariable', detail: 'timestamp' });
    expect(items.find((i) => i.label === '$n')).toMatchObject({ detail: 'double' });
  });

  it('never offers legacy aliases', () => {
    const { text, offset } = withCursor('$‸');
    const aliases = registry.variables.flatMap((v) => v.aliases);
    expect(aliases.length).toBeGreaterThan(0);
    for (const label of labels(completion(analyzeDocument(text), offset).items)) expect(aliases).not.toContain(label);
  });
});

describe('templates', () => {
  for (const t of TEMPLATES) {
    it(`${t.label}: checks without errors or warnings, and its snippet inserts the same text`, () => {
      const found = analyzeFormula(t.text).diagnostics.filter(
        (d) => d.severity === 'error' || d.severity === 'warning',
      );
      expect(found.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(snippetToPlainText(t.snippet)).toBe(t.text);
      // Every `$` of a variable is escaped, or the editor would read it as a snippet variable.
      expect(/(^|[^\\])\$[A-Za-z]/.test(t.snippet)).toBe(false);
    });
  }

  it('offers the four templates the issue asks for', () => {
    expect(TEMPLATES.map((t) => t.label)).toEqual(['pending tasks', 'CPU', 'time of day', 'pool age']);
  });
});
