// The context loader's fast path: parseJson (JSON.parse plus a scan for repeated keys, falling back
// to the strict parser) gives the same value and the same errors as parseJsonWithLocations on any
// text, and a large context file of samples is loaded in a small multiple of its size.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonWithLocations } from '../src/context/json-locations.ts';

const same = (text: string): void => {
  const fast = parseJson(text);
  const located = parseJsonWithLocations(text);
  expect(fast.errors).toEqual(located.errors);
  expect(fast.value).toEqual(located.value);
  // An object made by either has the same own keys, "__proto__" included, as plain data.
  if (fast.value !== null && typeof fast.value === 'object')
    expect(Object.keys(fast.value)).toEqual(Object.keys(located.value as object));
};

describe('parseJson, the unlocated fast path', () => {
  it.each([
    '{"now": "2026-01-05T10:00:00Z", "metrics": {"$PendingTasks": {"samples": [["2026-01-05T09:59:00Z", 44]]}}}',
    '\uFEFF{"a": 1}',
    '{"a": 1, "a": 2}',
    '{"a": {"x": 1}, "b": {"x": 2}}',
    '{"a": 1, "\\u0061": 2}',
    '{"k": "a \\" , \\"a\\": 1", "a": 2}',
    '[{"a": 1}, {"a": 1}]',
    '{"__proto__": {"x": 1}}',
    '{"a": [1, 2,]}',
    '{"a": 1} x',
    "{'a': 1}",
    '',
  ])('agrees with the located parser on %j', (text) => same(text));

  it('agrees with the located parser on any JSON, and on JSON with a key repeated or a character changed', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', 'dup', 'cut'), (json, at, change) => {
        let text = json;
        if (change === 'dup') text = text.replace(/\{"([^"\\]*)":/, '{"$1": 0, "$1":');
        if (change === 'cut' && text.length > 0)
          text = text.slice(0, at % text.length) + text.slice((at % text.length) + 1);
        same(text);
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * Loads a context file of `samples` [time, value] pairs in a fresh process; its peak memory growth over the text's
 * size.
 */
const MEASURE = `
import { readContext } from ${JSON.stringify(fileURLToPath(new URL('../src/index.ts', import.meta.url)))};
const n = Number(process.argv.at(-1));
const start = Date.UTC(2026, 0, 1);
const pairs = [];
for (let i = 0; i < n; i++) pairs.push('["' + new Date(start + i * 30000).toISOString() + '", ' + ((i % 97) + 0.5) + ']');
const text = '{"now": "' + new Date(start + n * 30000).toISOString() + '", "metrics": {"$CPUPercent": {"samples": [' + pairs.join(',\\n') + ']}}}';
pairs.length = 0;
globalThis.gc();
const before = process.resourceUsage().maxRSS * 1024;
const loaded = readContext(text, 'ctx.json');
const growth = process.resourceUsage().maxRSS * 1024 - before;
console.log(JSON.stringify({ ok: loaded.ok, samples: loaded.ok ? loaded.context.metrics.get('$CPUPercent').times.length : 0, ratio: growth / text.length }));
`;

describe('a large context file', () => {
  it('of 300,000 samples (11 MB) loads in under 12 times its size (it took 40)', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', MEASURE, '300000'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { ok: boolean; samples: number; ratio: number };
    expect(result).toMatchObject({ ok: true, samples: 300_000 });
    expect(result.ratio).toBeLessThan(12);
  }, 60_000);
});
