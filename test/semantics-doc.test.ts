// docs/semantics.md is the repository's own account of the language's semantics; code, tests and
// documents cite it as `docs/semantics.md §N.M` or link its headings. This suite keeps those
// citations honest:
// - no file cites the design documents kept beside the repository (the shared spec directory:
//   the project's ruling, the evidence file, their question ids and section numbers), which
//   users and contributors do not have;
// - every cited section (`docs/semantics.md §4.2`) and every linked anchor
//   (`semantics.md#42-...`) exists in the document;
// - the document itself is numbered consistently, its own links resolve, and the constants it
//   names exist in the code.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.ts';

const DOC_PATH = 'docs/semantics.md';
const THIS_FILE = 'test/semantics-doc.test.ts';

/**
 * Files still allowed to cite the shared spec directory, as repository-relative paths.
 * Deliberately empty: a file listed here holds citations users cannot follow.
 */
const EXCEPTIONS: readonly string[] = [];

/** Directories never scanned: dependencies, build output, test artefacts, version control. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', '.tsbuild', 'test-results', 'out']);
/** Text files that can hold a citation: sources, tests, formulas, documents, configuration. */
const SCANNED_EXTENSIONS = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|md|autoscale|ya?ml|json)$/;
/** Larger files are data (recordings, fixtures), not prose that cites anything. */
const MAX_SCANNED_BYTES = 1_000_000;

/**
 * What a citation of the shared spec directory looks like. The names are built from pieces so
 * that a search of the repository for them does not find this file.
 */
const FORBIDDEN: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: 'the ruling file', pattern: new RegExp(String.raw`\b${'DECI' + 'SIONS'}(?:\.md)?\b`) },
  { what: 'the evidence file', pattern: new RegExp(['LANGUAGE', 'EVIDENCE'].join('-')) },
  { what: 'a question id', pattern: /\bQ-[A-Z]\d+\b/ },
  { what: 'the shared spec directory', pattern: new RegExp(String.raw`\.\.[/\\]${'shared'}[/\\]spec\b`) },
  { what: 'an evidence section number', pattern: /\bevidence §\d/i },
];

/** `docs/semantics.md §4.2`, `docs/semantics.md §6, §7`, `docs/semantics.md §8.3 and §11.4`. */
const CITATION = /docs\/semantics\.md((?:\s*(?:,|;|and|or)?\s*§\d+(?:\.\d+)?)+)/g;
/** A link to a heading of the document from another file: `semantics.md#72-visibility-...`. */
const ANCHOR_LINK = /semantics\.md#([\w-]+)/g;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) return SKIPPED_DIRECTORIES.has(name) ? [] : listFiles(path);
    return SCANNED_EXTENSIONS.test(name) && stat.size <= MAX_SCANNED_BYTES ? [path] : [];
  });
}

const repoPath = (path: string): string => relative(REPO_ROOT, path).split(sep).join('/');
const FILES = listFiles(REPO_ROOT)
  .map(repoPath)
  .filter((path) => path !== THIS_FILE)
  .sort();
const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

interface Heading {
  level: 2 | 3;
  /** "4" for `## 4. Title`, "4.2" for `### 4.2 Title`. */
  number: string;
  line: number;
  slug: string;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const DOC = read(DOC_PATH);
const DOC_LINES = DOC.split('\n');
const ALL_SLUGS = new Set(DOC_LINES.filter((l) => /^#{1,6} /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))));
const HEADINGS: Heading[] = DOC_LINES.flatMap((text, i) => {
  const m = /^(##|###) (\d+(?:\.\d+)?)\.? (.+)$/.exec(text);
  if (!m) return [];
  return [
    {
      level: m[1] === '##' ? 2 : 3,
      number: m[2] as string,
      line: i + 1,
      slug: slug(text.replace(/^#+ /, '')),
    } as Heading,
  ];
});
const SECTIONS = new Set(HEADINGS.map((h) => h.number));

/** Every match of a pattern in a file, as `path:line: text`. */
function occurrences(path: string, pattern: RegExp): string[] {
  return read(path)
    .split('\n')
    .flatMap((text, i) => (pattern.test(text) ? [`${path}:${i + 1}: ${text.trim()}`] : []));
}

describe('docs/semantics.md', () => {
  it('is numbered consistently: chapters 1, 2, ... and sub-sections N.1, N.2, ... under chapter N', () => {
    const problems: string[] = [];
    let chapter = 0;
    let sub = 0;
    for (const h of HEADINGS) {
      if (h.level === 2) {
        if (h.number !== String(chapter + 1))
          problems.push(`line ${h.line}: chapter ${h.number} follows chapter ${chapter}`);
        chapter = Number(h.number);
        sub = 0;
      } else {
        const expected = `${chapter}.${sub + 1}`;
        if (h.number !== expected) problems.push(`line ${h.line}: section ${h.number} where ${expected} was expected`);
        sub = Number(h.number.split('.')[1]);
      }
    }
    expect(HEADINGS.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('links only to its own headings', () => {
    const broken = [...DOC.matchAll(/\]\(#([\w-]+)\)/g)]
      .map((m) => m[1] as string)
      .filter((anchor) => !ALL_SLUGS.has(anchor));
    expect(broken).toEqual([]);
  });

  it('names only constants that the code declares', () => {
    const declared = new Set(
      FILES.filter((path) => /^packages\/[^/]+\/src\/.*\.ts$/.test(path)).flatMap((path) =>
        [...read(path).matchAll(/^(?:export )?const ([A-Z][A-Z0-9_]*)\b/gm)].map((m) => m[1] as string),
      ),
    );
    const named = new Set([...DOC.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1] as string));
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((name) => !declared.has(name))).toEqual([]);
  });
});

describe('citations of the semantics', () => {
  it('scans the repository', () => {
    expect(FILES).toContain(DOC_PATH);
    expect(FILES).toContain('packages/core/src/operators.ts');
    expect(FILES.some((path) => path.startsWith('test/corpus/eval/'))).toBe(true);
  });

  it('never point at the shared spec directory: cite docs/semantics.md §N.M instead', () => {
    const found = FILES.filter((path) => !EXCEPTIONS.includes(path)).flatMap((path) =>
      FORBIDDEN.flatMap(({ what, pattern }) => occurrences(path, pattern).map((o) => `${o}   <- cites ${what}`)),
    );
    expect(found).toEqual([]);
  });

  it('name sections that exist', () => {
    const missing: string[] = [];
    for (const path of FILES) {
      read(path)
        .split('\n')
        .forEach((text, i) => {
          for (const citation of text.matchAll(CITATION)) {
            for (const section of (citation[1] as string).matchAll(/§(\d+(?:\.\d+)?)/g)) {
              if (!SECTIONS.has(section[1] as string))
                missing.push(`${path}:${i + 1}: §${section[1]} (${text.trim()})`);
            }
          }
        });
    }
    expect(missing).toEqual([]);
  });

  it('link to anchors that exist', () => {
    const broken = FILES.flatMap((path) =>
      read(path)
        .split('\n')
        .flatMap((text, i) =>
          [...text.matchAll(ANCHOR_LINK)]
            .filter((m) => !ALL_SLUGS.has(m[1] as string))
            .map((m) => `${path}:${i + 1}: #${m[1]}`),
        ),
    );
    expect(broken).toEqual([]);
  });

  it('are cited somewhere in the code', () => {
    const citing = FILES.filter((path) => path !== DOC_PATH && /docs\/semantics\.md/.test(read(path)));
    expect(citing.length).toBeGreaterThan(10);
  });
});
