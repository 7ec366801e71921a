// Picks the reader for a recording file: the user's --recording-format, else the content (an
// Azure Monitor document, a REST poll log, a JSON Lines recording or a CSV), with the extension
// only breaking ties. Looks at most at the first 64 KB (PEEK_CHARS); pure, for Node and browsers.

import type { RecordingFormat } from './model.ts';

/** How much of a recording detection looks at. */
export const PEEK_CHARS = 64 * 1024;

export function detectFormat(path: string, head: string): RecordingFormat {
  const text = head.trimStart();
  if (!text.startsWith('{')) {
    // Not JSON-shaped: the extension says what the user meant, so the right reader explains the mistake.
    if (/\.jsonl$|\.ndjson$/i.test(path)) return 'jsonl';
    return /\.json$/i.test(path) ? 'azure-monitor' : 'csv';
  }
  const newline = text.indexOf('\n');
  const firstLine = (newline === -1 ? text : text.slice(0, newline)).trim();
  // `az monitor metrics list` prints one indented document, so its first line is a lone "{".
  if (firstLine === '{') return 'azure-monitor';
  let first: unknown;
  try {
    first = JSON.parse(firstLine);
  } catch {
    // Not one object per line: a document that is not indented, or a broken line the reader reports.
    return /\.jsonl$|\.ndjson$/i.test(path) ? 'jsonl' : 'azure-monitor';
  }
  if (first !== null && typeof first === 'object') {
    if ('taskCounts' in first || 'nodeCounts' in first) return 'rest-poll';
    if ('value' in first && Array.isArray((first as { value: unknown }).value)) return 'azure-monitor';
  }
  return 'jsonl';
}

/** The side file holding a recording's metadata: week.csv -> week.meta.json (same folder). */
export function metaSidePath(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  const stem = dot > slash + 1 ? path.slice(0, dot) : path;
  return `${stem}.meta.json`;
}
