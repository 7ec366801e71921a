// Markdown for built-ins, from the registry entry alone: a code block with the signature (every
// overload), what kind of name it is (access, sampling, unit), the docs and the example. Hover,
// completion and signature help all show this text, so they never disagree.

import { DEALLOCATION_OPTION, registry, typeName, type RegistryEntry, type VariableEntry } from '@autoscale/core';
import { LANGUAGE_ID } from './language.ts';

export function codeBlock(code: string): string {
  // A fence longer than any backtick run inside keeps the block closed whatever the code holds.
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${LANGUAGE_ID}\n${code}\n${fence}`;
}

/** The one-line signature of an entry, as shown at the top of its docs. */
export function signatureOf(entry: RegistryEntry): string {
  switch (entry.kind) {
    case 'variable':
      return entry.name;
    case 'function':
      return entry.overloads.map((o) => o.label).join('\n');
    case 'method':
      return entry.overloads.map((o) => `$metric.${o.label}`).join('\n');
    case 'member':
      return `timestamp.${entry.name} -> ${typeName(entry.returns)}`;
    case 'constant':
      return `${entry.name}: ${typeName(entry.type)}`;
    case 'keyword':
      return `${DEALLOCATION_OPTION} = ${entry.name}`;
  }
}

/** What kind of name it is, in a few words (the completion list shows it beside the label). */
export function kindLine(entry: RegistryEntry): string {
  switch (entry.kind) {
    case 'variable':
      return variableKind(entry);
    case 'function':
      return 'built-in function';
    case 'method':
      return 'sample method of sampled metrics';
    case 'member':
      return 'timestamp member';
    case 'constant':
      return 'built-in constant';
    case 'keyword':
      return 'deallocation option';
  }
}

function variableKind(v: VariableEntry): string {
  const parts = [
    'service variable',
    v.sampled ? 'sampled metric' : v.access === 'readwrite' ? 'read-write' : 'read-only',
    `unit: ${v.unit}`,
  ];
  if (v.retired) parts.push('retired');
  return parts.join(' · ');
}

/** Full documentation of an entry; `spelling` is the name as written when it is an alias. */
export function entryMarkdown(entry: RegistryEntry, spelling?: string): string {
  const parts = [codeBlock(signatureOf(entry)), `*${kindLine(entry)}*`];
  if (entry.kind === 'variable') {
    if (spelling && spelling !== entry.name) parts.push(`\`${spelling}\` is the legacy name of \`${entry.name}\`.`);
    else if (entry.aliases.length > 0)
      parts.push(`Also spelled ${entry.aliases.map((a) => `\`${a}\``).join(', ')} (legacy).`);
  }
  parts.push(entry.docs, `**Example**\n\n${codeBlock(entry.example)}`);
  return parts.join('\n\n');
}

/** The registry entry a reference's name resolves to, for its kind. */
export function entryFor(kind: string, name: string): RegistryEntry | undefined {
  switch (kind) {
    case 'service':
      return registry.variable(name);
    case 'function':
      return registry.function(name);
    case 'method':
      return registry.method(name);
    case 'member':
      return registry.member(name);
    case 'constant':
      return registry.constant(name);
    case 'keyword':
      return registry.keyword(name);
    default:
      return undefined;
  }
}
