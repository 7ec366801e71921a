// Completion: what can come next at the cursor, from the registry and the analysis: service
// variables after `$`, sample methods after a metric's `.`, members after a timestamp's, keywords
// after `$NodeDeallocationOption =`, user variables assigned in earlier statements, functions as
// snippets, and whole-formula templates where a statement starts. The client filters by prefix.

import {
  METRIC,
  NOTHING,
  registry,
  TIMESTAMP,
  typeName,
  type Overload,
  type Range,
  type RegistryEntry,
  type SymbolReference,
} from '@autoscale/core';
import type { FormulaDocument } from '../document.ts';
import { statementText } from '../queries.ts';
import { codeBlock, entryMarkdown, kindLine } from '../markdown.ts';
import { escapeSnippetText } from '../snippets.ts';
import { completionContext, type CompletionContext, type CompletionContextKind } from './context.ts';
import { TEMPLATES } from './templates.ts';

export type CompletionItemKind =
  | 'serviceVariable'
  | 'userVariable'
  | 'function'
  | 'method'
  | 'member'
  | 'constant'
  | 'keyword'
  | 'template';

export interface CompletionItem {
  label: string;
  kind: CompletionItemKind;
  /** One line beside the label: the kind of name, or a user variable's type. */
  detail: string;
  /** Markdown. */
  documentation: string;
  insertText: string;
  /** 'snippet': insertText uses snippet syntax (`${1:values}`, `\$` for a literal `$`). */
  insertTextFormat: 'plain' | 'snippet';
  /** The text the item replaces: the whole word at the cursor, or an empty range at the cursor. */
  range: Range;
  /** Orders the list: user variables, then service variables, functions, constants, templates. */
  sortText: string;
  /** Retired metrics: editors strike them through. */
  deprecated?: boolean;
  /** The item leaves the cursor in an argument list: editors should open signature help. */
  triggerSignatureHelp?: boolean;
}

export interface CompletionList {
  /** Where the cursor is, as decided from the tokens around it (useful to adapters and tests). */
  context: CompletionContextKind;
  items: CompletionItem[];
}

export function completion(doc: FormulaDocument, offset: number): CompletionList {
  const ctx = completionContext(doc, offset);
  return { context: ctx.kind, items: itemsFor(doc, ctx) };
}

function itemsFor(doc: FormulaDocument, ctx: CompletionContext): CompletionItem[] {
  const dollar = ctx.prefix.startsWith('$');
  // Completing the name of a call already written (`ma|x(1)`): insert the name alone.
  const call = (entry: CallableEntry, kind: 'function' | 'method') =>
    callItem(entry, kind, ctx.range, doc.text.charAt(ctx.range.end) === '(');
  switch (ctx.kind) {
    case 'none':
      return [];
    case 'member': {
      const items: CompletionItem[] = [];
      if ((ctx.receiverType & METRIC) !== 0) for (const m of registry.methods) items.push(call(m, 'method'));
      if ((ctx.receiverType & TIMESTAMP) !== 0)
        for (const m of registry.members) items.push(entryItem(m, 'member', m.name, ctx.range, '2'));
      return items;
    }
    case 'deallocation':
      return registry.keywords.map((k) => entryItem(k, 'keyword', k.name, ctx.range, '0'));
    case 'statement': {
      // A statement assigns a writable service variable or a user variable, or calls stop().
      const items = [...serviceVariableItems(ctx.range, true), ...userVariableItems(doc, ctx)];
      if (!dollar) {
        for (const f of registry.functions)
          if (f.overloads.every((o) => o.returns === NOTHING)) items.push(call(f, 'function'));
        items.push(...templateItems(ctx.range));
      }
      return dollar ? items.filter((i) => i.label.startsWith('$')) : items;
    }
    case 'expression': {
      const items = [...userVariableItems(doc, ctx), ...serviceVariableItems(ctx.range, false)];
      if (!dollar) {
        // stop() has no value, so it never fits inside an expression.
        for (const f of registry.functions)
          if (f.overloads.some((o) => o.returns !== NOTHING)) items.push(call(f, 'function'));
        for (const c of registry.constants) items.push(entryItem(c, 'constant', c.name, ctx.range, '3'));
      }
      return dollar ? items.filter((i) => i.label.startsWith('$')) : items;
    }
  }
}

function entryItem(
  entry: RegistryEntry,
  kind: CompletionItemKind,
  insertText: string,
  range: Range,
  group: string,
): CompletionItem {
  return {
    label: entry.name,
    kind,
    detail: kindLine(entry),
    documentation: entryMarkdown(entry),
    insertText,
    insertTextFormat: 'plain',
    range,
    sortText: `${group}${entry.name}`,
  };
}

/** Service variables by their full names (legacy aliases are not offered); targets only if `writable`. */
function serviceVariableItems(range: Range, writableOnly: boolean): CompletionItem[] {
  return registry.variables
    .filter((v) => !writableOnly || v.access === 'readwrite')
    .map((v) => {
      const item = entryItem(v, 'serviceVariable', v.name, range, v.retired ? '4' : '1');
      if (v.retired) item.deprecated = true;
      return item;
    });
}

/** User variables some earlier statement assigns, with the type they hold after the last of those. */
function userVariableItems(doc: FormulaDocument, ctx: CompletionContext): CompletionItem[] {
  const lastDefinition = new Map<string, SymbolReference>();
  for (const r of doc.references) {
    if (r.range.end > ctx.statementStart) break;
    if (r.kind === 'user' && r.isDefinition) lastDefinition.set(r.name, r);
  }
  return [...lastDefinition.values()].map((last) => {
    const id = doc.identifierOf(last);
    const type = id ? doc.analysis.types.get(id) : undefined;
    const typeText = type === undefined ? 'unknown' : typeName(type);
    const statement = doc.formula.statements[last.statement];
    const assigned = statement ? `\n\n${codeBlock(statementText(doc, statement))}` : '';
    return {
      label: last.name,
      kind: 'userVariable',
      detail: typeText,
      documentation: `${codeBlock(`${last.name}: ${typeText}`)}\n\n*user variable*${assigned}`,
      insertText: last.name,
      insertTextFormat: 'plain',
      range: ctx.range,
      sortText: `0${last.name}`,
    };
  });
}

type CallableEntry = RegistryEntry & { overloads: readonly Overload[] };

/** A function or method as a snippet whose placeholders are its parameters: `max(${1:values})`. */
function callItem(
  entry: CallableEntry,
  kind: 'function' | 'method',
  range: Range,
  argumentsFollow: boolean,
): CompletionItem {
  const withParams = entry.overloads.find((o) => o.params.length > 0);
  const noParams = entry.overloads.some((o) => o.params.length === 0);
  const group = kind === 'method' ? '0' : '2';
  if (argumentsFollow) return entryItem(entry, kind, entry.name, range, group);
  let insertText: string;
  if (!withParams) insertText = `${entry.name}()`;
  // time() or time("..."): leave the cursor between the parentheses, both are fine from there.
  else if (noParams) insertText = `${entry.name}($1)`;
  else
    insertText = `${entry.name}(${withParams.params.map((p, i) => `\${${i + 1}:${escapeSnippetText(p.name)}}`).join(', ')})`;
  const item = entryItem(entry, kind, insertText, range, group);
  if (withParams) {
    item.insertTextFormat = 'snippet';
    item.triggerSignatureHelp = true;
  }
  return item;
}

function templateItems(range: Range): CompletionItem[] {
  return TEMPLATES.map((t) => ({
    label: `template: ${t.label}`,
    kind: 'template' as const,
    detail: 'whole-formula template',
    documentation: `${t.description}\n\n${codeBlock(t.text.trimEnd())}`,
    insertText: t.snippet,
    insertTextFormat: 'snippet' as const,
    range,
    sortText: `9${t.label}`,
  }));
}
