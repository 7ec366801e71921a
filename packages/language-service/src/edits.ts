// Applying TextEdits to a text, in one place: code actions and rename (which re-checks the renamed
// formula) both need it, as do adapters without a workspace-edit notion, and tests.

import type { TextEdit } from '@autoscale/core';

/**
 * Applies non-overlapping edits to a text. Edits are applied from the end backwards so that each
 * one's offsets still refer to the original text; at one start, the longer edit goes first.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end))
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}
