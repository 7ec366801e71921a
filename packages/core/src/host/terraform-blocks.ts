// The Terraform reader's structure stage: the scanner's tokens grouped into HCL blocks (type,
// labels, body) and attributes (name, expression tokens), which is all the reader needs to find
// pools, variables and locals. Braces that do not balance are problems with a range, so a reader of
// the result knows its blocks may be cut short or run together.

import type { Range } from '../text/source.ts';
import type { HostProblem } from './embedded.ts';
import { type HclToken, MAX_NESTING } from './terraform-scanner.ts';

export interface Attribute {
  name: string;
  /** The attribute's name, for problems about it. */
  nameRange: Range;
  /** The expression's tokens, without the line break ending it. */
  value: HclToken[];
}

export interface Block {
  type: string;
  labels: string[];
  /** From the block type to its opening brace. */
  header: Range;
  attributes: Attribute[];
  blocks: Block[];
}

/** The file's top-level blocks; unbalanced braces are added to `problems`. */
export function readBlocks(text: string, tokens: readonly HclToken[], problems: HostProblem[]): Block[] {
  return new BodyParser(text, tokens, problems).body();
}

/** Groups tokens into blocks and attributes, reporting unbalanced braces. */
class BodyParser {
  private readonly text: string;
  private readonly tokens: readonly HclToken[];
  private readonly problems: HostProblem[];
  private at = 0;
  private nesting = 0;
  /** The nesting limit was reached: the rest of the file was skipped. */
  private stopped = false;

  constructor(text: string, tokens: readonly HclToken[], problems: HostProblem[]) {
    this.text = text;
    this.tokens = tokens;
    this.problems = problems;
  }

  /** The blocks of the whole file; its top-level attributes are of no interest. */
  body(): Block[] {
    return this.items(undefined).blocks;
  }

  /** Items up to the `}` closing `open`, or to the end of the file at top level (`open` undefined). */
  private items(open: Block | undefined): { attributes: Attribute[]; blocks: Block[] } {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    for (;;) {
      const token = this.tokens[this.at];
      if (token === undefined) {
        // Blocks the nesting limit cut short are no news.
        if (open !== undefined && !this.stopped) {
          const labels = open.labels.map((label) => ` "${label}"`).join('');
          this.problems.push({
            message: `block ${open.type}${labels} is not closed: no matching } before the end of the file`,
            range: open.header,
          });
        }
        return { attributes, blocks };
      }
      this.at++;
      if (isSymbol(token, '}')) {
        if (open !== undefined) return { attributes, blocks };
        this.problems.push({ message: 'unbalanced }: no block is open here', range: rangeOf(token) });
      } else if (isSymbol(token, '{')) {
        // A brace where no block header is: read through it so that the braces stay balanced.
        this.block({ type: '', labels: [], header: rangeOf(token), attributes: [], blocks: [] });
      } else if (token.kind === 'ident') {
        const next = this.tokens[this.at];
        if (next !== undefined && isSymbol(next, '=')) {
          this.at++;
          attributes.push({ name: token.text, nameRange: rangeOf(token), value: this.expression() });
        } else {
          const header = this.header(token);
          if (header !== undefined) blocks.push(this.block(header));
        }
      }
    }
  }

  /** A block header: labels (strings or identifiers) and `{`; undefined when the line is something else. */
  private header(type: { text: string; start: number }): Block | undefined {
    const labels: string[] = [];
    for (let token = this.tokens[this.at]; token !== undefined; token = this.tokens[++this.at]) {
      if (isSymbol(token, '{')) {
        this.at++;
        const header = { start: type.start, end: token.end };
        return { type: type.text, labels, header, attributes: [], blocks: [] };
      }
      if (token.kind === 'ident') labels.push(token.text);
      else if (token.kind === 'template')
        labels.push(this.text.slice(token.template.contentStart, token.template.contentEnd));
      else return undefined;
    }
    return undefined;
  }

  private block(block: Block): Block {
    if (this.nesting >= MAX_NESTING) {
      const message = `blocks are nested more than ${MAX_NESTING} deep here: the rest of the file is not read`;
      this.problems.push({ message, range: block.header });
      this.at = this.tokens.length;
      this.stopped = true;
      return block;
    }
    this.nesting++;
    const { attributes, blocks } = this.items(block);
    this.nesting--;
    block.attributes = attributes;
    block.blocks = blocks;
    return block;
  }

  /** An attribute's expression: to the line break, or the `}` closing the block, outside brackets. */
  private expression(): HclToken[] {
    const value: HclToken[] = [];
    let depth = 0;
    for (let token = this.tokens[this.at]; token !== undefined; token = this.tokens[++this.at]) {
      if (depth === 0 && (token.kind === 'newline' || isSymbol(token, '}'))) break;
      if (token.kind === 'newline') continue;
      if (token.kind === 'symbol' && '([{'.includes(token.text)) depth++;
      else if (token.kind === 'symbol' && ')]}'.includes(token.text)) depth--;
      value.push(token);
    }
    return value;
  }
}

export function isSymbol(token: HclToken | undefined, text: string): boolean {
  return token?.kind === 'symbol' && token.text === text;
}

function rangeOf(token: HclToken): Range {
  return { start: token.start, end: token.end };
}
