// Reads the expectation files of the Terraform reader's fixtures (test/corpus/host/terraform/*.expect;
// the format is in that folder's README.md) into the lines the runner compares, plus the questions
// the runner must ask the reader: values to fill placeholders with, formula offsets to map.

/** A formula offset to map to the host: written as a number, or as a JSON string whose first occurrence it is. */
export interface AtQuery {
  /** As written, so the rendered line matches the expectation's. */
  text: string;
  offset: number | { needle: string };
}

export interface FormulaQuestions {
  /** The values to fill placeholders with, and the JSON they were written as. */
  values: { map: Map<string, string>; text: string } | undefined;
  at: AtQuery[];
}

export interface Expectation {
  /** Meaningful lines, comments and blank lines dropped, indentation normalised to two spaces. */
  lines: string[];
  formulas: FormulaQuestions[];
  /** The message fragment expected of each problem, in order. */
  problems: string[];
}

export function parseExpectation(source: string): Expectation {
  const lines: string[] = [];
  const formulas: FormulaQuestions[] = [];
  const problems: string[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [keyword = '', ...rest] = line.split(' ');
    const argument = rest.join(' ');
    const current = formulas[formulas.length - 1];
    if (keyword === 'formula') formulas.push({ values: undefined, at: [] });
    else if (keyword === 'problem') problems.push(argument.replace(/^\S+ /, ''));
    else if (current === undefined) throw new Error(`"${line}" is not inside a formula`);
    else if (keyword === 'values')
      current.values = { map: new Map(Object.entries(JSON.parse(argument) as Record<string, string>)), text: argument };
    else if (keyword === 'at') {
      const query = argument.startsWith('"') ? (/^"(?:[^"\\]|\\.)*"/.exec(argument)?.[0] ?? argument) : (rest[0] ?? '');
      const offset = query.startsWith('"') ? { needle: JSON.parse(query) as string } : Number(query);
      current.at.push({ text: query, offset });
    }
    lines.push(keyword === 'formula' || keyword === 'problem' ? line : `  ${line}`);
  }
  return { lines, formulas, problems };
}
