// globMatcher: the glob patterns check, fmt, test and the config's exclude understand, over
// `/`-separated relative paths.

import { describe, expect, it } from 'vitest';
import { globMatcher } from '../src/discover-files.ts';

describe('globMatcher', () => {
  it.each([
    ['*.bicep', 'main.bicep', true],
    ['*.bicep', 'infra/main.bicep', false],
    ['infra/*.bicep', 'infra/main.bicep', true],
    ['infra/**/*.bicep', 'infra/main.bicep', true],
    ['infra/**/*.bicep', 'infra/a/b/main.bicep', true],
    ['**/*.tf', 'pools.tf', true],
    ['**/*.tf', 'deep/er/pools.tf', true],
    ['infra/**', 'infra/a/b.json', true],
    ['pool?.json', 'pool1.json', true],
    ['pool?.json', 'pool12.json', false],
    ['*.{bicep,tf}', 'main.tf', true],
    ['*.{bicep,tf}', 'main.json', false],
    ['a+b.(x).json', 'a+b.(x).json', true],
    ['a.json', 'aXjson', false],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(globMatcher(pattern).test(path)).toBe(expected);
  });

  it('with `under`, a folder pattern also matches what is under it', () => {
    expect(globMatcher('infra/legacy', true).test('infra/legacy/old.autoscale')).toBe(true);
    expect(globMatcher('infra/legacy', false).test('infra/legacy/old.autoscale')).toBe(false);
    expect(globMatcher('infra/legacy', true).test('infra/legacyish/x')).toBe(false);
  });
});
