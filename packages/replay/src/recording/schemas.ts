// JSON Schemas of the recording format, generated from the same tables the readers use (core's
// registry for columns, META_FIELDS for metadata), and committed as packages/replay/schema/*.json;
// a test fails when the committed files are stale (regenerate with scripts/write-schemas.ts).

import { registry } from '@autoscale/core';
import { resolveColumn, TIME_COLUMN } from './columns.ts';
import { META_FIELDS } from './meta.ts';

export function recordingMetaSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    $schema: { type: 'string', description: 'URI or path of this schema, for editors. Ignored.' },
  };
  for (const f of META_FIELDS) {
    if (f.type === 'string') properties[f.key] = { type: 'string', minLength: 1, description: f.description };
    else if (f.type === 'integer')
      properties[f.key] = {
        type: 'integer',
        minimum: f.min ?? 0,
        ...(f.max !== undefined ? { maximum: f.max } : {}),
        description: f.description,
      };
    else
      properties[f.key] = {
        type: 'string',
        description: `${f.description} A duration like "15m", "1h30m", "PT4M".`,
        pattern: '^(P.+|([0-9]+(\\.[0-9]+)?(d|h|m|s|ms))+)$',
      };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Autoscale replay: pool metadata of a recording',
    description:
      'The side file NAME.meta.json beside a recording NAME.csv / NAME.jsonl, the "meta" object of a JSON Lines recording\'s first line, or "# key: value" lines before a CSV header. Every field is optional.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

export function recordingRowSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    [TIME_COLUMN]: {
      type: 'string',
      description:
        'The sample time: an ISO 8601 instant with a zone, e.g. "2026-01-05T10:00:30Z". Rows must be in increasing time order.',
    },
  };
  for (const spelling of registry.variableSpellings().sort()) {
    const r = resolveColumn(spelling);
    if (!r.ok) continue;
    const alias = spelling !== r.column.name ? ` (legacy name of ${r.column.name})` : '';
    const extra = r.column.entry.percentage === true ? { maximum: 100 } : {};
    properties[spelling] = {
      type: ['number', 'null'],
      minimum: 0,
      ...extra,
      description: `${r.column.entry.summary}${alias} Unit: ${r.column.entry.unit}. ${r.column.kind === 'metric' ? 'A sampled metric' : 'A pool value the formula reads as a plain number'}; null or absent = no sample at this time.`,
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Autoscale replay: one row of a JSON Lines recording',
    description:
      'One line of a JSON Lines recording: the sample time and any service variables sampled at it (the same columns as the wide CSV form). The optional first line {"meta": {...}} follows recording-meta.schema.json instead.',
    type: 'object',
    required: [TIME_COLUMN],
    additionalProperties: false,
    properties,
  };
}
