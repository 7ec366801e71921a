// Formulas in JSON host files: ARM templates (`Microsoft.Batch/batchAccounts/pools` resources,
// `properties.scaleSettings.autoScale.formula`, also nested in a batch account's `resources`),
// management REST bodies (the same path), and pool JSON from the Batch data plane and
// `az batch pool show` (`autoScaleFormula`). Any object holding one of those two paths is a pool;
// it is named by its `name` (the last `/` segment of a literal ARM name) or `id`, else by its JSON
// path. In an ARM template a formula written as an expression (`[concat(...)]`) is read by
// arm-expression.ts. The JSON is read strictly, with ARM's comments blanked out first.

import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
  jsonPath,
  parseJsonWithLocations,
} from '../context/json-locations.ts';
import type { Range } from '../text/source.ts';
import { armExpressionPieces, isArmExpression, type TemplateVariables } from './arm-expression.ts';
import { type FoundFormula, type HostProblem, type HostReadResult, uniqueNames } from './embedded.ts';
import { blankJsonComments, decodeJsonString, jsonStringEnd, piecesOfDecoded } from './json-strings.ts';

/** Whether a JSON document is an ARM template (its expressions are then read as expressions). */
export function isArmTemplate(value: JsonValue | undefined): boolean {
  if (!isJsonObject(value)) return false;
  const schema = value.$schema;
  return (typeof schema === 'string' && /deploymentTemplate/i.test(schema)) || Array.isArray(value.resources);
}

export function readJsonHost(hostText: string): HostReadResult {
  const text = blankJsonComments(hostText);
  const parsed = parseJsonWithLocations(text);
  const problems: HostProblem[] = parsed.errors.map((e) => ({
    message: `not valid JSON: ${e.message}`,
    range: { start: e.offset, end: e.offset + 1 },
  }));
  if (parsed.value === undefined) return { formulas: [], problems };
  const arm = isArmTemplate(parsed.value);
  const variables = arm ? templateVariables(parsed.value, parsed.locations) : new Map<string, number>();
  const formulas: FoundFormula[] = [];
  const offsetOf = (path: string) => parsed.locations.get(path)?.offset;
  // A resource and its `properties` both lead to the same formula: each is read once.
  const formulaPaths = new Set<string>();

  const visit = (value: JsonValue, path: string, owner: string | undefined): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, jsonPath(path, i), owner);
      });
      return;
    }
    if (!isJsonObject(value)) return;
    const name = poolName(value) ?? owner;
    const formulaPath = formulaPathIn(value, path);
    if (formulaPath !== undefined && !formulaPaths.has(formulaPath)) {
      formulaPaths.add(formulaPath);
      const found = readFormula(formulaPath, name ?? (path || 'formula'));
      if (found) formulas.push(found);
    }
    for (const [key, child] of Object.entries(value)) visit(child, jsonPath(path, key), name);
  };

  const readFormula = (path: string, name: string): FoundFormula | undefined => {
    const open = offsetOf(path);
    if (open === undefined) return undefined;
    const close = jsonStringEnd(text, open);
    const decoded = text[open] === '"' ? decodeJsonString(text, open) : undefined;
    if (decoded === undefined || close < 0) {
      problems.push({ message: `the formula at ${path} is not a string`, range: valueRange(text, open) });
      return undefined;
    }
    const hostRange: Range = { start: open + 1, end: close };
    if (arm && isArmExpression(decoded.text)) {
      const pieces = armExpressionPieces(decoded, { variables, decodeAt: (at) => decodeJsonString(text, at) });
      if (typeof pieces === 'string') {
        problems.push({ message: `the formula's ARM expression cannot be read: ${pieces}`, range: hostRange });
        return undefined;
      }
      return { name, pieces, hostRange };
    }
    // `[[` at the start of an ARM string is a literal `[`.
    const skip = arm && decoded.text.startsWith('[[') ? 1 : 0;
    return { name, pieces: piecesOfDecoded(decoded, skip, decoded.text.length), hostRange };
  };

  visit(parsed.value, '', undefined);
  return { formulas: uniqueNames(formulas), problems };
}

/** The path of the formula string inside a pool object, if it has one. */
function formulaPathIn(value: JsonObject, path: string): string | undefined {
  if ('autoScaleFormula' in value) return jsonPath(path, 'autoScaleFormula');
  const properties = value.properties;
  const scaleSettings = isJsonObject(properties) ? properties.scaleSettings : value.scaleSettings;
  const autoScale = isJsonObject(scaleSettings) ? scaleSettings.autoScale : undefined;
  if (!isJsonObject(autoScale) || !('formula' in autoScale)) return undefined;
  const base = isJsonObject(properties) ? jsonPath(path, 'properties') : path;
  return jsonPath(jsonPath(jsonPath(base, 'scaleSettings'), 'autoScale'), 'formula');
}

/**
 * A pool's own name: its `name`'s last `/` segment (ARM child names are `account/pool`), in an
 * ARM expression the last string literal's (`[concat(parameters('account'), '/render')]`), or its `id`.
 */
function poolName(value: JsonObject): string | undefined {
  const name = value.name;
  if (typeof name === 'string' && name !== '' && !name.startsWith('[')) return name.split('/').pop();
  const literal = typeof name === 'string' ? /'([^']*)'[^']*$/.exec(name)?.[1]?.split('/').pop() : undefined;
  if (literal) return literal;
  const id = value.id;
  if (typeof id === 'string' && id !== '' && !id.startsWith('[')) return id.split('/').pop();
  return undefined;
}

/** The template's `variables` whose values are strings: name to the offset of the string's opening quote. */
function templateVariables(template: JsonValue, locations: ReadonlyMap<string, { offset: number }>): TemplateVariables {
  const out = new Map<string, number>();
  const variables = isJsonObject(template) ? template.variables : undefined;
  if (!isJsonObject(variables)) return out;
  for (const [name, value] of Object.entries(variables)) {
    const at = locations.get(jsonPath('variables', name))?.offset;
    if (typeof value === 'string' && at !== undefined) out.set(name, at);
  }
  return out;
}

/** A short range for a non-string value: to the end of its line, at most 40 characters. */
function valueRange(text: string, start: number): Range {
  const lineEnd = text.slice(start).search(/\r|\n|$/);
  return { start, end: start + Math.max(1, Math.min(lineEnd, 40)) };
}
