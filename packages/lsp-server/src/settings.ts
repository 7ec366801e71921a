// The server's settings: the `batchAutoscale` configuration section (diagnostic layers, inlay
// hints, the availability delay of previews, values for placeholders in host files) read from whatever the client sends — nested objects
// as VS Code returns them, or flat dotted keys — into the language service's settings. Values of
// the wrong type fall back to their defaults and are reported, never thrown.

import { DEFAULT_AVAILABILITY_DELAY_MS, formatDuration, parseDuration, type DurationResult } from '@autoscale/core';
import { DEFAULT_SETTINGS, type LanguageSettings } from '@autoscale/language-service';
import { CONFIGURATION_SECTION } from './protocol.ts';

export interface ServerSettings {
  language: LanguageSettings;
  /** The availability delay of the default evaluation context, or why the setting is unusable. */
  availabilityDelay: DurationResult;
  /** Values for the placeholders of formulas in host files (`${var.max_nodes}`), by name. */
  placeholderValues: ReadonlyMap<string, string>;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  language: { diagnostics: { ...DEFAULT_SETTINGS.diagnostics }, inlayHints: { ...DEFAULT_SETTINGS.inlayHints } },
  availabilityDelay: { ok: true, ms: DEFAULT_AVAILABILITY_DELAY_MS },
  placeholderValues: new Map(),
};

export interface SettingsReading {
  settings: ServerSettings;
  /** One sentence per setting that was ignored, naming it. */
  problems: string[];
}

/** Reads the section's value (`undefined`/`null` means every default). */
export function readSettings(section: unknown): SettingsReading {
  const problems: string[] = [];
  const flag = (key: string, fallback: boolean): boolean => {
    const value = lookup(section, key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    problems.push(
      `${CONFIGURATION_SECTION}.${key} must be true or false, not ${JSON.stringify(value)}; using ${fallback}.`,
    );
    return fallback;
  };
  const defaults = DEFAULT_SERVER_SETTINGS.language;
  const language: LanguageSettings = {
    diagnostics: {
      syntax: flag('diagnostics.syntax', defaults.diagnostics.syntax),
      semantic: flag('diagnostics.semantic', defaults.diagnostics.semantic),
      lint: flag('diagnostics.lint', defaults.diagnostics.lint),
    },
    inlayHints: { variableTypes: flag('inlayHints.types', defaults.inlayHints.variableTypes) },
  };
  return {
    settings: {
      language,
      availabilityDelay: readDelay(lookup(section, 'preview.availabilityDelay'), problems),
      placeholderValues: readValues(lookup(section, 'placeholderValues'), problems),
    },
    problems,
  };
}

function readDelay(value: unknown, problems: string[]): DurationResult {
  if (value === undefined || value === null || value === '') return DEFAULT_SERVER_SETTINGS.availabilityDelay;
  const key = `${CONFIGURATION_SECTION}.preview.availabilityDelay`;
  const parsed =
    typeof value === 'string'
      ? parseDuration(value)
      : { ok: false as const, reason: `expected a duration text such as "30s", got ${JSON.stringify(value)}` };
  if (!parsed.ok) {
    // Kept as a failure rather than replaced by the default: an evaluation must not silently use
    // a delay the user did not ask for, so the evaluate request reports it instead.
    problems.push(`${key}: ${parsed.reason} (the default is ${formatDuration(DEFAULT_AVAILABILITY_DELAY_MS)}).`);
    return { ok: false, reason: `${key}: ${parsed.reason}` };
  }
  return parsed;
}

/** `{ "var.max_nodes": 10, "minNodes": "2" }`: each value a formula text (a number is its text). */
function readValues(value: unknown, problems: string[]): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  if (value === undefined || value === null) return values;
  const key = `${CONFIGURATION_SECTION}.placeholderValues`;
  if (!isObject(value)) {
    problems.push(`${key} must be an object of names and values, not ${JSON.stringify(value)}; using none.`);
    return values;
  }
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string') values.set(name, v);
    else if (typeof v === 'number' && Number.isFinite(v)) values.set(name, String(v));
    else
      problems.push(
        `${key}.${name} must be a string or a number, not ${JSON.stringify(v)}; it is left without a value.`,
      );
  }
  return values;
}

/** `a.b` from `{ a: { b } }` or from `{ 'a.b': ... }`. */
function lookup(section: unknown, dotted: string): unknown {
  if (!isObject(section)) return undefined;
  if (Object.hasOwn(section, dotted)) return section[dotted];
  let node: unknown = section;
  for (const part of dotted.split('.')) {
    if (!isObject(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
