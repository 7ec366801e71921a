// Reads the service's own history of a pool's autoscale evaluations from the text of one file and
// merges files: PoolAutoScaleEvent diagnostic records (JSON Lines as a storage account keeps
// them, a JSON array, the pre-2018 `{"records": [...]}` blob, a Log Analytics query's JSON
// `{"tables": [...]}` or CSV export) and `az batch pool show` snapshots (one pool, a JSON array or
// JSON Lines of them). The shape is picked from the content; each record is read by
// service-record.ts. Snapshots repeat the same autoScaleRun, so evaluations are deduplicated by
// pool and instant; two different evaluations at one instant are an error. Pure (no node:*).

import { formatInstant, parseJsonWithLocations } from '@autoscale/core';
import type { ErrorList } from '../recording/errors.ts';
import { isPlainObject, parseJsonText } from '../recording/jsonl.ts';
import { parseCsvTable } from './csv-table.ts';
import { arrayElementLines } from './json-elements.ts';
import type { ServiceEvaluation, ServiceHistory } from './service-history-model.ts';
import { fieldKey, readServiceRecord } from './service-record.ts';

/** Where a record sits, for messages: a line, or a path inside a document without line numbers. */
interface Where {
  line?: number;
  path?: string;
}

/** Collects evaluations from any number of files: counts, deduplication, one copy of each formula text. */
export class ServiceHistoryBuilder {
  private readonly byKey = new Map<string, { evaluation: ServiceEvaluation; where: string }>();
  private readonly formulas = new Map<string, string>();
  private readonly files: string[] = [];
  private records = 0;
  private duplicates = 0;
  private otherEvents = 0;
  private withoutRun = 0;

  /** Reads one file's text into the history; problems go to `errors` (the file's list). */
  addText(text: string, errors: ErrorList): void {
    this.files.push(errors.file);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const head = body.trimStart();
    const visit = (value: unknown, where: Where): boolean => this.record(value, where, errors);
    if (head === '') errors.add(undefined, 'the file is empty');
    else if (head.startsWith('{') && firstLineIsJson(body)) readJsonLines(body, visit, errors);
    else if (head.startsWith('{') || head.startsWith('[')) readDocument(body, visit, errors);
    else if (/\.(json|jsonl|ndjson)$/i.test(errors.file))
      errors.add(
        undefined,
        'not JSON: expected diagnostic records or pools as JSON Lines, a JSON array or one document',
      );
    else readCsv(body, visit, errors);
  }

  finish(): ServiceHistory {
    const evaluations = [...this.byKey.values()]
      .map((v) => v.evaluation)
      .sort((a, b) => a.time - b.time || (a.poolId ?? '').localeCompare(b.poolId ?? ''));
    return {
      files: this.files,
      evaluations,
      records: this.records,
      duplicates: this.duplicates,
      otherEvents: this.otherEvents,
      withoutRun: this.withoutRun,
    };
  }

  private record(value: unknown, where: Where, errors: ErrorList): boolean {
    const outcome = readServiceRecord(value);
    if (outcome.kind === 'other') this.otherEvents++;
    else if (outcome.kind === 'no-run') this.withoutRun++;
    else if (outcome.kind === 'error') errors.add(where.line, at(where, outcome.message));
    else this.add(outcome.evaluation, where, errors);
    return !errors.full;
  }

  private add(evaluation: ServiceEvaluation, where: Where, errors: ErrorList): void {
    this.records++;
    // One copy of each formula text however many snapshots repeat it.
    if (evaluation.formula !== undefined) {
      const known = this.formulas.get(evaluation.formula);
      if (known === undefined) this.formulas.set(evaluation.formula, evaluation.formula);
      else evaluation.formula = known;
    }
    const key = `${evaluation.poolId ?? ''}\n${evaluation.time}`;
    const here = `${errors.file}${where.line === undefined ? '' : `:${where.line}`}`;
    const seen = this.byKey.get(key);
    if (seen === undefined) {
      this.byKey.set(key, { evaluation, where: here });
      return;
    }
    const first = seen.evaluation;
    if (first.results !== evaluation.results || (first.error?.code ?? null) !== (evaluation.error?.code ?? null)) {
      const pool = evaluation.poolId === undefined ? 'the pool' : `pool "${evaluation.poolId}"`;
      const hint = evaluation.poolId === undefined ? " (two pools' histories without pool ids?)" : '';
      errors.add(
        where.line,
        at(
          where,
          `${pool} has two different evaluations at ${formatInstant(evaluation.time)}: ${describeRun(evaluation)} here, ${describeRun(first)} at ${seen.where}${hint}`,
        ),
      );
      return;
    }
    this.duplicates++;
    if (first.formula === undefined && evaluation.formula !== undefined) first.formula = evaluation.formula;
  }
}

function describeRun(e: ServiceEvaluation): string {
  return e.error === null ? `"${e.results}"` : `error ${e.error.code}`;
}

function at(where: Where, message: string): string {
  return where.path === undefined ? message : `${where.path}: ${message}`;
}

/** JSON Lines when the first non-blank line is a whole JSON value; a pretty-printed document's is "{". */
function firstLineIsJson(text: string): boolean {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? undefined : end);
    if (line.trim() !== '' || end === -1) return parseJsonText(line).ok;
    start = end + 1;
  }
}

function readJsonLines(text: string, visit: (v: unknown, w: Where) => boolean, errors: ErrorList): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    const parsed = parseJsonText(line);
    if (!parsed.ok) {
      errors.add(i + 1, parsed.reason);
      if (errors.full) return;
      continue;
    }
    if (!readValue(parsed.value, { line: i + 1 }, visit, errors)) return;
  }
}

function readDocument(text: string, visit: (v: unknown, w: Where) => boolean, errors: ErrorList): void {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // Only a broken document pays for the parser that knows lines and columns.
    const e = parseJsonWithLocations(text).errors[0];
    if (e === undefined) errors.add(undefined, parsed.reason);
    else errors.add(e.line, `not valid JSON: ${e.message}`, e.column);
    return;
  }
  const doc = parsed.value;
  if (Array.isArray(doc)) {
    const lines = arrayElementLines(text);
    doc.every((v, i) => visit(v, { line: lines[i] ?? 1 }));
    return;
  }
  readValue(doc, { line: 1 }, visit, errors);
}

/**
 * One JSON value holding records: the query API's `{"tables": [...]}`, a blob from before
 * November 2018 `{"records": [...]}`, a REST list of pools `{"value": [...]}`, or one record.
 * Returns false once reading should stop.
 */
function readValue(doc: unknown, where: Where, visit: (v: unknown, w: Where) => boolean, errors: ErrorList): boolean {
  if (isPlainObject(doc) && Array.isArray(doc.tables)) return readQueryTables(doc.tables, where, visit, errors);
  for (const key of ['records', 'value'] as const) {
    const list = isPlainObject(doc) ? doc[key] : undefined;
    if (Array.isArray(list)) return list.every((v, i) => visit(v, { ...where, path: `${key}[${i}]` }));
  }
  return visit(doc, where);
}

/** The Log Analytics query API's response: `{"tables": [{"columns": [{"name"}], "rows": [[...]]}]}`. */
function readQueryTables(
  tables: unknown[],
  where: Where,
  visit: (v: unknown, w: Where) => boolean,
  errors: ErrorList,
): boolean {
  for (const [t, table] of tables.entries()) {
    const columns = isPlainObject(table) && Array.isArray(table.columns) ? table.columns : undefined;
    const rows = isPlainObject(table) && Array.isArray(table.rows) ? table.rows : undefined;
    const names = columns?.map((c) => (isPlainObject(c) && typeof c.name === 'string' ? c.name : undefined));
    if (rows === undefined || names === undefined || names.some((n) => n === undefined)) {
      errors.add(where.line, `tables[${t}]: expected "columns" (each with a "name") and "rows" arrays`);
      return false;
    }
    for (const [r, row] of rows.entries()) {
      const path = `tables[${t}].rows[${r}]`;
      if (!Array.isArray(row) || row.length !== names.length) {
        errors.add(where.line, `${path}: expected an array of ${names.length} values, one per column`);
        if (errors.full) return false;
        continue;
      }
      const record: Record<string, unknown> = {};
      names.forEach((n, i) => {
        record[n as string] = row[i];
      });
      if (!visit(record, { ...where, path })) return false;
    }
  }
  return true;
}

/**
 * A Log Analytics export as CSV: a header row of column names (the portal writes datetime columns
 * as `TimeGenerated [UTC]`), then one row per record; an empty cell is an empty value.
 */
function readCsv(text: string, visit: (v: unknown, w: Where) => boolean, errors: ErrorList): void {
  const table = parseCsvTable(text);
  if (!table.ok) {
    errors.add(table.line, table.message);
    return;
  }
  const [header, ...rows] = table.records;
  if (header === undefined) return;
  const names = header.cells.map((c) => c.trim().replace(/\s*\[UTC\]$/i, ''));
  const keys = new Set(names.map(fieldKey));
  if (!keys.has('results')) {
    errors.add(
      header.line,
      `no results column (got ${names.join(', ')}): export the PoolAutoScaleEvent's results (in AzureDiagnostics "results_s") and its timestamp`,
    );
    return;
  }
  if (!['timestamp', 'time', 'timegenerated'].some((k) => keys.has(k))) {
    errors.add(header.line, 'no time column: export the event\'s "timestamp" or the record\'s "TimeGenerated"');
    return;
  }
  if (rows.length === 0) errors.add(undefined, 'no rows after the header');
  for (const row of rows) {
    if (row.cells.length !== names.length) {
      errors.add(row.line, `expected ${names.length} cells (one per column of the header), got ${row.cells.length}`);
      if (errors.full) return;
      continue;
    }
    const record: Record<string, unknown> = {};
    names.forEach((n, i) => {
      record[n] = row.cells[i];
    });
    if (!visit(record, { line: row.line })) return;
  }
}
