// Prints coverage: a table of statements and branches covered per formula, an annotated listing
// of the lines with something uncovered (a caret under each ?: that never went one way, a marker on
// each statement that never ran), and the JSON shape the json reporter embeds.

import { branchRatio, percent, statementRatio, sumRatios, type FormulaCoverage, type Ratio } from './coverage.ts';

function cell(r: Ratio): string {
  return `${r.covered}/${r.total}`.padStart(7) + `  ${percent(r).toFixed(1).padStart(5)}%`;
}

/** The table: one row per formula and a total row. */
export function coverageTable(list: readonly FormulaCoverage[]): string {
  const width = Math.max('all formulas'.length, ...list.map((c) => c.formula.length));
  const rows = [`${'coverage'.padEnd(width)}  ${'statements'.padStart(15)}  ${'branches'.padStart(15)}`];
  for (const c of list) rows.push(`${c.formula.padEnd(width)}  ${cell(statementRatio(c))}  ${cell(branchRatio(c))}`);
  if (list.length > 1) {
    rows.push(`${'all formulas'.padEnd(width)}  ${cell(sumRatios(list.map(statementRatio)))}  ${cell(sumRatios(list.map(branchRatio)))}`);
  }
  return `${rows.join('\n')}\n`;
}

interface Mark {
  column: number;
  width: number;
  text: string;
}

/** The uncovered lines of every formula that has some, each followed by what was missed there. */
export function uncoveredListing(list: readonly FormulaCoverage[]): string {
  const out: string[] = [];
  for (const c of list) {
    const marks = new Map<number, Mark[]>();
    const add = (line: number, mark: Mark): void => {
      const onLine = marks.get(line);
      if (onLine === undefined) marks.set(line, [mark]);
      else onLine.push(mark);
    };
    for (const s of c.statements) {
      if (s.hits > 0) continue;
      const lineText = c.lines.lineText(s.line - 1);
      const end = c.lines.positionAt(s.end);
      const width = end.line + 1 === s.line ? end.character - (s.column - 1) : lineText.length - (s.column - 1);
      add(s.line, { column: s.column, width: Math.max(1, width), text: 'statement never ran' });
    }
    for (const b of c.branches) {
      if (b.then > 0 && b.else > 0) continue;
      const text = b.then === 0 && b.else === 0 ? '?: never evaluated' : b.then === 0 ? "?: never took 'then' (condition always 0)" : "?: never took 'else' (condition never 0)";
      add(b.line, { column: b.column, width: 1, text });
    }
    if (marks.size === 0) continue;
    out.push(`${c.formula}: not covered`);
    const gutter = String(Math.max(...marks.keys())).length;
    for (const line of [...marks.keys()].sort((a, b) => a - b)) {
      const source = c.lines.lineText(line - 1);
      out.push(`  ${String(line).padStart(gutter)} | ${source}`);
      for (const m of (marks.get(line) ?? []).sort((a, b) => a.column - b.column)) {
        // Tabs before the mark are kept so the caret lines up under the right character.
        const padding = source.slice(0, m.column - 1).replace(/[^\t]/g, ' ');
        out.push(`  ${' '.repeat(gutter)} | ${padding}^${'~'.repeat(Math.max(0, m.width - 1))} ${m.text}`);
      }
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

export interface CoverageJson {
  formula: string;
  statements: Ratio & { percent: number };
  branches: Ratio & { percent: number };
  uncovered: {
    statements: Array<{ line: number; column: number }>;
    branches: Array<{ line: number; column: number; missing: Array<'then' | 'else'> }>;
  };
}

export function coverageJson(list: readonly FormulaCoverage[]): CoverageJson[] {
  return list.map((c) => {
    const statements = statementRatio(c);
    const branches = branchRatio(c);
    return {
      formula: c.formula,
      statements: { ...statements, percent: percent(statements) },
      branches: { ...branches, percent: percent(branches) },
      uncovered: {
        statements: c.statements.filter((s) => s.hits === 0).map((s) => ({ line: s.line, column: s.column })),
        branches: c.branches
          .filter((b) => b.then === 0 || b.else === 0)
          .map((b) => ({ line: b.line, column: b.column, missing: [...(b.then === 0 ? ['then' as const] : []), ...(b.else === 0 ? ['else' as const] : [])] })),
      },
    };
  });
}

/** Branch coverage over every formula of the run, in percent. */
export function totalBranchPercent(list: readonly FormulaCoverage[]): number {
  return percent(sumRatios(list.map(branchRatio)));
}
