// The extension's Object.groupBy polyfill (extension/src/object-group-by.ts, injected into the
// server bundles for Node 20.9, VS Code 1.91's) against the built-in it stands in for, on the Node
// running the tests, which has it: same groups, same key order, same items, a null prototype, the
// same key coercion and the same TypeError. That it installs itself where the built-in is missing
// is checked on Node 20.9.0 itself (test/e2e/vscode-extension-floor.test.ts).

import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './support/extension-build.ts';

type GroupBy = (
  items: Iterable<unknown>,
  keyOf: (item: unknown, index: number) => unknown,
) => Record<PropertyKey, unknown[]>;

const native = (Object as unknown as { groupBy: GroupBy }).groupBy;
let polyfill: GroupBy;

/** The groups as comparable data: keys in order (symbols included), and each group's items by identity. */
function shape(groups: Record<PropertyKey, unknown[]>): {
  prototype: unknown;
  keys: PropertyKey[];
  groups: unknown[][];
} {
  const keys = Reflect.ownKeys(groups);
  return { prototype: Object.getPrototypeOf(groups), keys, groups: keys.map((key) => groups[key] as unknown[]) };
}

describe('the Object.groupBy polyfill', () => {
  beforeAll(async () => {
    // Loaded by path, not imported: the file belongs to the extension's TypeScript project.
    polyfill = ((await import(join(EXTENSION_DIR, 'src', 'object-group-by.ts'))) as { objectGroupBy: GroupBy })
      .objectGroupBy;
  });

  it('is not installed over a built-in that exists', () => {
    expect(typeof native).toBe('function');
    expect(native).not.toBe(polyfill);
  });

  it('groups exactly as the built-in does', () => {
    const one = Symbol('one');
    const two = Symbol('two');
    const key = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom('a', 'b', '__proto__', 'constructor', 'toString', '1', '01', '-0'),
      fc.constantFrom(one, two),
      fc.double(),
      fc.boolean(),
      fc.constantFrom(null, undefined, { toString: (): string => 'object' }, [1, 2]),
    );
    fc.assert(
      fc.property(fc.array(fc.anything({ withNullPrototype: false })), fc.func(key), (items, keyOf) => {
        const calls: Array<[unknown, number]> = [];
        const recorded = (item: unknown, index: number) => {
          calls.push([item, index]);
          return keyOf(item, index);
        };
        const expected = shape(native(items, keyOf));
        expect(shape(polyfill(items, recorded))).toEqual(expected);
        // The key function sees each item once, in order, with its index.
        expect(calls).toEqual(items.map((item, index) => [item, index]));
      }),
      { numRuns: 300 },
    );
  });

  it('takes any iterable', () => {
    function* numbers() {
      yield* [1, 2, 3, 4, 5];
    }
    const parity = (n: unknown) => ((n as number) % 2 ? 'odd' : 'even');
    expect(shape(polyfill(numbers(), parity))).toEqual(shape(native(numbers(), parity)));
    expect(shape(polyfill(new Set('abca'), (c) => c))).toEqual(shape(native(new Set('abca'), (c) => c)));
  });

  it('throws a TypeError for a key function that is not callable, as the built-in does', () => {
    expect(() => native([1], 'x' as unknown as () => string)).toThrow(TypeError);
    expect(() => polyfill([1], 'x' as unknown as () => string)).toThrow(TypeError);
  });
});
