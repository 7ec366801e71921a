// What an open document is to the server: a formula (every feature), a host file holding pool
// formulas (diagnostics, hover, completion and signature help inside those formulas, at the host
// file's positions), or neither (nothing). A `.autoscale` file is always a formula; any other
// document is read by its file name and content, so a Bicep, Terraform or JSON file the client
// sends is served whatever language id it has, and a pasted pool JSON in an untitled
// batch-autoscale document (the playground) is read as the JSON it is (and when that JSON is
// broken, only where it is broken is reported).

import {
  FILE_EXTENSIONS,
  LineMap,
  readHostDocument,
  type HostDocument,
  type ServiceDiagnostic,
  unreadableHost,
} from '@autoscale/language-service';
import { LANGUAGE_ID } from './protocol.ts';

export type DocumentRole =
  | { kind: 'formula' }
  | { kind: 'host'; host: HostDocument; lines: LineMap }
  /** A formula document holding a host file that does not read (broken JSON): only why. */
  | { kind: 'unreadable'; problems: ServiceDiagnostic[]; lines: LineMap }
  | { kind: 'other' };

const FORMULA: DocumentRole = { kind: 'formula' };
const OTHER: DocumentRole = { kind: 'other' };

export function documentRole(
  uri: string,
  languageId: string,
  text: string,
  values: ReadonlyMap<string, string>,
): DocumentRole {
  const name = fileNameOf(uri);
  const lower = name.toLowerCase();
  if (FILE_EXTENSIONS.some((extension) => lower.endsWith(extension))) return FORMULA;
  const host = readHostDocument(name, text, { values });
  if (host) return { kind: 'host', host, lines: new LineMap(text) };
  if (languageId !== LANGUAGE_ID) return OTHER;
  // In a JSON, Bicep or Terraform file the editor's own tools report a broken file; a formula
  // document holding one gets it here, instead of formula syntax errors all over it.
  const problems = unreadableHost(name, text);
  return problems ? { kind: 'unreadable', problems, lines: new LineMap(text) } : FORMULA;
}

/** The last path segment of a URI (`file:///infra/main.bicep` → `main.bicep`), decoded. */
export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/s, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
