// Reads a results string (ours or one copied from the service: `$TargetDedicatedNodes=3;...`) back
// into name/value pairs, so outputs can be compared entry by entry and recordings imported.
// A `;` only separates entries when a name and `=` follow it, so string values may hold `;`.

export interface ResultsEntry {
  name: string;
  /** The value exactly as printed. */
  value: string;
}

export type ParsedResults = { ok: true; entries: ResultsEntry[] } | { ok: false; reason: string };

const NAME = /^[A-Za-z_$][A-Za-z0-9_]*$/;

export function parseResultsString(text: string): ParsedResults {
  if (text.trim() === '') return { ok: true, entries: [] };
  const entries: ResultsEntry[] = [];
  for (const part of text.split(/;(?=[A-Za-z_$][A-Za-z0-9_]*=)/)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (eq < 0 || !NAME.test(name)) return { ok: false, reason: `"${part}" is not name=value` };
    entries.push({ name, value: part.slice(eq + 1) });
  }
  return { ok: true, entries };
}
