// Hover cases: the cursor on a name, the span the hover must cover (marked ⟦ ⟧) and what its
// markdown must say. Built-ins' expectations come from their registry entries.

import { describe, expect, it } from 'vitest';
import { registry, type RegistryEntry } from '@autoscale/core';
import { analyzeDocument, hover } from '@autoscale/language-service';
import { markRanges, parseMarked } from './support/markers.ts';

interface Case {
  name: string;
  /** The formula with `‸` at the cursor and ⟦ ⟧ around the span the hover must cover. */
  text: string;
  /** The built-in under the cursor, when there is one (a lookup finding nothing fails the case). */
  entry?: RegistryEntry | undefined;
  contains?: string[];
  excludes?: string[];
}

const CASES: Case[] = [
  {
    name: 'a sampled metric: signature, unit, docs, example',
    text: 'x = ⟦$Pend‸ingTasks⟧.GetSample(1);',
    entry: registry.variable('$PendingTasks'),
    contains: ['sampled metric', 'unit: tasks'],
  },
  {
    name: 'a writable target',
    text: '⟦$TargetDedicatedNodes‸⟧ = 1;',
    entry: registry.variable('$TargetDedicatedNodes'),
    contains: ['read-write', 'unit: nodes', '`$TargetDedicated`'],
  },
  {
    name: 'a legacy alias names the full name',
    text: '⟦$Target‸Dedicated⟧ = 1;',
    entry: registry.variable('$TargetDedicatedNodes'),
    contains: ['`$TargetDedicated` is the legacy name of `$TargetDedicatedNodes`'],
  },
  {
    name: 'a plain read-only variable',
    text: 'x = ⟦‸$CurrentDedicatedNodes⟧;',
    entry: registry.variable('$CurrentDedicatedNodes'),
    contains: ['read-only'],
  },
  {
    name: 'a retired metric',
    text: 'x = ⟦$WallClock‸Seconds⟧.Count();',
    entry: registry.variable('$WallClockSeconds'),
    contains: ['retired'],
  },
  {
    name: 'a function lists every overload',
    text: 'x = ⟦ce‸il⟧(1.5);',
    entry: registry.function('ceil'),
    contains: ['ceil(double) -> double', 'ceil(doubleVecList) -> doubleVec'],
  },
  {
    name: 'a sample method',
    text: 'x = $PendingTasks.⟦GetSample‸Percent⟧(TimeInterval_Minute);',
    entry: registry.method('GetSamplePercent'),
    contains: ['$metric.GetSamplePercent(startTime) -> double'],
  },
  {
    name: 'a timestamp member',
    text: 'h = time().⟦ho‸ur⟧;',
    entry: registry.member('hour'),
    contains: ['timestamp.hour -> double'],
  },
  {
    name: 'a constant',
    text: 'w = ⟦TimeInterval_‸Minute⟧ * 5;',
    entry: registry.constant('TimeInterval_Minute'),
    contains: ['TimeInterval_Minute: timeinterval'],
  },
  {
    name: 'a deallocation keyword',
    text: '$NodeDeallocationOption = ⟦task‸completion⟧;',
    entry: registry.keyword('taskcompletion'),
    contains: ['deallocation option'],
  },
  { name: 'the cursor just after a name still hovers it', text: 'x = ⟦max‸⟧(1);', entry: registry.function('max') },
  {
    name: 'a user variable read: its type and the statement that assigned it',
    text: '$t = time();\n$later = ⟦$‸t⟧.hour;',
    contains: ['$t: timestamp', 'value assigned on line 1', '$t = time();'],
  },
  {
    name: 'the assignment a read sees, not a later one',
    text: 'x = 1;\ny = ⟦x‸⟧ * 2;\nx = time();',
    contains: ['x: double', 'line 1', 'x = 1;', 'assigned 2 times'],
    excludes: ['x = time();'],
  },
  {
    name: 'a user variable at its assignment',
    text: '⟦$cou‸nt⟧ = $PendingTasks.Count();',
    contains: ['$count: double', 'assigned here', '$count = $PendingTasks.Count();'],
  },
  { name: 'a metric assigned to a variable holds a double', text: '⟦m‸⟧ = $PendingTasks;', contains: ['m: double'] },
  {
    name: 'a user variable read before it is assigned',
    text: 'y = ⟦x‸⟧;\nx = 1;',
    contains: ['x: unknown', 'read before any statement assigns it', 'line 2'],
  },
  {
    name: 'a statement over several lines is shown whole',
    text: 'x = max(1,\n  2);\ny = ⟦x‸⟧;',
    contains: ['x = max(1,\n  2);'],
  },
];

const NOTHING: Array<{ name: string; text: string }> = [
  { name: 'whitespace', text: 'x = 1 ‸ + 2;' },
  { name: 'a number', text: 'x = 1‸2;' },
  { name: 'an unknown name', text: 'x = $Nope‸;' },
  { name: 'a comment', text: '// $Pending‸Tasks' },
  { name: 'an empty text', text: '‸' },
];

describe('hover', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const m = parseMarked(c.text);
      const h = hover(analyzeDocument(m.text), m.cursor);
      expect(h).toBeDefined();
      if (!h) return;
      expect(markRanges(m.text, [h.range])).toBe(markRanges(m.text, m.ranges));
      if ('entry' in c) {
        // A case about a built-in whose registry lookup found nothing must fail, not skip its docs checks.
        expect(c.entry, 'the registry entry of the case').toBeDefined();
        if (!c.entry) return;
        for (const part of [c.entry.example, c.entry.docs.split('\n')[0] ?? '']) expect(h.markdown).toContain(part);
        expect(h.markdown).toContain('```batch-autoscale');
      }
      for (const part of c.contains ?? []) expect(h.markdown).toContain(part);
      for (const part of c.excludes ?? []) expect(h.markdown).not.toContain(part);
    });
  }
  for (const c of NOTHING) {
    it(`nothing on ${c.name}`, () => {
      const m = parseMarked(c.text);
      expect(hover(analyzeDocument(m.text), m.cursor)).toBeUndefined();
    });
  }
});

describe('hover on a node target: its bounds in this formula', () => {
  const at = (marked: string) => {
    const { text, cursor } = parseMarked(marked);
    return hover(analyzeDocument(text), cursor)?.markdown ?? '';
  };

  it('shows the range a capped target can take, first', () => {
    const markdown = at('$TargetDedicated‸Nodes = min(20, max($PendingTasks.GetSample(TimeInterval_Minute * 5)));');
    expect(markdown.startsWith('**In this formula:** 0 to 20 nodes.')).toBe(true);
    expect(markdown).toContain('*service variable · read-write · unit: nodes*');
  });

  it('says when nothing bounds it, also where it is read', () => {
    const markdown = at(
      '$TargetLowPriorityNodes = max($ActiveTasks.GetSample(TimeInterval_Minute * 5));\n$x = $TargetLowPriority‸Nodes;',
    );
    expect(markdown).toContain('**In this formula:** 0 or more nodes: no upper bound.');
  });

  it('says a target the formula does not assign stays as the pool has it', () => {
    expect(at('$x = $TargetLowPriority‸Nodes; $TargetDedicatedNodes = 1;')).toContain(
      "**In this formula:** not assigned: the pool's target stays as it is.",
    );
  });

  it('shows no bounds while the formula has an error, nor on other service variables', () => {
    expect(at('$TargetDedicated‸Nodes = $nope;')).not.toContain('In this formula');
    expect(at('$TargetDedicatedNodes = min(3, $Pending‸Tasks.GetSample(1));')).not.toContain('In this formula');
  });
});
