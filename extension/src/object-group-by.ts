// The one built-in newer than the extension's oldest runtime that the bundled dependencies call:
// `Object.groupBy` (ES2024), in chevrotain's grammar checks. VS Code 1.91 (the floor in
// engines.vscode) runs extensions on Node 20.9.0, which predates it (Node 21), and the language
// server died there at start-up. Core now runs those checks only in a test, so today no path of
// the server reaches the call. It is still in the bundle, though, and a chevrotain upgrade or the
// checks turned back on would make the server die at start-up on VS Code 1.91 to 1.100 again. So
// build.ts injects this file (about 300 bytes) into the two server bundles (Node, web worker), and
// test/extension-package.test.ts fails when a bundle calls another built-in newer than that Node,
// or stops calling this one. Our own sources cannot call it: they are type-checked with lib ES2023.

type Key = (item: unknown, index: number) => unknown;

/** Object.groupBy as ECMA-262 specifies it: a null-prototype object of arrays, keys in first-seen order. */
function groupBy(items: Iterable<unknown>, keyOf: Key): Record<PropertyKey, unknown[]> {
  if (typeof keyOf !== 'function') throw new TypeError('Object.groupBy: the key function is not callable');
  const groups: Record<PropertyKey, unknown[]> = Object.create(null) as Record<PropertyKey, unknown[]>;
  let index = 0;
  for (const item of items) {
    const raw = keyOf(item, index++);
    // ToPropertyKey: symbols stay symbols, everything else becomes its string (once, as the spec does).
    const key = typeof raw === 'symbol' ? raw : String(raw);
    const group = groups[key];
    if (group) group.push(item);
    else groups[key] = [item];
  }
  return groups;
}

const target = Object as { groupBy?: unknown };
if (typeof target.groupBy !== 'function') {
  // Non-enumerable and writable, like the built-in it stands in for.
  Object.defineProperty(Object, 'groupBy', { value: groupBy, writable: true, configurable: true, enumerable: false });
}

export { groupBy as objectGroupBy };
