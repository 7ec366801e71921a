// The VS Code extension's manifest (extension/package.json) against the server it starts: the
// settings VS Code shows are exactly the ones the server reads, with the server's defaults, and
// the language id and commands are the protocol's. The manifest is JSON that no compiler checks,
// so without this test a setting renamed on one side would silently do nothing.

import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_SECTION, DEFAULT_SERVER_SETTINGS, EVALUATE_COMMAND, readSettings } from '@autoscale/lsp-server';
import { LANGUAGE_ID } from '@autoscale/lsp-server/protocol';
import { REPO_ROOT } from './support/paths.ts';

interface Manifest {
  contributes: {
    languages: Array<{ id: string }>;
    grammars: Array<{ language?: string; scopeName: string; path: string; injectTo?: string[] }>;
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, { type: string; default: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'extension', 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
const prefix = `${CONFIGURATION_SECTION}.`;
/** The manifest's setting keys inside the section, e.g. `diagnostics.lint`. */
const manifestKeys = Object.keys(properties).map((key) => (key.startsWith(prefix) ? key.slice(prefix.length) : key));

/**
 * The keys readSettings asks the section for, recorded by a section that has none of them. The
 * reader may ask for a flat dotted key and walk the nested objects too (`diagnostics`, then
 * `diagnostics.syntax`): a key that only starts a longer one is a step of such a walk, not a setting.
 */
function keysReadSettingsAsksFor(): string[] {
  const asked = new Set<string>();
  const ask = (key: string | symbol) => void (typeof key === 'string' && asked.add(key));
  const section = new Proxy(
    {},
    {
      getOwnPropertyDescriptor: (_target, key) => ask(key),
      has: (_target, key) => {
        ask(key);
        return false;
      },
      get: (_target, key) => ask(key),
    },
  );
  readSettings(section);
  const all = [...asked];
  return all.filter((key) => !all.some((other) => other.startsWith(`${key}.`))).sort();
}

describe('extension manifest', () => {
  it('puts every setting in the configuration section', () => {
    for (const key of Object.keys(properties)) expect(key.startsWith(prefix), key).toBe(true);
  });

  it('declares exactly the settings the server reads', () => {
    expect(manifestKeys.length).toBeGreaterThan(0);
    expect([...manifestKeys].sort()).toEqual(keysReadSettingsAsksFor());
  });

  it('declares settings the server really uses: a wrong-typed value of each is reported by name', () => {
    for (const key of manifestKeys) {
      // No setting is an array, so every reader rejects one and names the setting.
      const { problems } = readSettings({ [key]: [] });
      expect(problems.join('\n'), key).toContain(`${prefix}${key}`);
    }
  });

  it("declares the server's defaults", () => {
    const defaults = Object.fromEntries(manifestKeys.map((key) => [key, properties[prefix + key]?.default]));
    expect(readSettings(defaults)).toEqual({ settings: DEFAULT_SERVER_SETTINGS, problems: [] });
  });

  it('injects into the host grammars the injection tests use (grammar/test/host-grammars/grammars.json)', () => {
    const tested = JSON.parse(readFileSync(join(REPO_ROOT, 'grammar/test/host-grammars/grammars.json'), 'utf8')) as {
      contributes: { grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }> };
    };
    const injections = (grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }>) =>
      grammars.flatMap((g) =>
        g.injectTo ? [{ scopeName: g.scopeName, file: basename(g.path), hosts: g.injectTo.slice(0, 1) }] : [],
      );
    // The manifest may inject into more scopes (jsonc, the older Terraform scope) than are tested;
    // the first of each is the one the tests run.
    expect(injections(manifest.contributes.grammars)).toEqual(injections(tested.contributes.grammars));
    expect(injections(manifest.contributes.grammars)).toHaveLength(3);
  });

  it("uses the protocol's language id and command", () => {
    expect(manifest.contributes.languages.map((l) => l.id)).toEqual([LANGUAGE_ID]);
    expect(manifest.contributes.grammars.flatMap((g) => g.language ?? [])).toEqual([LANGUAGE_ID]);
    expect(manifest.contributes.commands.map((c) => c.command)).toContain(EVALUATE_COMMAND);
  });
});
