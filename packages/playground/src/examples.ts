// The example menu and the replay tab's bundled recording, taken at build time from the
// repository's examples/ folder (the same files the CLI's demo and tests use), so they never drift.

import weekMetaText from '../../../examples/recordings/week.meta.json?raw';
import weekUrl from '../../../examples/recordings/week.csv?url';

export interface Example {
  /** The formula's file name, e.g. pending-tasks.autoscale; the replay report names it so. */
  file: string;
  /** The formula's first comment sentence, for the menu. */
  title: string;
  formula: string;
  context: string;
}

const formulas = import.meta.glob<string>('../../../examples/formulas/*.autoscale', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const contexts = import.meta.glob<string>('../../../examples/contexts/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const EXAMPLES: readonly Example[] = Object.entries(formulas)
  .map(([path, formula]) => {
    const file = path.replace(/^.*\//, '');
    const stem = file.replace(/\.autoscale$/, '');
    const context = Object.entries(contexts).find(([p]) => p.endsWith(`/${stem}.json`))?.[1] ?? '';
    return { file, title: titleOf(formula, stem), formula, context };
  })
  // The docs' task-based example first: the one most users start from.
  .sort(
    (a, b) =>
      Number(b.file === 'pending-tasks.autoscale') - Number(a.file === 'pending-tasks.autoscale') ||
      a.file.localeCompare(b.file),
  );

/** "Task-based scaling" from "// Task-based scaling, after the ...: one node per ...". */
function titleOf(formula: string, fallback: string): string {
  const first = /^\/\/\s*(.+)$/m.exec(formula)?.[1] ?? '';
  const title = first.split(/[,:.]/)[0]?.trim() ?? '';
  return title === '' ? fallback : title;
}

export const EXAMPLE_RECORDING = { name: 'week.csv', url: weekUrl, metaText: weekMetaText };
