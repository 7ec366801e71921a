// readContext: the registry's metric names, overrides, and messages formatted with the file name.

import { describe, expect, it } from 'vitest';
import { readContext } from '../src/index.ts';

describe('readContext', () => {
  it('loads a context, with overrides winning', () => {
    const r = readContext(
      '{"now": "2026-01-05T10:00:00Z", "seed": 3, "metrics": {"$PendingTasks": {"values": "1 2"}}}',
      'ctx.json',
      { seed: 9 },
    );
    if (!r.ok) throw new Error(r.messages.join('\n'));
    expect(r.context.seed).toBe(9);
    expect(Array.from(r.context.metrics.get('$PendingTasks')?.values ?? [])).toEqual([1, 2]);
  });

  it('formats every mistake as file:line:col with a suggestion from the registry', () => {
    const r = readContext(
      '{"now": "2026-01-05T10:00:00Z",\n "metrics": {"$PendingTask": {"values": "1"}}}',
      'ctx.json',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.messages).toEqual([
      expect.stringMatching(
        /^ctx\.json:2:\d+: metrics\.\$PendingTask: unknown metric "\$PendingTask"; did you mean "\$PendingTasks"\?$/,
      ),
    ]);
  });
});
