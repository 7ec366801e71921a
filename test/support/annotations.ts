// Reads expectations embedded in test formulas as comments, so a case is one readable file:
//   caret lines   `//   ^^^ AS2001 optional message substring`  (marks the columns of the line above)
//   code lines    `//@ AS4007 optional message substring`       (a diagnostic anywhere in the file)
//   eval lines    `// context: {...}`, `// expect: results`, `// expect-error: CODE Line L, Col C: ...`

export interface ExpectedDiagnostic {
  code: string;
  /** 0-based line and column; undefined for `//@` lines. */
  line?: number;
  column?: number;
  length?: number;
  message?: string;
}

const CARET = /^(\s*\/\/\s*)(\^+)\s+(AS\d{4})(?:\s+(.*\S))?\s*$/;
const ANYWHERE = /^\s*\/\/@\s+(AS\d{4})(?:\s+(.*\S))?\s*$/;

export function isAnnotation(line: string): boolean {
  return CARET.test(line) || ANYWHERE.test(line);
}

export function readExpectedDiagnostics(text: string): ExpectedDiagnostic[] {
  const lines = text.split(/\r?\n/);
  const expected: ExpectedDiagnostic[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const caret = CARET.exec(line);
    if (caret) {
      const column = (caret[1] ?? '').length;
      expected.push({
        code: caret[3] as string,
        line: target,
        column,
        length: (caret[2] ?? '').length,
        ...(caret[4] ? { message: caret[4] } : {}),
      });
      return;
    }
    const anywhere = ANYWHERE.exec(line);
    if (anywhere) {
      expected.push({ code: anywhere[1] as string, ...(anywhere[2] ? { message: anywhere[2] } : {}) });
      return;
    }
    target = i;
  });
  return expected;
}

export interface EvalExpectation {
  context: string | undefined;
  results: string | undefined;
  error: { code: string; value: string } | undefined;
}

export function readEvalExpectation(text: string): EvalExpectation {
  const context: string[] = [];
  let results: string | undefined;
  let error: { code: string; value: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\/\/\s*(context|expect|expect-error):\s?(.*)$/.exec(line);
    if (!m) continue;
    const [, kind, rest = ''] = m;
    if (kind === 'context') context.push(rest);
    else if (kind === 'expect') results = rest.trim();
    else {
      const e = /^(\S+)\s+(.*)$/.exec(rest.trim());
      if (e) error = { code: e[1] as string, value: (e[2] as string).trim() };
    }
  }
  return { context: context.length ? context.join('\n') : undefined, results, error };
}
