// The Terraform host reader: finds every `resource "azurerm_batch_pool" "NAME"` in a `.tf` file
// (HCL native syntax) and the `formula` of its `auto_scale` block, and describes it as formula
// pieces. The formula may be a quoted string, a heredoc, or a reference to a `variable` default or a
// `locals` value in the same file; `file(...)` and anything Terraform would compute become problems
// saying where the formula really is. Not a full HCL parser: the scanner (terraform-scanner.ts) cuts
// tokens, terraform-blocks.ts groups them into blocks and attributes, this file follows the formula
// to its string, and terraform-template.ts turns the string into pieces. Nothing here throws on any input.

import type { Range } from '../text/source.ts';
import type { FoundFormula, HostProblem, HostReadResult } from './embedded.ts';
import { type Attribute, type Block, isSymbol, readBlocks } from './terraform-blocks.ts';
import { type HclTemplate, type HclToken, scanHcl } from './terraform-scanner.ts';
import { readTemplate } from './terraform-template.ts';

/** The Azure provider's resource for a Batch pool. */
const POOL_RESOURCE = 'azurerm_batch_pool';
/** Functions that read a file: the formula is in that file, not in this one. */
const FILE_FUNCTIONS = ['file', 'templatefile'];
/** How long an expression may be when quoted in a message. */
const QUOTED_EXPRESSION_LIMIT = 60;

export function readTerraform(text: string): HostReadResult {
  const scan = scanHcl(text);
  const problems: HostProblem[] = [...scan.problems];
  // When something unclosed took the rest of the file, the blocks it cut short are no news.
  const top = readBlocks(text, scan.tokens, scan.truncated ? [] : problems);
  const reader = new FormulaReader(text, top, problems);
  for (const block of top) {
    if (block.type !== 'resource' || block.labels[0] !== POOL_RESOURCE) continue;
    const subject = `${POOL_RESOURCE} "${block.labels[1] ?? ''}"`;
    for (const inner of block.blocks) reader.autoScale(block.labels[1] ?? '', subject, inner);
  }
  problems.sort((a, b) => a.range.start - b.range.start);
  return { formulas: reader.formulas, problems };
}

/** Follows a pool's `formula` to the string that holds it. */
class FormulaReader {
  readonly formulas: FoundFormula[] = [];
  private readonly text: string;
  private readonly problems: HostProblem[];
  private readonly variables = new Map<string, Block>();
  private readonly locals = new Map<string, Attribute>();

  constructor(text: string, top: readonly Block[], problems: HostProblem[]) {
    this.text = text;
    this.problems = problems;
    for (const block of top) {
      const name = block.labels[0];
      if (block.type === 'variable' && name !== undefined && !this.variables.has(name)) this.variables.set(name, block);
      if (block.type !== 'locals') continue;
      for (const attribute of block.attributes)
        if (!this.locals.has(attribute.name)) this.locals.set(attribute.name, attribute);
    }
  }

  /** A block inside a pool resource: an `auto_scale` block gives a formula. */
  autoScale(name: string, subject: string, block: Block): void {
    if (block.type === 'dynamic' && block.labels[0] === 'auto_scale') {
      this.problem(
        `the formula of ${subject} is in a dynamic auto_scale block, which Terraform builds: write an auto_scale block`,
        block.header,
      );
      return;
    }
    if (block.type !== 'auto_scale') return;
    const formula = block.attributes.find((attribute) => attribute.name === 'formula');
    if (formula === undefined) {
      this.problem(`the auto_scale block of ${subject} has no formula`, block.header);
      return;
    }
    const template = this.resolve(formula, subject, new Set());
    if (template === undefined) return;
    const reading = readTemplate(this.text, template, subject);
    this.problems.push(...reading.problems);
    if (!reading.readable) return;
    const hostRange = { start: template.contentStart, end: template.contentEnd };
    this.formulas.push({ name, pieces: reading.pieces, hostRange });
  }

  /** The string an attribute's value is, following `var.` and `local.` references in this file. */
  private resolve(attribute: Attribute, subject: string, seen: Set<string>): HclTemplate | undefined {
    const value = attribute.value;
    const [first, dot, name] = value;
    if (value.length === 1 && first?.kind === 'template') return first.template;
    const where = spanOf(value);
    if (where === undefined) {
      this.problem(`the formula of ${subject} has no value after ${attribute.name} =`, attribute.nameRange);
      return undefined;
    }
    const call = value.findIndex(
      (token, i) => token.kind === 'ident' && FILE_FUNCTIONS.includes(token.text) && isSymbol(value[i + 1], '('),
    );
    const callee = value[call];
    if (callee?.kind === 'ident') {
      const argument = value[call + 2];
      const path = argument?.kind === 'template' ? this.contents(argument.template) : '...';
      this.problem(
        `the formula of ${subject} is in another file, "${path}" (read with ${callee.text}()): check that file itself`,
        { start: callee.start, end: where.end },
      );
      return undefined;
    }
    const reference = first?.kind === 'ident' && isSymbol(dot, '.') && name?.kind === 'ident' && value.length === 3;
    if (reference && first.text === 'var') return this.variable(name.text, subject, where, seen);
    if (reference && first.text === 'local') {
      const local = this.locals.get(name.text);
      if (local !== undefined && !seen.has(`local.${name.text}`))
        return this.resolve(local, subject, new Set([...seen, `local.${name.text}`]));
      const why =
        local === undefined
          ? 'this file defines no such local value'
          : 'the local values refer to each other in a cycle';
      this.problem(`the formula of ${subject} is local.${name.text}, but ${why}`, where);
      return undefined;
    }
    this.problem(`the formula of ${subject} is not a string: ${this.quote(where)}`, where);
    return undefined;
  }

  private variable(name: string, subject: string, where: Range, seen: Set<string>): HclTemplate | undefined {
    const declared = this.variables.get(name);
    const fallback = declared?.attributes.find((attribute) => attribute.name === 'default');
    if (fallback !== undefined) return this.resolve(fallback, subject, seen);
    const why =
      declared === undefined
        ? `this file declares no variable "${name}"`
        : `variable "${name}" has no default here, so its value comes from outside this file`;
    this.problem(`the formula of ${subject} is var.${name}, but ${why}`, where);
    return undefined;
  }

  private contents(template: HclTemplate): string {
    return this.text.slice(template.contentStart, template.contentEnd);
  }

  private quote(range: Range): string {
    const text = this.text.slice(range.start, range.end).replace(/\s+/g, ' ');
    return text.length > QUOTED_EXPRESSION_LIMIT ? `${text.slice(0, QUOTED_EXPRESSION_LIMIT)}...` : text;
  }

  private problem(message: string, range: Range): void {
    this.problems.push({ message, range: { start: range.start, end: range.end } });
  }
}

function spanOf(tokens: readonly HclToken[]): Range | undefined {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first === undefined || last === undefined ? undefined : { start: first.start, end: last.end };
}
