// Signature help: inside the argument list of a built-in function or sample method, every overload
// with its parameters, the overload that fits the arguments so far, and the parameter at the
// cursor. The enclosing call is found from the tokens (it works while the call is still being
// typed); argument types come from the checker when the tree has the call.

import { argumentsFit, arityAccepts, ANY, paramKindName, registry, type Overload, type Type } from '@autoscale/core';
import type { FormulaDocument, LexToken } from './document.ts';
import { forEachNode, isValidOffset, tokenIndexBefore } from './queries.ts';

export interface ParameterInformation {
  /** [start, end) of the parameter within the signature's label. */
  label: [number, number];
  name: string;
  documentation: string;
}

export interface SignatureInformation {
  /** The registry's label, e.g. `GetSample(startTime, double samplePercent) -> doubleVec`. */
  label: string;
  /** Markdown: the built-in's documentation (the same for every overload). */
  documentation: string;
  parameters: ParameterInformation[];
  /** The parameter at the cursor in this overload, or -1 when the overload has no such parameter. */
  activeParameter: number;
}

export interface SignatureHelp {
  signatures: SignatureInformation[];
  activeSignature: number;
  /** The active signature's active parameter (-1: none). */
  activeParameter: number;
}

interface EnclosingCall {
  name: string;
  isMethod: boolean;
  /** Offset of the call's '('. */
  openParen: number;
  /** 0-based index of the argument the cursor is in. */
  argumentIndex: number;
}

export function signatureHelp(doc: FormulaDocument, offset: number): SignatureHelp | undefined {
  if (!isValidOffset(doc, offset)) return undefined;
  const call = enclosingCall(doc, offset);
  if (!call) return undefined;
  const entry = call.isMethod ? registry.method(call.name) : registry.function(call.name);
  if (!entry) return undefined;
  const argTypes = argumentTypes(doc, call);
  const count = Math.max(argTypes.length, call.argumentIndex + 1);
  const fitting = entry.overloads.findIndex((o) => arityAccepts(o, count) && argumentsFit(o, argTypes));
  const byArity = entry.overloads.findIndex((o) => arityAccepts(o, count));
  const activeSignature = Math.max(0, fitting >= 0 ? fitting : byArity);
  // Each signature shows the docs without the list of every overload: the signatures are that list.
  const documentation = entry.docs;
  const signatures = entry.overloads.map((o) => signatureOf(o, documentation, call.argumentIndex));
  return { signatures, activeSignature, activeParameter: signatures[activeSignature]?.activeParameter ?? -1 };
}

function signatureOf(o: Overload, documentation: string, argumentIndex: number): SignatureInformation {
  const spans = parameterSpans(o.label);
  const parameters = o.params.map((p, i) => {
    const span = spans[i] ?? [0, 0];
    return {
      label: span,
      name: p.name,
      documentation: `\`${p.name}\`: ${paramKindName(p.kind)}${p.optional ? ' (optional)' : ''}${o.variadic && i === o.params.length - 1 ? ', repeated: any number of arguments' : ''}`,
    };
  });
  const last = o.params.length - 1;
  const activeParameter =
    o.variadic && argumentIndex > last ? last : argumentIndex < o.params.length ? argumentIndex : -1;
  return { label: o.label, documentation, parameters, activeParameter };
}

/** Where each parameter sits in a label such as `percentile(doubleVec v, double p) -> double`. */
export function parameterSpans(label: string): Array<[number, number]> {
  const open = label.indexOf('(');
  const close = label.indexOf(')', open);
  if (open < 0 || close < 0 || close === open + 1) return [];
  const spans: Array<[number, number]> = [];
  let start = open + 1;
  for (let i = start; i <= close; i++) {
    if (i === close || label[i] === ',') {
      let s = start;
      while (label[s] === ' ') s++;
      spans.push([s, i]);
      start = i + 1;
    }
  }
  return spans;
}

/**
 * The innermost call whose argument list holds the cursor, scanning tokens backwards: brackets
 * and parentheses closed before the cursor are skipped; an unclosed grouping '(' or vector '['
 * means the commas seen so far were not this call's, so counting restarts outside it.
 */
function enclosingCall(doc: FormulaDocument, offset: number): EnclosingCall | undefined {
  const tokens = doc.tokens;
  let depth = 0;
  let commas = 0;
  for (let i = tokenIndexBefore(doc, offset); i >= 0; i--) {
    const t = tokens[i] as LexToken;
    if (t.end > offset) continue;
    const c = t.image;
    if (c === ';') return undefined;
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = tokens[i - 1];
      if (c === '(' && callee?.class === 'identifier') {
        return {
          name: callee.image,
          isMethod: tokens[i - 2]?.image === '.',
          openParen: t.start,
          argumentIndex: commas,
        };
      }
      commas = 0;
    } else if (c === ',' && depth === 0) {
      commas++;
    }
  }
  return undefined;
}

/** Types of the call's arguments when the tree has the call (an argument still missing is unknown: ANY). */
function argumentTypes(doc: FormulaDocument, call: EnclosingCall): Type[] {
  let types: Type[] = [];
  forEachNode(doc.formula, (e) => {
    if ((e.kind === 'Call' || e.kind === 'MethodCall') && e.openParen === call.openParen) {
      types = e.args.map((a) => (a.kind === 'Missing' ? ANY : (doc.analysis.types.get(a) ?? ANY)));
    }
  });
  return types;
}
