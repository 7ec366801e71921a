// In-source suppressions, as pint has them: a comment `// autoscale-disable-next-line AS4013 reason`
// silences the named codes on the next line, so a team can keep a deliberate exception in the
// formula itself, with its reason beside it. Errors cannot be silenced (the service rejects the
// formula whatever the comment says), and a suppression that silences nothing is itself a warning
// (AS4015), so stale ones do not pile up. Applied by analyze.ts after every other stage.

import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, diagnostic } from '../diagnostics.ts';
import type { Comment } from '../syntax/ast.ts';
import type { LineMap } from '../text/source.ts';

const DIRECTIVE = /^\/\/\s*autoscale-disable-next-line\b(.*)$/;
const CODE = /^AS\d{4}$/;

function isCode(name: string): name is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, name);
}

/** The diagnostics with the suppressed ones removed, and AS4015 for each suppression that is wrong or unused. */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  comments: readonly Comment[],
  lines: LineMap,
): Diagnostic[] {
  const suppressed = new Set<Diagnostic>();
  const findings: Diagnostic[] = [];
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.text);
    if (m === null) continue;
    // Codes first (separated by commas or spaces), then the reason, free text.
    const words = (m[1] ?? '')
      .trim()
      .split(/[\s,]+/)
      .filter((w) => w !== '');
    const firstReasonWord = words.findIndex((w) => !CODE.test(w));
    const codes = firstReasonWord < 0 ? words : words.slice(0, firstReasonWord);
    if (codes.length === 0) {
      findings.push(diagnostic('AS4015', 'noCodes', {}, comment.range));
      continue;
    }
    const target = lines.positionAt(comment.range.start).line + 1;
    for (const code of codes) {
      if (!isCode(code)) {
        findings.push(diagnostic('AS4015', 'unknownCode', { code }, comment.range));
        continue;
      }
      if (DIAGNOSTIC_CODES[code].severity === 'error') {
        findings.push(diagnostic('AS4015', 'errorCode', { code }, comment.range));
        continue;
      }
      const silenced = diagnostics.filter(
        (d) => d.code === code && lines.positionAt(d.range.start).line === target && !suppressed.has(d),
      );
      for (const d of silenced) suppressed.add(d);
      if (silenced.length === 0) findings.push(diagnostic('AS4015', 'unused', { code }, comment.range));
    }
  }
  return [...diagnostics.filter((d) => !suppressed.has(d)), ...findings];
}
