// The statements the node targets' bounds depend on, for the lints (AS4016, AS4017), which read
// the targets only: an evaluation's pass (bounds-walk.ts) over just these leaves the targets
// exactly as a pass over every statement does. Needed are every assignment to a target, every
// statement that can stop the evaluation or fail (it holds a stop() call or text the parser could
// not read: no other statement's value is ever "never"), and, going backwards, each assignment
// whose variable a needed statement may read before another assignment replaces it. The rest only
// store values no needed statement reads. Reads are taken from the text (every identifier, in
// branches not taken too), so the slice can only be larger than the exact one.

import { TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import { forEachExpression, type Expression, type Formula, type Statement } from '../syntax/ast.ts';
import { canonicalName } from './bounds-domain.ts';

/** What a statement's expression reads and whether it can end the evaluation. */
interface StatementFacts {
  reads: string[];
  canEnd: boolean;
}

export function boundsSlice(formula: Formula): Statement[] {
  const statements = formula.statements;
  const needed: boolean[] = new Array(statements.length).fill(false);
  /** Canonical names some needed statement after the current one reads before any assignment of them. */
  const live = new Set<string>();
  for (let i = statements.length - 1; i >= 0; i--) {
    const statement = statements[i] as Statement;
    const facts: StatementFacts = { reads: [], canEnd: false };
    collect(statement.kind === 'Assignment' ? statement.value : statement.expression, facts);
    let need = facts.canEnd;
    if (statement.kind === 'Assignment') {
      const name = canonicalName(statement.target.name);
      if (name === TARGET_DEDICATED || name === TARGET_LOW_PRIORITY || live.has(name)) need = true;
      // Replaced here: what a later statement reads of it is this statement's value.
      live.delete(name);
    }
    if (!need) continue;
    needed[i] = true;
    for (const read of facts.reads) live.add(canonicalName(read));
  }
  return statements.filter((_, i) => needed[i]);
}

function collect(expression: Expression, facts: StatementFacts): void {
  forEachExpression(expression, (e) => {
    if (e.kind === 'Identifier') facts.reads.push(e.name);
    else if (e.kind === 'Missing' || (e.kind === 'Call' && e.callee.name === 'stop')) facts.canEnd = true;
  });
}
