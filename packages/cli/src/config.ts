// The project config file, `autoscale.config.json` (schema: autoscale.config.schema.json beside
// package.json), found by walking up from the working directory: default paths and exclusions
// for check and fmt, lint severities and disabled codes, placeholder values, the availability
// delay of eval and explain, replay prices and their currency. Command-line flags win over it. A
// bad file is refused with `file:line:column: what is wrong`, never half used.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  codeInfo,
  DIAGNOSTIC_CODES,
  type Diagnostic,
  type DiagnosticCode,
  isJsonObject,
  type JsonValue,
  jsonPath,
  parseDuration,
  parseJsonWithLocations,
} from '@autoscale/core';
import { fileErrorReason, globMatcher } from '@autoscale/node-io';
import { checkCurrency } from '@autoscale/replay/options';

export const CONFIG_FILE = 'autoscale.config.json';

export interface ProjectConfig {
  /** The file it was read from (empty for no file). */
  file: string;
  /** Its directory: include and exclude are relative to it. */
  dir: string;
  include: string[];
  exclude: string[];
  disabled: ReadonlySet<string>;
  severity: ReadonlyMap<string, Diagnostic['severity']>;
  vars: ReadonlyMap<string, string>;
  availabilityDelay: number | undefined;
  priceDedicated: number | undefined;
  priceLowPriority: number | undefined;
  /** ISO 4217 code of the replay's prices. */
  currency: string | undefined;
}

/** Settings when there is no config file. */
export function noConfig(cwd: string): ProjectConfig {
  return {
    file: '',
    dir: cwd,
    include: [],
    exclude: [],
    disabled: new Set(),
    severity: new Map(),
    vars: new Map(),
    availabilityDelay: undefined,
    priceDedicated: undefined,
    priceLowPriority: undefined,
    currency: undefined,
  };
}

/** The nearest autoscale.config.json at or above `cwd`, if any. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
const TOP_KEYS = new Set(['$schema', 'include', 'exclude', 'lint', 'vars', 'availabilityDelay', 'replay']);

/** Reads the config that applies in `cwd`: the settings, or every problem as `file:line:column: message`. */
export function loadConfig(cwd: string): { config: ProjectConfig } | { errors: string[] } {
  const file = findConfig(cwd);
  if (file === undefined) return { config: noConfig(cwd) };
  const name = relative(cwd, file) || CONFIG_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { errors: [`${name}: ${fileErrorReason(err)}`] };
  }
  const parsed = parseJsonWithLocations(text);
  if (parsed.errors.length > 0)
    return { errors: parsed.errors.map((e) => `${name}:${e.line}:${e.column}: ${e.message}`) };
  const errors: string[] = [];
  // An unknown setting is shown at its key, anything else at its value.
  const at = (path: string, message: string) => {
    const unknownKey = message.startsWith('unknown setting');
    const l = (unknownKey ? parsed.keyLocations.get(path) : undefined) ?? parsed.locations.get(path);
    errors.push(`${name}:${l?.line ?? 1}:${l?.column ?? 1}: ${path === '' ? '' : `${path}: `}${message}`);
  };
  const root = parsed.value;
  const config = noConfig(dirname(file));
  config.file = file;
  if (!isJsonObject(root)) {
    at('', 'expected an object');
    return { errors };
  }
  for (const key of Object.keys(root)) if (!TOP_KEYS.has(key)) at(jsonPath('', key), `unknown setting "${key}"`);
  config.include = strings(root.include, 'include', at);
  config.exclude = strings(root.exclude, 'exclude', at);
  readLint(root.lint, at, config);
  if (root.vars !== undefined) {
    if (!isJsonObject(root.vars)) at('vars', 'expected an object of NAME: value');
    else
      config.vars = new Map(
        Object.entries(root.vars).flatMap(([k, v]) => {
          if (typeof v === 'string' || typeof v === 'number') return [[k, String(v)] as [string, string]];
          at(jsonPath('vars', k), 'expected a string or a number');
          return [];
        }),
      );
  }
  if (root.availabilityDelay !== undefined) {
    const delay = typeof root.availabilityDelay === 'string' ? parseDuration(root.availabilityDelay) : undefined;
    if (delay?.ok === true) config.availabilityDelay = delay.ms;
    else at('availabilityDelay', 'expected a duration such as "60s"');
  }
  if (root.replay !== undefined) {
    if (!isJsonObject(root.replay)) at('replay', 'expected an object');
    else
      for (const [key, value] of Object.entries(root.replay)) {
        const path = jsonPath('replay', key);
        if (key === 'currency') {
          const bad =
            typeof value === 'string' ? checkCurrency(value) : 'expected a currency code such as "USD" or "EUR"';
          if (bad !== undefined) at(path, bad);
          else config.currency = value as string;
        } else if (key !== 'priceDedicated' && key !== 'priceLowPriority') at(path, `unknown setting "${key}"`);
        else if (typeof value !== 'number' || !(value >= 0)) at(path, 'expected a price, a number >= 0');
        else config[key] = value;
      }
  }
  return errors.length > 0 ? { errors } : { config };
}

function strings(value: JsonValue | undefined, path: string, at: (path: string, m: string) => void): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    at(path, 'expected an array of strings');
    return [];
  }
  return value as string[];
}

function isCode(name: string): name is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, name);
}

function readLint(value: JsonValue | undefined, at: (path: string, m: string) => void, config: ProjectConfig): void {
  if (value === undefined) return;
  if (!isJsonObject(value)) {
    at('lint', 'expected an object');
    return;
  }
  const disabled = new Set<string>();
  for (const [i, code] of strings(value.disabled, 'lint.disabled', at).entries()) {
    const path = jsonPath('lint.disabled', i);
    if (!isCode(code)) at(path, `${code} is not a diagnostic code`);
    else if (codeInfo(code).severity === 'error') at(path, `${code} is an error, which cannot be turned off`);
    else disabled.add(code);
  }
  const severity = new Map<string, Diagnostic['severity']>();
  if (value.severity !== undefined) {
    if (!isJsonObject(value.severity)) at('lint.severity', 'expected an object of CODE: severity');
    else
      for (const [code, level] of Object.entries(value.severity)) {
        const path = jsonPath('lint.severity', code);
        if (!isCode(code)) at(path, `${code} is not a diagnostic code`);
        else if (codeInfo(code).severity === 'error') at(path, `${code} is an error, whose severity stays`);
        else if (typeof level !== 'string' || !SEVERITIES.has(level)) at(path, 'expected error, warning, info or hint');
        else severity.set(code, level as Diagnostic['severity']);
      }
  }
  for (const key of Object.keys(value))
    if (key !== 'disabled' && key !== 'severity') at(jsonPath('lint', key), `unknown setting "${key}"`);
  config.disabled = disabled;
  config.severity = severity;
}

/** The diagnostics as the project wants them: disabled codes left out, severities overridden. */
export function applyLintSettings(diagnostics: readonly Diagnostic[], config: ProjectConfig): Diagnostic[] {
  return diagnostics.flatMap((d) => {
    if (config.disabled.has(d.code)) return [];
    const severity = config.severity.get(d.code);
    return [severity === undefined ? d : { ...d, severity }];
  });
}

/** Whether a file (a path relative to `cwd`) matches one of the config's exclude patterns. */
export function isExcluded(path: string, cwd: string, config: ProjectConfig): boolean {
  if (config.exclude.length === 0) return false;
  const fromConfig = relative(config.dir, resolve(cwd, path)).replaceAll('\\', '/');
  return config.exclude.some((pattern) => globMatcher(pattern, true).test(fromConfig));
}
