// A small strict JSON parser that remembers where every value and key sits (1-based line and
// column), so validators can point at the offending spot. Duplicate keys are errors, since the
// second would silently win in JSON.parse. Dependency-free, browser-safe, never throws.
// Remembering costs a path string and a location for every value, many times the text's size for
// a long array of samples: `parseJson` takes the engine's JSON.parse for the common case of a
// valid file and this parser only for one with a mistake, whose errors need the locations.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Whether a parsed JSON value is an object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface JsonLocation {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

export interface JsonError extends JsonLocation {
  message: string;
  /** For a duplicate key, the path of the member it duplicates. */
  path?: string;
}

export interface JsonParseResult {
  /** The parsed value; undefined when a syntax error stopped the parse. */
  value: JsonValue | undefined;
  /** Path (see `jsonPath`) to the location of the first character of each value. */
  locations: Map<string, JsonLocation>;
  /** Path of an object member to the location of its key's opening quote. */
  keyLocations: Map<string, JsonLocation>;
  /** Syntax errors (at most one, the parse stops there) and duplicate keys (all of them). */
  errors: JsonError[];
}

/** JSON's one-character escapes (`\n`, `\"`, ...) and what each stands for; `\uXXXX` is the other escape. */
export const JSON_SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Deeper nesting than this is refused instead of overflowing the call stack. */
const MAX_DEPTH = 512;

const SIMPLE_KEY = /^[A-Za-z_$][\w$]*$/;

/**
 * Extends a path: `a` + `b` is `a.b`, + 0 is `a[0]`; keys that are not identifier-like are quoted
 * (`a["x.y"]`). The root path is the empty string.
 */
export function jsonPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (SIMPLE_KEY.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Thrown internally to unwind at the first syntax error; caught in parseJsonWithLocations. */
class SyntaxStop {
  readonly error: JsonError;
  constructor(error: JsonError) {
    this.error = error;
  }
}

class Parser {
  readonly text: string;
  pos = 0;
  line = 1;
  lineStart = 0;
  readonly locations = new Map<string, JsonLocation>();
  readonly keyLocations = new Map<string, JsonLocation>();
  readonly errors: JsonError[] = [];

  constructor(text: string) {
    this.text = text;
  }

  location(): JsonLocation {
    return { line: this.line, column: this.pos - this.lineStart + 1, offset: this.pos };
  }

  fail(message: string): never {
    throw new SyntaxStop({ ...this.location(), message });
  }

  /** Skips JSON whitespace, keeping the line count (CR LF, LF and a lone CR each end a line). */
  skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09) this.pos++;
      else if (c === 0x0a || c === 0x0d) {
        this.pos += c === 0x0d && t.charCodeAt(this.pos + 1) === 0x0a ? 2 : 1;
        this.line++;
        this.lineStart = this.pos;
      } else break;
    }
  }

  parseValue(path: string, depth: number): JsonValue {
    this.skipWhitespace();
    this.locations.set(path, this.location());
    const c = this.text[this.pos];
    if (c === '{') return this.parseObject(path, depth + 1);
    if (c === '[') return this.parseArray(path, depth + 1);
    if (c === '"') return this.parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    if (c === undefined) this.fail('unexpected end of input: expected a value');
    if (c === "'") this.fail('strings must use double quotes');
    this.fail(`unexpected ${describe(c)}: expected a value`);
  }

  parseObject(path: string, depth: number): JsonObject {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.pos++; // {
    const result: JsonObject = {};
    const seen = new Set<string>();
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === '}') this.fail('trailing comma before "}"');
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${this.found()}`);
      const keyLocation = this.location();
      const key = this.parseString();
      const childPath = jsonPath(path, key);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ":" after property name, found ${this.found()}`);
      this.pos++;
      if (seen.has(key)) {
        this.errors.push({ ...keyLocation, path: childPath, message: `duplicate key "${key}"` });
        // The first occurrence keeps its value and locations; the duplicate is parsed and dropped.
        this.parseValue(`${childPath}\u0000dup`, depth);
      } else {
        seen.add(key);
        this.keyLocations.set(childPath, keyLocation);
        // defineProperty, not assignment: a "__proto__" key must stay data, not a prototype.
        Object.defineProperty(result, key, {
          value: this.parseValue(childPath, depth),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === '}') {
        this.pos++;
        return result;
      } else this.fail(`expected "," or "}" after a property value, found ${this.found()}`);
    }
  }

  parseArray(path: string, depth: number): JsonValue[] {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.pos++; // [
    const result: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === ']') this.fail('trailing comma before "]"');
      result.push(this.parseValue(jsonPath(path, result.length), depth));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === ']') {
        this.pos++;
        return result;
      } else this.fail(`expected "," or "]" after an array element, found ${this.found()}`);
    }
  }

  parseString(): string {
    this.pos++; // opening quote
    let out = '';
    let chunkStart = this.pos;
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) this.fail('unterminated string');
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20)
        this.fail(
          c === 0x0a || c === 0x0d
            ? 'unterminated string (line break inside a string)'
            : 'control character in a string; escape it',
        );
      if (c === 0x5c) {
        out += t.slice(chunkStart, this.pos);
        out += this.parseEscape();
        chunkStart = this.pos;
      } else this.pos++;
    }
  }

  parseEscape(): string {
    const e = this.text[this.pos + 1];
    if (e !== undefined && Object.hasOwn(JSON_SIMPLE_ESCAPES, e)) {
      this.pos += 2;
      return JSON_SIMPLE_ESCAPES[e] ?? '';
    }
    if (e === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape: expected 4 hex digits');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    this.fail(`bad escape "\\${e ?? ''}" in a string`);
  }

  parseNumber(): number {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    const match = m.exec(this.text);
    if (match === null) this.fail(`bad number ${this.found()}`);
    const end = this.pos + match[0].length;
    // A number glued to more number-ish characters (01, 1.e5, 0x1F) is a malformed literal.
    if (/[\w.]/.test(this.text[end] ?? '')) this.fail(`bad number "${this.text.slice(this.pos, end + 1)}"`);
    this.pos = end;
    return Number(match[0]);
  }

  found(): string {
    const c = this.text[this.pos];
    return c === undefined ? 'end of input' : describe(c);
  }
}

function describe(c: string): string {
  return /^[\x21-\x7e]$/.test(c)
    ? `"${c}"`
    : `character U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Parses JSON text to the same value, with the same errors, as parseJsonWithLocations, but a
 * valid text without repeated keys (nearly every file) with the engine's JSON.parse, which needs a
 * fraction of the memory, and without locations (empty maps). Any other text goes to
 * parseJsonWithLocations, so its errors come with their locations as usual.
 */
export function parseJson(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: JsonValue;
  try {
    value = JSON.parse(body) as JsonValue;
  } catch {
    return parseJsonWithLocations(text);
  }
  if (hasDuplicateKey(body)) return parseJsonWithLocations(text);
  return { value, locations: new Map(), keyLocations: new Map(), errors: [] };
}

/**
 * Whether an object in `text`, which JSON.parse has accepted (so the scan can trust its shape),
 * repeats a key: JSON.parse would silently keep the last. Keys are compared decoded ("a" and
 * "\u0061" are the same key).
 */
function hasDuplicateKey(text: string): boolean {
  // One entry per open container: the keys of an object so far, or null for an array.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      let escaped = false;
      for (let d = text.charCodeAt(end); d !== 0x22; d = text.charCodeAt(end)) {
        if (d === 0x5c) {
          escaped = true;
          end += 2;
        } else end++;
      }
      const keys = open[open.length - 1];
      if (expectKey && keys) {
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        if (keys.has(key)) return true;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b) {
      open.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      open.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
    } else if (c === 0x2c) {
      expectKey = (open[open.length - 1] ?? null) !== null;
    }
  }
  return false;
}

/** Parses JSON text (a leading byte-order mark is allowed) and records locations by path. */
export function parseJsonWithLocations(text: string): JsonParseResult {
  const parser = new Parser(text);
  if (text.charCodeAt(0) === 0xfeff) {
    parser.pos = 1;
    parser.lineStart = 1;
  }
  let value: JsonValue | undefined;
  try {
    value = parser.parseValue('', 0);
    parser.skipWhitespace();
    if (parser.pos < text.length) parser.fail(`unexpected ${parser.found()} after the end of the JSON value`);
  } catch (e) {
    // Anything but a SyntaxStop is a bug here, still reported as an error: callers rely on no throw.
    parser.errors.push(
      e instanceof SyntaxStop ? e.error : { ...parser.location(), message: `internal JSON parser error: ${String(e)}` },
    );
    value = undefined;
  }
  // Locations of dropped duplicate values were recorded under marked paths; remove them.
  for (const key of [...parser.locations.keys()]) if (key.includes('\u0000dup')) parser.locations.delete(key);
  for (const key of [...parser.keyLocations.keys()]) if (key.includes('\u0000dup')) parser.keyLocations.delete(key);
  return { value, locations: parser.locations, keyLocations: parser.keyLocations, errors: parser.errors };
}
