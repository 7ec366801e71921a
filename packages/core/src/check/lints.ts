// The lint layer (AS4xxx): opinionated warnings about formulas the service accepts but that are
// probably wrong, each resting on a premise stated in docs/semantics.md §14. The checker feeds
// facts in as it walks; whole-formula rules run in `finish`.

import type { Binary, Expression, Formula, Identifier, MethodCall, StringLiteral } from '../syntax/ast.ts';
import { diagnostic, fix, replaceFix, type Diagnostic } from '../diagnostics.ts';
import { registry, TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import type { VariableEntry } from '../builtins/entry.ts';
import { DEFAULT_SAMPLE_PERCENT } from '../builtins/methods.ts';
import { SAMPLE_PERIOD_MS } from '../runtime/context.ts';
import { Interval } from '../runtime/values.ts';
import { formatDouble } from '../runtime/format-value-text.ts';
import type { Range } from '../text/source.ts';
import { describeRange, formulaTargetBounds } from './bounds.ts';
import { foldConstant, type ConstantScope } from './constant-fold.ts';

/** The docs: samples take "approximately one minute" to become available. */
export const SERVICE_DELAY_FOR_LINT_MS = 60_000;

export type MetricUse = 'last' | 'coerced' | 'history';

export class FormulaLints {
  private readonly metricUses = new Map<string, Array<{ kind: MetricUse; range: Range }>>();
  private readonly retiredReported = new Set<string>();
  /** Every occurrence of each user variable, and its assignments: a rename fix must cover them all. */
  private readonly userOccurrences = new Map<string, Range[]>();
  private readonly userAssignments = new Map<string, Range[]>();
  private readonly targets = new Map<string, Array<{ spelling: string; range: Range }>>();

  private readonly report: (d: Diagnostic) => void;

  constructor(report: (d: Diagnostic) => void) {
    this.report = report;
  }

  metricUse(name: string, kind: MetricUse, range: Range): void {
    if (!name) return;
    const uses = this.metricUses.get(name);
    if (uses) uses.push({ kind, range });
    else this.metricUses.set(name, [{ kind, range }]);
    if (kind === 'coerced') {
      this.report(diagnostic('AS4010', 'metricAsNumber', { name }, range));
    }
  }

  serviceRead(id: Identifier, entry: VariableEntry): void {
    if (id.name !== entry.name) {
      this.report(
        diagnostic('AS4009', 'legacyName', { name: id.name, current: entry.name }, id.range, [
          replaceFix(id.range, entry.name, 'use'),
        ]),
      );
    }
    if (entry.retired && !this.retiredReported.has(entry.name)) {
      this.retiredReported.add(entry.name);
      this.report(diagnostic('AS4008', 'retired', { name: entry.name }, id.range));
    }
  }

  userRead(id: Identifier): void {
    this.noteUserName(id);
  }

  /** `isFunction`: whether the name is also a built-in function's (the checker has looked it up). */
  userAssignment(target: Identifier, isFunction: boolean): void {
    this.noteUserName(target);
    const name = target.name;
    if (isFunction) {
      this.report(diagnostic('AS4011', 'functionName', { name }, target.range));
    }
    const list = this.userAssignments.get(name);
    if (list) list.push(target.range);
    else this.userAssignments.set(name, [target.range]);
  }

  targetAssignment(target: Identifier, canonical: string): void {
    if (target.name !== canonical) {
      this.report(
        diagnostic('AS4009', 'legacyName', { name: target.name, current: canonical }, target.range, [
          replaceFix(target.range, canonical, 'use'),
        ]),
      );
    }
    const list = this.targets.get(canonical);
    if (list) list.push({ spelling: target.name, range: target.range });
    else this.targets.set(canonical, [{ spelling: target.name, range: target.range }]);
  }

  stringLiteral(s: StringLiteral): void {
    if (s.value.endsWith('\\')) {
      // The value starts one character after the opening quote, so its last character sits at start + length.
      const backslash = { start: s.range.start + s.value.length, end: s.range.start + s.value.length + 1 };
      this.report(
        diagnostic('AS4001', 'escapedQuote', {}, s.range, [
          fix('removeBackslash', {}, [{ range: backslash, newText: '' }]),
        ]),
      );
    }
  }

  /** $CPUPercent or GetSamplePercent compared with a fraction; weekday compared with 7. */
  comparison(e: Binary, scope: ConstantScope): void {
    if (!COMPARISONS.has(e.operator)) return;
    this.comparedWith(e, e.left, e.right, scope);
    this.comparedWith(e, e.right, e.left, scope);
  }

  /** One side of a comparison, `side`, against a constant `other`. */
  private comparedWith(e: Binary, side: Expression, other: Expression, scope: ConstantScope): void {
    const c = foldConstant(other, scope);
    if (typeof c !== 'number') return;
    if (c > 0 && c < 1 && isPercentage(side)) {
      const percent = formatDouble(c * 100);
      // Only a literal is rewritten, and only to a spelling the service accepts.
      const fixes =
        other.kind === 'Number' && /^\d+(?:\.\d+)?$/.test(percent) ? [replaceFix(other.range, percent)] : undefined;
      this.report(
        diagnostic(
          'AS4004',
          'fraction',
          { percentage: describePercentage(side), fraction: formatDouble(c), percent },
          other.range,
          fixes,
        ),
      );
    }
    if (c === 7 && side.kind === 'Member' && side.member.name === 'weekday') {
      // `== 7` / `!= 7` mean Sunday; `< 7` and the like have no one obvious rewrite.
      const fixes =
        other.kind === 'Number' && (e.operator === '==' || e.operator === '!=')
          ? [fix('sunday', {}, [{ range: other.range, newText: '0' }])]
          : undefined;
      this.report(diagnostic('AS4005', 'seven', {}, other.range, fixes));
    }
  }

  /** Sample-method facts: last-sample-only reads and windows a one-minute delay cannot fill. */
  sampleCall(e: MethodCall, metric: string, scope: ConstantScope, guarded: boolean): void {
    if (e.method.name !== 'GetSample') {
      this.metricUse(metric, 'history', e.range);
      return;
    }
    const values = e.args.map((a) => foldConstant(a, scope));
    if (e.args.length === 1 && typeof values[0] === 'number') {
      this.metricUse(metric, values[0] <= 1 ? 'last' : 'history', e.range);
      return;
    }
    this.metricUse(metric, 'history', e.range);
    // Inside a ?: branch the call is normally guarded by a GetSamplePercent test: no warning.
    if (guarded) return;
    const [first, second, third] = values;
    if (!(first instanceof Interval)) return;
    const end = second instanceof Interval ? second.ms : 0;
    const wantedValue = second instanceof Interval ? third : second;
    const wanted = typeof wantedValue === 'number' ? wantedValue : DEFAULT_SAMPLE_PERCENT;
    const newer = Math.min(first.ms, end);
    const older = Math.max(first.ms, end);
    if (newer >= SERVICE_DELAY_FOR_LINT_MS || older <= newer) return;
    const expected = (older - newer) / SAMPLE_PERIOD_MS;
    const firstVisible = Math.max(
      Math.ceil(SERVICE_DELAY_FOR_LINT_MS / SAMPLE_PERIOD_MS),
      Math.ceil(newer / SAMPLE_PERIOD_MS),
    );
    const visible = Math.max(0, Math.ceil(older / SAMPLE_PERIOD_MS) - firstVisible);
    const best = Math.min(100, (visible / expected) * 100);
    if (best < wanted) {
      this.report(
        diagnostic(
          'AS4003',
          'windowTooRecent',
          { available: formatDouble(best), wanted: formatDouble(wanted) },
          { start: e.method.range.start, end: e.range.end },
        ),
      );
    }
  }

  finish(formula: Formula, hasErrors: boolean): void {
    this.caseVariantsOfServiceVariables();
    if (!hasErrors) this.targetBounds(formula);
    for (const [metric, uses] of this.metricUses) {
      if (uses.length > 0 && uses.every((u) => u.kind === 'last')) {
        for (const u of uses) {
          this.report(diagnostic('AS4002', 'lastSampleOnly', { metric }, u.range));
        }
      }
    }
    // A name's first occurrence is where it is reported.
    for (const [name, [range]] of this.userOccurrences) {
      if (range && name.startsWith('$') && this.userOccurrences.has(name.slice(1))) {
        this.report(diagnostic('AS4006', 'both', { plain: name.slice(1), dollar: name }, range));
      }
    }
    for (const [canonical, list] of this.targets) {
      const full = list.some((t) => t.spelling === canonical);
      for (const t of list) {
        if (full && t.spelling !== canonical)
          this.report(diagnostic('AS4012', 'bothAssigned', { name: canonical, alias: t.spelling }, t.range));
      }
    }
    if (
      formula.statements.length > 0 &&
      !this.targets.has(TARGET_DEDICATED) &&
      !this.targets.has(TARGET_LOW_PRIORITY)
    ) {
      const first = formula.statements[0] as { range: Range };
      this.report(diagnostic('AS4007', 'noTarget', {}, first.range));
    }
  }

  /** AS4016 and AS4017: what the static bounds say of each assigned node target (§14.6). */
  private targetBounds(formula: Formula): void {
    for (const target of formulaTargetBounds(formula)) {
      const at = target.lastAssignment?.target.range;
      if (!at || target.constant) continue;
      const range = describeRange(target.value);
      if (target.applied.hi === Infinity)
        this.report(diagnostic('AS4016', 'unbounded', { name: target.name, range }, at));
      else if (target.alwaysZero) this.report(diagnostic('AS4017', 'alwaysZero', { name: target.name, range }, at));
    }
  }

  private noteUserName(id: Identifier): void {
    const all = this.userOccurrences.get(id.name);
    if (all) all.push(id.range);
    else this.userOccurrences.set(id.name, [id.range]);
  }

  /**
   * `$targetDedicatedNodes` and `TargetDedicatedNodes` are near-certain typos of a service variable;
   * a bare name in another case (`taskSlotsPerNode = 4`) is usually the user's own constant. The
   * fix renames every occurrence, so the formula then reads and writes the service variable.
   */
  private caseVariantsOfServiceVariables(): void {
    for (const [name, assignments] of this.userAssignments) {
      const entry = name.startsWith('$') ? registry.variableIgnoringCase(name) : registry.variable(`$${name}`);
      if (!entry) continue;
      // userAssignment notes every assignment as an occurrence, so each name here has a list.
      const occurrences = this.userOccurrences.get(name) as Range[];
      const edits = occurrences.map((range) => ({ range, newText: entry.name }));
      // Renaming to a read-only variable would turn the assignment into an error: no fix then.
      const fixes =
        entry.access === 'readwrite' ? [fix('changeEvery', { name, replacement: entry.name }, edits)] : undefined;
      for (const range of assignments) {
        this.report(diagnostic('AS4013', 'caseVariant', { name, service: entry.name }, range, fixes));
      }
    }
  }
}

const COMPARISONS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);

function isPercentage(e: Expression): boolean {
  let found = false;
  const visit = (x: Expression): void => {
    if (found) return;
    if (x.kind === 'Identifier' && registry.variable(x.name)?.percentage) found = true;
    else if (x.kind === 'MethodCall' && x.method.name === 'GetSamplePercent') found = true;
    else if (x.kind === 'Paren') visit(x.expression);
    else if (x.kind === 'Call') x.args.forEach(visit);
    else if (x.kind === 'MethodCall') visit(x.receiver);
  };
  visit(e);
  return found;
}

function describePercentage(e: Expression): string {
  let text = 'This value';
  const visit = (x: Expression): void => {
    if (x.kind === 'Identifier' && registry.variable(x.name)?.percentage) text = x.name;
    else if (x.kind === 'MethodCall' && x.method.name === 'GetSamplePercent') text = 'GetSamplePercent()';
    else if (x.kind === 'MethodCall') visit(x.receiver);
    else if (x.kind === 'Paren') visit(x.expression);
    else if (x.kind === 'Call') x.args.forEach(visit);
  };
  visit(e);
  return text;
}
