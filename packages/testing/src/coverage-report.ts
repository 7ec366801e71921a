// Prints coverage: a table of statements and branches covered per formula, an annotated listing
// of the lines with something uncovered (a caret under each ?: that never went one way, a marker
// under each && / || operand that never decided its chain, a marker on each statement that never
// ran), and the JSON shape the json reporter embeds.

import {
  branchRatio,
  percent,
  statementRatio,
  sumRatios,
  type FormulaCoverage,
  type OperandCoverage,
  type Ratio,
} from './coverage.ts';

function cell(r: Ratio): string {
  return `${`${r.covered}/${r.total}`.padStart(7)}  ${percent(r).toFixed(1).padStart(5)}%`;
}

/** The table: one row per formula and a total row. */
export function coverageTable(list: readonly FormulaCoverage[]): string {
  const width = Math.max('all formulas'.length, ...list.map((c) => c.formula.length));
  const rows = [`${'coverage'.padEnd(width)}  ${'statements'.padStart(15)}  ${'branches'.padStart(15)}`];
  for (const c of list) rows.push(`${c.formula.padEnd(width)}  ${cell(statementRatio(c))}  ${cell(branchRatio(c))}`);
  if (list.length > 1) {
    rows.push(
      `${'all formulas'.padEnd(width)}  ${cell(sumRatios(list.map(statementRatio)))}  ${cell(sumRatios(list.map(branchRatio)))}`,
    );
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
    // A range's width on its first line: to its end, or to the end of that line.
    const widthOf = (line: number, column: number, endOffset: number): number => {
      const end = c.lines.positionAt(endOffset);
      return Math.max(
        1,
        end.line + 1 === line ? end.character - (column - 1) : c.lines.lineText(line - 1).length - (column - 1),
      );
    };
    for (const s of c.statements) {
      if (s.hits > 0) continue;
      add(s.line, { column: s.column, width: widthOf(s.line, s.column, s.end), text: 'statement never ran' });
    }
    for (const b of c.branches) {
      if (b.thenHits > 0 && b.elseHits > 0) continue;
      const text =
        b.thenHits === 0 && b.elseHits === 0
          ? '?: never evaluated'
          : b.thenHits === 0
            ? "?: never took 'then' (condition always 0)"
            : "?: never took 'else' (condition never 0)";
      add(b.line, { column: b.column, width: 1, text });
    }
    for (const o of c.operands) {
      if (o.decided > 0) continue;
      add(o.line, { column: o.column, width: widthOf(o.line, o.column, o.end), text: operandText(o) });
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

/** Why an operand never decided its chain (the rule is in coverage.ts). */
function operandText(o: OperandCoverage): string {
  if (o.evaluated === 0) return `${o.operator} never evaluated`;
  // The value that decides an || (non-zero) or an && (0), and the one that passes it on.
  const [fixing, passing] = o.operator === '||' ? ['non-zero', '0'] : ['0', 'non-zero'];
  if (o.index === o.count - 1) {
    return `${o.operator} never decided by this operand (${o.count === 2 ? 'the left operand' : 'an operand before it'} was always ${fixing})`;
  }
  return `${o.operator} never decided by this operand (${o.index === 0 ? `never ${fixing}` : `never ${fixing} while the operands before it were ${passing}`})`;
}

/** An uncovered ?: (the sides never taken), at its '?'. */
export interface UncoveredConditionalJson {
  kind: '?:';
  line: number;
  column: number;
  missing: Array<'then' | 'else'>;
}

/** An operand of a && / || chain that never decided the result, at the operand's start. */
export interface UncoveredOperandJson {
  kind: '&&' | '||';
  line: number;
  column: number;
  /** Its position in the chain, from 1, and the chain's number of operands. */
  operand: number;
  operands: number;
}

export interface CoverageJson {
  formula: string;
  statements: Ratio & { percent: number };
  branches: Ratio & { percent: number };
  uncovered: {
    statements: Array<{ line: number; column: number }>;
    /** In source order. */
    branches: Array<UncoveredConditionalJson | UncoveredOperandJson>;
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
        branches: [
          ...c.branches
            .filter((b) => b.thenHits === 0 || b.elseHits === 0)
            .map((b): UncoveredConditionalJson & { at: number } => ({
              at: b.at,
              kind: '?:',
              line: b.line,
              column: b.column,
              missing: [...(b.thenHits === 0 ? ['then' as const] : []), ...(b.elseHits === 0 ? ['else' as const] : [])],
            })),
          ...c.operands
            .filter((o) => o.decided === 0)
            .map((o): UncoveredOperandJson & { at: number } => ({
              at: o.start,
              kind: o.operator,
              line: o.line,
              column: o.column,
              operand: o.index + 1,
              operands: o.count,
            })),
        ]
          .sort((a, b) => a.at - b.at)
          .map(({ at: _, ...entry }) => entry),
      },
    };
  });
}

/** Branch coverage over every formula of the run, in percent. */
export function totalBranchPercent(list: readonly FormulaCoverage[]): number {
  return percent(sumRatios(list.map(branchRatio)));
}
