// The layers inside @autoscale/core (ARCHITECTURE.md), enforced by scanning imports: a file imports
// only files of its own layer or of a lower rank. Layers that share a rank (check and eval; context
// and format) are siblings and do not import each other. Every core file must belong to a layer, so
// a new directory has to take its place here. The order, lowest first:
//   text -> diagnostics, types -> syntax -> runtime -> operators -> builtins -> check, eval
//   -> context, format -> analyze -> host -> index -> index-node
// runtime/ (values, evaluation errors, samples, value text, time parsing, the evaluation context)
// sits below both the built-ins and the evaluator, so neither has to import the other's internals.

import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.ts';
import { imports, sourceFiles } from './support/source-imports.ts';

const CORE_SRC = resolve(REPO_ROOT, 'packages/core/src');

/** Ranks from lowest to highest; the names in one rank are sibling layers. */
const CORE_LAYERS: readonly (readonly string[])[] = [
  ['text'],
  ['diagnostics', 'types'],
  ['syntax'],
  ['runtime'],
  ['operators'],
  ['builtins'],
  ['check', 'eval'],
  ['context', 'format'],
  ['analyze'],
  ['host'],
  ['index'],
  // Core for Node: index's exports plus the code generator installed.
  ['index-node'],
];

/** A core file's layer: its directory under src/, or for a file directly in src/ its own name. */
function layerOf(pathInSrc: string): string {
  const [first = '', second] = pathInSrc.split('/');
  return second === undefined ? first.replace(/\.ts$/, '') : first;
}

function rankOf(layer: string): number {
  return CORE_LAYERS.findIndex((rank) => rank.includes(layer));
}

/** An import from one core file to another, both paths relative to src/. */
interface CoreImport {
  from: string;
  to: string;
}

/** What is wrong with these imports: files outside every layer, and imports that go up or sideways. */
function layerViolations(edges: readonly CoreImport[]): string[] {
  const problems = new Set<string>();
  for (const { from, to } of edges) {
    const unranked = [from, to].filter((file) => rankOf(layerOf(file)) < 0);
    for (const file of unranked) problems.add(`${file} is in no layer: give "${layerOf(file)}" a rank`);
    const [source, target] = [layerOf(from), layerOf(to)];
    if (unranked.length > 0 || source === target) continue;
    if (rankOf(target) > rankOf(source)) problems.add(`${from} imports ${to}: ${source} is below ${target}`);
    else if (rankOf(target) === rankOf(source))
      problems.add(`${from} imports ${to}: ${source} and ${target} are siblings`);
  }
  return [...problems].sort();
}

function coreImports(): CoreImport[] {
  return sourceFiles(CORE_SRC).flatMap((file) =>
    imports(file)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({
        from: relative(CORE_SRC, file),
        to: relative(CORE_SRC, resolve(dirname(file), spec)),
      })),
  );
}

describe('core layers', () => {
  it('every import goes to the same layer or a lower one', () => {
    const edges = coreImports();
    expect(edges.length).toBeGreaterThan(100);
    expect(layerViolations(edges)).toEqual([]);
  });

  it('every core file is in a layer', () => {
    const files = sourceFiles(CORE_SRC).map((file) => relative(CORE_SRC, file));
    expect(files.filter((file) => rankOf(layerOf(file)) < 0)).toEqual([]);
  });

  it('reports an import that goes up, one between siblings, and a file in no layer', () => {
    expect(
      layerViolations([
        { from: 'builtins/functions.ts', to: 'eval/compile.ts' },
        { from: 'check/checker.ts', to: 'eval/compile.ts' },
        { from: 'runtime/values.ts', to: 'runtime/context.ts' },
        { from: 'eval/compile.ts', to: 'runtime/values.ts' },
        { from: 'plugins/x.ts', to: 'text/source.ts' },
      ]),
    ).toEqual([
      'builtins/functions.ts imports eval/compile.ts: builtins is below eval',
      'check/checker.ts imports eval/compile.ts: check and eval are siblings',
      'plugins/x.ts is in no layer: give "plugins" a rank',
    ]);
  });
});
