// What the formula editor holds, read on the page the way the language server reads it
// (lsp-server's document-role.ts, over core's readHostFile): a plain formula; a host file (pool
// JSON, an ARM template, Bicep, Terraform) holding pool formulas; or text that looks like a host
// file but yields no formula (broken JSON, a formula that is not a string), which the server checks
// as a formula and the page explains. Also the editor's formula as the replay tab takes it. Pure:
// no Monaco and no DOM, so the node tests cover every case.

import { detectHostKind, HOST_KIND_NAMES, type HostKind, readHostFile } from '@autoscale/core';

/**
 * The editor model's URI. Without the `.autoscale` extension the server reads the text by its
 * content (a `.autoscale` file is always a formula), so pasted pool JSON is read as the JSON it is.
 */
export const FORMULA_MODEL_URI = 'inmemory://playground/formula';

/** The name the server gives the model (the URI's last segment); detection sees the same name. */
const MODEL_FILE_NAME = FORMULA_MODEL_URI.slice(FORMULA_MODEL_URI.lastIndexOf('/') + 1);

/**
 * Texts longer than this are not read as host files: the language service's
 * MAX_HOST_DOCUMENT_LENGTH (a test keeps the two equal), so page and server agree on every text.
 */
export const MAX_HOST_TEXT_LENGTH = 4 * 1024 * 1024;

export type HostFileKind = Exclude<HostKind, 'formula'>;

export interface HostFormulaInfo {
  /** The pool's name in the file (what the evaluate request's formulaName takes). */
  name: string;
  /** Names of the host interpolations in it (`maxNodes` for `[parameters('maxNodes')]`, `var.max_nodes`), each once. */
  placeholders: string[];
}

export interface HostProblemInfo {
  message: string;
  /** 1-based, as the editor shows them; 0 for a problem with the whole file. */
  line: number;
  column: number;
}

export type EditorContent =
  | { kind: 'formula' }
  | { kind: 'host'; hostKind: HostFileKind; formulas: HostFormulaInfo[] }
  | { kind: 'unreadable'; hostKind: HostFileKind; problems: HostProblemInfo[] };

const FORMULA: EditorContent = { kind: 'formula' };

export function readEditorContent(text: string): EditorContent {
  if (text.length > MAX_HOST_TEXT_LENGTH) return FORMULA;
  const hostKind = detectHostKind(MODEL_FILE_NAME, text);
  if (hostKind === 'formula') return FORMULA;
  const read = readHostFile(MODEL_FILE_NAME, text, { kind: hostKind });
  if (read.formulas.length > 0) {
    const formulas = read.formulas.map((f) => ({
      name: f.name,
      placeholders: unique(f.placeholders.map((p) => p.name)),
    }));
    return { kind: 'host', hostKind, formulas };
  }
  const problems = read.problems.map((p) => {
    // AS5003 (no formula at all) is about the whole file, not a place in it.
    if (p.code === 'AS5003') return { message: p.message, line: 0, column: 0 };
    const at = read.lines.positionAt(p.range.start);
    return { message: p.message, line: at.line + 1, column: at.character + 1 };
  });
  return { kind: 'unreadable', hostKind, problems };
}

/** "Pool JSON", "ARM template", "Bicep", "Terraform". */
export function kindTitle(kind: HostFileKind): string {
  const name = HOST_KIND_NAMES[kind];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The notice beside the editor, or undefined for a plain formula. */
export function contentNotice(content: EditorContent): string | undefined {
  switch (content.kind) {
    case 'formula':
      return undefined;
    case 'host': {
      const names = content.formulas.map((f) => f.name || '(unnamed)');
      const what = names.length === 1 ? `formula of pool ${names[0]}` : `formulas of pools ${names.join(', ')}`;
      return `${kindTitle(content.hostKind)}: ${what}`;
    }
    case 'unreadable': {
      // The language server reports a file that does not parse (AS5001) where it is broken, and
      // checks a file with no pool formula in it (AS5003) as the formula it may be.
      const located = (content.problems[0]?.line ?? 0) > 0;
      const meanwhile = located ? 'the editor marks where' : 'until it does, the text is checked as a formula';
      return `Looks like ${HOST_KIND_NAMES[content.hostKind]}, but it does not read as one: ${whyUnreadable(content)}; ${meanwhile}.`;
    }
  }
}

/** The first problem, without the kind its message starts with, and where it is. */
function whyUnreadable(content: Extract<EditorContent, { kind: 'unreadable' }>): string {
  const first = content.problems[0];
  if (first === undefined) return 'no pool formula found';
  const bare = first.message.replace(`${HOST_KIND_NAMES[content.hostKind]}: `, '').replace(/\.$/, '');
  // Mid-sentence: "No pool autoscale formula found ..." becomes "no pool ...".
  const message = /^[A-Z][a-z]/.test(bare) ? bare.charAt(0).toLowerCase() + bare.slice(1) : bare;
  return first.line > 0 ? `${message} (line ${first.line}, column ${first.column})` : message;
}

/** The formula the replay tab replays, or why it cannot; named as the report would name it either way. */
export type ReplayFormula = { name: string } & ({ ok: true; text: string } | { ok: false; reason: string });

/** The editor's formula in the replay report when the editor holds a plain formula. */
export const EDITOR_FORMULA_NAME = 'editor.autoscale';

const EXTENSIONS: Readonly<Record<HostFileKind, string>> = {
  'pool-json': 'json',
  arm: 'json',
  bicep: 'bicep',
  terraform: 'tf',
};

/**
 * The editor's formula for a replay: the text itself for a plain formula; for a host file, the
 * formula `formulaName` (the first when absent or gone) with placeholders filled from `values`,
 * named as the command line names it (`editor.json#office-hours`). Refuses a host file that does
 * not read, and a formula with a placeholder that has no value (the replay would run it with 0).
 */
export function replayFormula(
  text: string,
  formulaName: string | undefined,
  values: ReadonlyMap<string, string>,
): ReplayFormula {
  const content = readEditorContent(text);
  if (content.kind === 'formula') return { ok: true, name: EDITOR_FORMULA_NAME, text };
  if (content.kind === 'unreadable')
    return {
      ok: false,
      name: `editor.${EXTENSIONS[content.hostKind]}`,
      reason: `The editor's text looks like ${HOST_KIND_NAMES[content.hostKind]} but does not read as one: ${whyUnreadable(content)}. Fix it, or paste the formula itself, to replay it.`,
    };
  const read = readHostFile(MODEL_FILE_NAME, text, { kind: content.hostKind, values });
  const formula = read.formulas.find((f) => f.name === formulaName) ?? read.formulas[0];
  const host = `editor.${EXTENSIONS[content.hostKind]}`;
  if (formula === undefined) return { ok: false, name: host, reason: 'The editor holds no formula to replay.' };
  const name = `${host}#${formula.name}`;
  const unfilled = formula.placeholders.filter((p) => p.value === undefined).map((p) => p.name);
  if (unfilled.length > 0)
    return {
      ok: false,
      name,
      reason: `The formula of pool ${formula.name} uses ${unique(unfilled).join(', ')}, which ${unfilled.length === 1 ? 'has' : 'have'} no value here: give ${unfilled.length === 1 ? 'it a value' : 'them values'} under Placeholder values in the Evaluate tab to replay it.`,
    };
  return { ok: true, name, text: formula.text };
}

/** Every placeholder name in the file, in order of first use. */
export function placeholderNames(content: EditorContent): string[] {
  return content.kind === 'host' ? unique(content.formulas.flatMap((f) => f.placeholders)) : [];
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
