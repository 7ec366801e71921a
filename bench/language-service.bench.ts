// Language-service benchmark (run by `npm run bench`): what one keystroke costs an editor on an
// 8 KB, 100-statement formula — a fresh analysis, the diagnostics, the semantic tokens and a
// completion list. Each iteration edits one character so the snapshot cache never answers.
// Prints figures; asserts nothing.

import { analyzeDocument, completion, diagnostics, semanticTokens } from '@autoscale/language-service';
import { largeFormula } from './core.bench.ts';
import { median, percentile } from './stats.ts';

export interface LanguageServiceFigures {
  chars: number;
  iterations: number;
  /** Analysis + diagnostics + semantic tokens + completion, per keystroke. */
  medianMs: number;
  p95Ms: number;
  /** Medians of each part. */
  analyzeMs: number;
  diagnosticsMs: number;
  semanticTokensMs: number;
  completionMs: number;
  /** Completion right after `$PendingTasks.` with nothing typed yet (the tree has no member: one more analysis). */
  memberCompletionMs: number;
}

export function benchLanguageService(iterations = 500): LanguageServiceFigures {
  const base = largeFormula();
  // Editing inside the leading padding comment changes the text without changing its size or meaning.
  const editAt = base.indexOf('-') + 1;
  const variant = (i: number) => `${base.slice(0, editAt)}${i % 10}${base.slice(editAt + 1)}`;
  // Completion inside the last statement's argument list: every variable of the formula is a candidate.
  const expressionOffset = base.lastIndexOf('max(') + 4;
  // An incomplete member access typed at the end: `x = $PendingTasks.`
  const memberText = (i: number) => `${variant(i)}\nx = $PendingTasks.`;

  const parts = {
    total: [] as number[],
    analyze: [] as number[],
    diagnostics: [] as number[],
    tokens: [] as number[],
    completion: [] as number[],
    member: [] as number[],
  };
  let sink = 0;
  for (let i = 0; i < iterations + 50; i++) {
    const text = variant(i + iterations);
    const t0 = performance.now();
    const doc = analyzeDocument(text);
    const t1 = performance.now();
    sink += diagnostics(doc).length;
    const t2 = performance.now();
    sink += semanticTokens(doc).length;
    const t3 = performance.now();
    sink += completion(doc, expressionOffset).items.length;
    const t4 = performance.now();
    const memberDoc = analyzeDocument(memberText(i));
    const t5 = performance.now();
    sink += completion(memberDoc, memberDoc.text.length).items.length;
    const t6 = performance.now();
    if (i < 50) continue; // warm-up
    parts.total.push(t4 - t0);
    parts.analyze.push(t1 - t0);
    parts.diagnostics.push(t2 - t1);
    parts.tokens.push(t3 - t2);
    parts.completion.push(t4 - t3);
    parts.member.push(t6 - t5);
  }
  if (sink === 0) throw new Error('the benchmark computed nothing');
  const total = parts.total;
  return {
    chars: base.length,
    iterations,
    medianMs: percentile(total, 50),
    p95Ms: percentile(total, 95),
    analyzeMs: median(parts.analyze),
    diagnosticsMs: median(parts.diagnostics),
    semanticTokensMs: median(parts.tokens),
    completionMs: median(parts.completion),
    memberCompletionMs: median(parts.member),
  };
}

/** One line for `npm run bench`. */
export function languageServiceReport(): string {
  const f = benchLanguageService();
  const ms = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return (
    `language service, one keystroke on a ${f.chars}-character formula (analysis + diagnostics + semantic tokens + completion): ` +
    `median ${ms(f.medianMs)} ms, p95 ${ms(f.p95Ms)} ms (analysis ${ms(f.analyzeMs)}, diagnostics ${ms(f.diagnosticsMs)}, tokens ${ms(f.semanticTokensMs)}, ` +
    `completion ${ms(f.completionMs)}; completion after an incomplete 'x = $PendingTasks.' ${ms(f.memberCompletionMs)} ms)   (target: median < 10 ms)`
  );
}
