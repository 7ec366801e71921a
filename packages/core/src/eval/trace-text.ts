// The readable form of an evaluation's trace, one line per statement of the formula:
//   L4   $tasks = 12  (? at 4:24 took else, condition=96.6667)
// including statements never reached ("not run") and the one that failed. The one renderer used by
// `autoscale explain`, the language server's "Evaluate formula" and (later) the playground.

import type { Statement } from '../syntax/ast.ts';
import type { CompiledFormula, EvaluationResult } from './evaluate.ts';
import type { StatementTrace } from './trace.ts';

/** Trace lines for a result evaluated with `{ trace: true }`; none when the formula does not parse. */
export function traceLines(compiled: CompiledFormula, result: EvaluationResult): string[] {
  if (compiled.syntaxError !== undefined) return [];
  const statements = compiled.parsed.formula.statements;
  const traced = new Map<number, StatementTrace>((result.trace?.statements ?? []).map((s) => [s.index, s]));
  const width = `L${compiled.lines.lineCount}`.length;
  return statements.map((statement, index) => {
    const line = `L${compiled.lines.positionAt(statement.range.start).line + 1}`.padEnd(width);
    return `${line}  ${describeStatement(statement, traced.get(index), compiled.text)}`;
  });
}

function describeStatement(statement: Statement, trace: StatementTrace | undefined, text: string): string {
  const label =
    statement.kind === 'Assignment'
      ? statement.target.name
      : compact(text.slice(statement.range.start, statement.range.end));
  if (trace === undefined) return `${label}  not run`;
  const branches = trace.branches
    .map((b) => `  (? at ${b.line}:${b.column} took ${b.taken}, condition=${b.condition})`)
    .join('');
  if (trace.error !== undefined) return `${label}${branches}  failed: ${trace.error}`;
  const value =
    trace.value === undefined
      ? label
      : statement.kind === 'Assignment'
        ? `${label} = ${trace.value}`
        : `${label} => ${trace.value}`;
  return `${value}${branches}${trace.stopped === true ? '  stopped: stop() ends the evaluation here' : ''}`;
}

/** A statement's source on one line, shortened: expression statements have no target to show. */
function compact(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine;
}
