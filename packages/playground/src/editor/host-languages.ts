// The languages the formula editor switches to when it holds a host file: JSON (json-colouring.ts)
// for pool JSON and ARM templates, and Monaco's own Monarch colouring of Bicep and HCL, which load
// lazily as files of the site's own (no worker, nothing the policy forbids). The language only
// colours: the language server's markers, hover, completion and signature help apply to all of
// them (registered for HOST_LANGUAGE_IDS in main.ts), its formula-only features do not.

import 'monaco-editor/languages/definitions/bicep/register';
import 'monaco-editor/languages/definitions/hcl/register';
import type { EditorContent, HostFileKind } from '../host/editor-content.ts';
import { JSON_CONFIGURATION, JSON_LANGUAGE_ID, JSON_MONARCH } from './json-colouring.ts';
import { LANGUAGE_ID } from './language.ts';
import { monaco } from './monaco.ts';

const LANGUAGE_OF: Readonly<Record<HostFileKind, string>> = {
  'pool-json': JSON_LANGUAGE_ID,
  arm: JSON_LANGUAGE_ID,
  bicep: 'bicep',
  terraform: 'hcl',
};

/** Every language id a host file is shown in. */
export const HOST_LANGUAGE_IDS: readonly string[] = [...new Set(Object.values(LANGUAGE_OF))];

export function registerHostLanguages(): void {
  monaco.languages.register({ id: JSON_LANGUAGE_ID, aliases: ['JSON (pool, ARM template)'] });
  monaco.languages.setLanguageConfiguration(JSON_LANGUAGE_ID, JSON_CONFIGURATION);
  monaco.languages.setMonarchTokensProvider(JSON_LANGUAGE_ID, JSON_MONARCH);
}

/**
 * The language to show the editor's text in: a host file's own, or the formula language for a
 * formula and for text that does not read as a host file (the server checks that as a formula).
 */
export function languageFor(content: EditorContent): string {
  return content.kind === 'host' ? LANGUAGE_OF[content.hostKind] : LANGUAGE_ID;
}
