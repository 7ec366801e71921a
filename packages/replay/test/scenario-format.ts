// The replay scenario format (test/corpus/replay/*.scenario, described in its README.md): reading a
// scenario file into a Scenario, every problem as `file:line[:col]: message`. Series values are
// core's series notation (parseSeries); this file has no series parser of its own. Running a
// scenario and checking its figures is scenario-run.ts.

import { formatInstant, parseDuration, parseInstant, parseSeries, suggest } from '@autoscale/core';
import { META_FIELDS, resolveColumn, type ReplayRequest } from '@autoscale/replay';

/** Where a figure is read: the formula's summary (with the replay's `recorded` and `settings`) or a timeline row. */
export type FigureSource = { kind: 'summary' } | { kind: 'timeline'; time: number; timeText: string };

/** An expected value: a number (maybe written as a fraction or a time), null, or a word compared exactly. */
export type Expected =
  | { kind: 'number'; value: number; text: string; isTime: boolean }
  | { kind: 'null' }
  | { kind: 'text'; value: string };

export interface Expectation {
  line: number;
  source: FigureSource;
  /** Dotted path into the summary or the row: `nodeHours.dedicated`, `failures.0.code`, `error.code`. */
  path: string;
  expected: Expected;
}

export interface ScenarioSeries {
  name: string;
  values: Array<number | null>;
  line: number;
}

export interface ScenarioTask {
  submitted: number;
  duration: string;
  slots: number | undefined;
}

export interface Scenario {
  file: string;
  formula: string;
  /** The recording's first row and the row spacing; times written HH:MM count from `start`. */
  start: number;
  step: number;
  series: ScenarioSeries[];
  meta: Array<{ key: string; value: string }>;
  tasks: ScenarioTask[] | undefined;
  request: ReplayRequest;
  expectations: Expectation[];
}

export type ParseOutcome = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** Relative tolerance for figures that are not both integers (node-hours, costs, waits). */
export const RELATIVE_TOLERANCE = 1e-9;
const DEFAULT_STEP_MS = 30_000;
const DIRECTIVES = ['formula', 'recording', 'tasks', 'replay', 'expect'] as const;
type Directive = (typeof DIRECTIVES)[number];
const REPLAY_KEYS = [
  'mode',
  'interval',
  'delay',
  'allocation-latency',
  'from',
  'to',
  'price-dedicated',
  'price-low-priority',
] as const;
type ReplayKey = (typeof REPLAY_KEYS)[number];
const META_KEYS: readonly string[] = META_FIELDS.map((f) => f.key);
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const NUMBER_TEXT = new RegExp(`^${NUMBER}$`);
const FRACTION_TEXT = new RegExp(`^(${NUMBER})/(${NUMBER})$`);
const RELATIVE_TIME = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;

interface Line {
  number: number;
  /** The line without its trailing comment (none is stripped in a formula block). */
  text: string;
}

interface Block {
  directive: Directive;
  /** The words after the directive on its line. */
  args: string[];
  line: number;
  body: Line[];
}

/** Reads a scenario; `file` names it in every message. */
export function parseScenario(text: string, file: string): ParseOutcome {
  const errors: string[] = [];
  const at = (line: number, message: string, column?: number): void => {
    errors.push(`${file}:${line}${column === undefined ? '' : `:${column}`}: ${message}`);
  };
  const blocks = splitBlocks(text, at);
  const only = (directive: Directive): Block | undefined => {
    const found = blocks.filter((b) => b.directive === directive);
    for (const extra of found.slice(1))
      at(extra.line, `a second "${directive}" block (the first is on line ${found[0]?.line})`);
    return found[0];
  };
  const recordingBlock = only('recording');
  const formulaBlock = only('formula');
  const tasksBlock = only('tasks');
  const replayBlock = only('replay');
  if (recordingBlock === undefined) errors.push(`${file}: no "recording" block: a scenario needs a recording`);
  if (formulaBlock === undefined || formulaBlock.body.length === 0)
    errors.push(`${file}${formulaBlock ? `:${formulaBlock.line}` : ''}: no formula: a scenario needs a formula block`);
  const recording = recordingBlock ? readRecordingBlock(recordingBlock, at) : undefined;
  const start = recording?.start ?? 0;
  const request = replayBlock ? readReplayBlock(replayBlock, start, at) : { mode: 'open' as const };
  const tasks = tasksBlock ? readTasksBlock(tasksBlock, start, at) : undefined;
  if (tasksBlock && request.mode !== 'closed')
    at(tasksBlock.line, 'a task log applies only to a closed-loop replay: add "mode closed" to the replay block');
  const expectations: Expectation[] = [];
  const errorsBefore = errors.length;
  for (const block of blocks.filter((b) => b.directive === 'expect'))
    expectations.push(...readExpectBlock(block, start, at));
  // A malformed expectation is reported as such; otherwise a scenario that checks nothing cannot fail.
  if (expectations.length === 0 && errors.length === errorsBefore)
    errors.push(
      `${file}: no expectations: a scenario needs an "expect summary" or "expect timeline" block with figures`,
    );
  if (errors.length > 0 || recording === undefined || formulaBlock === undefined) return { ok: false, errors };
  return {
    ok: true,
    scenario: {
      file,
      formula: dedent(formulaBlock.body.map((l) => l.text)),
      start: recording.start,
      step: recording.step,
      series: recording.series,
      meta: recording.meta,
      tasks,
      request,
      expectations,
    },
  };
}

type Report = (line: number, message: string, column?: number) => void;

/** Groups lines under the directive above them; comment and blank lines are dropped. */
function splitBlocks(text: string, at: Report): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  // The body of an unknown directive is skipped: the directive's error says all there is to say.
  let skipping = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const number = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    if (/^\s/.test(raw)) {
      if (current === undefined) {
        if (!skipping) at(number, 'an indented line before any directive (formula, recording, tasks, replay, expect)');
        return;
      }
      // A formula's own text is kept whole: `#` is no formula character, and `//` comments stay.
      const body = current.directive === 'formula' ? raw : stripComment(raw);
      current.body.push({ number, text: body });
      return;
    }
    const [word = '', ...args] = stripComment(raw).trim().split(/\s+/);
    if (!(DIRECTIVES as readonly string[]).includes(word)) {
      const close = suggest(word, DIRECTIVES);
      at(
        number,
        `unknown directive "${word}"${close ? `; did you mean "${close}"?` : `; directives are ${DIRECTIVES.join(', ')}`} (body lines are indented)`,
      );
      current = undefined;
      skipping = true;
      return;
    }
    current = { directive: word as Directive, args, line: number, body: [] };
    blocks.push(current);
  });
  return blocks;
}

/** Drops a trailing `# comment` (a `#` after whitespace). */
function stripComment(line: string): string {
  return line.replace(/\s#.*$/, '').trimEnd();
}

function dedent(lines: readonly string[]): string {
  const indent = Math.min(...lines.map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** `word value word value ...` into pairs, or a message saying why not. */
function pairs(words: readonly string[]): Array<[string, string]> | string {
  if (words.length % 2 !== 0) return `expected "key value" pairs, got ${words.length} words: ${words.join(' ')}`;
  const out: Array<[string, string]> = [];
  for (let i = 0; i < words.length; i += 2) out.push([words[i] as string, words[i + 1] as string]);
  return out;
}

interface RecordingBlock {
  start: number;
  step: number;
  series: ScenarioSeries[];
  meta: Array<{ key: string; value: string }>;
}

function readRecordingBlock(block: Block, at: Report): RecordingBlock | undefined {
  let start: number | undefined;
  let step = DEFAULT_STEP_MS;
  const header = pairs(block.args);
  if (typeof header === 'string') at(block.line, `recording: ${header}; write "recording from INSTANT [step 30s]"`);
  for (const [key, value] of typeof header === 'string' ? [] : header) {
    if (key === 'from') {
      const instant = parseInstant(value);
      if (instant.ok) start = instant.ms;
      else at(block.line, `recording from: ${instant.reason}`);
    } else if (key === 'step') {
      const d = parseDuration(value);
      if (d.ok && d.ms > 0) step = d.ms;
      else at(block.line, `recording step: ${d.ok ? 'the step must be longer than zero' : d.reason}`);
    } else at(block.line, `recording: unknown setting "${key}"; the settings are from and step`);
  }
  if (typeof header !== 'string' && !header.some(([key]) => key === 'from'))
    at(block.line, 'recording: the first row\'s instant is missing; write "recording from 2026-01-05T00:00:00Z"');
  const series: ScenarioSeries[] = [];
  const meta: Array<{ key: string; value: string }> = [];
  const columns = new Map<string, number>();
  for (const line of block.body) {
    const m = /^(\s*)(\S+)\s*(.*)$/.exec(line.text);
    const name = m?.[2] ?? '';
    const rest = m?.[3] ?? '';
    if (!name.startsWith('$')) {
      if (!META_KEYS.includes(name)) {
        const close = suggest(name, META_KEYS);
        at(
          line.number,
          `"${name}" is neither a column ($Name followed by series) nor a metadata key${close ? `; did you mean "${close}"?` : ` (${META_KEYS.join(', ')})`}`,
        );
      } else if (!/^\S+$/.test(rest)) at(line.number, `metadata ${name}: expected one value, got "${rest}"`);
      else meta.push({ key: name, value: rest });
      continue;
    }
    const column = resolveColumn(name);
    if (!column.ok) {
      at(line.number, column.reason);
      continue;
    }
    const previous = columns.get(column.column.name);
    if (previous !== undefined) at(line.number, `${name}: the column is already given on line ${previous}`);
    columns.set(column.column.name, line.number);
    const parsed = parseSeries(rest);
    // The series runs to the end of the line, so its offset in the line is what precedes it.
    const offset = line.text.length - rest.length;
    if (!parsed.ok) {
      for (const e of parsed.errors) at(line.number, `${name}: ${e.message}`, offset + e.offset + 1);
      continue;
    }
    if (parsed.values.length === 0) at(line.number, `${name}: no values`);
    series.push({ name, values: parsed.values, line: line.number });
  }
  if (!block.body.some((line) => line.text.trim().startsWith('$')))
    at(block.line, 'recording: no series; give at least one, e.g. "$PendingTasks 0x20"');
  const first = series[0];
  for (const s of series.slice(1))
    if (first !== undefined && s.values.length !== first.values.length)
      at(
        s.line,
        `${s.name} has ${s.values.length} values but ${first.name} (line ${first.line}) has ${first.values.length}; every series has one value per row (write "_" for a missing sample)`,
      );
  return start === undefined ? undefined : { start, step, series, meta };
}

/** A time as written in a scenario: HH:MM or HH:MM:SS after the recording's first row, or an ISO 8601 instant. */
export function parseScenarioTime(
  text: string,
  start: number,
): { ok: true; ms: number } | { ok: false; reason: string } {
  const m = RELATIVE_TIME.exec(text);
  if (m) return { ok: true, ms: start + ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 };
  const instant = parseInstant(text);
  if (instant.ok) return instant;
  return {
    ok: false,
    reason: `"${text}" is not a time: write HH:MM or HH:MM:SS after the recording's start, or an ISO 8601 instant`,
  };
}

/** A time as a scenario would write it: HH:MM[:SS] after the start, else the full instant. */
export function formatScenarioTime(ms: number, start: number): string {
  const seconds = (ms - start) / 1000;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds >= 1000 * 3600) return formatInstant(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hhmm = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}`;
  return seconds % 60 === 0 ? hhmm : `${hhmm}:${two(seconds % 60)}`;
}

function readReplayBlock(block: Block, start: number, at: Report): ReplayRequest {
  const request: ReplayRequest = { mode: 'open' };
  const seen = new Map<string, number>();
  const lines: Line[] = [{ number: block.line, text: block.args.join(' ') }, ...block.body];
  for (const line of lines) {
    const words = line.text.trim() === '' ? [] : line.text.trim().split(/\s+/);
    const list = pairs(words);
    if (typeof list === 'string') {
      at(line.number, `replay: ${list}`);
      continue;
    }
    for (const [key, value] of list) {
      if (!(REPLAY_KEYS as readonly string[]).includes(key)) {
        const close = suggest(key, REPLAY_KEYS);
        at(
          line.number,
          `replay: unknown setting "${key}"${close ? `; did you mean "${close}"?` : `; settings are ${REPLAY_KEYS.join(', ')}`}`,
        );
        continue;
      }
      const earlier = seen.get(key);
      if (earlier !== undefined) at(line.number, `replay: ${key} is already set on line ${earlier}`);
      seen.set(key, line.number);
      const problem = setReplayKey(request, key as ReplayKey, value, start);
      if (problem !== undefined) at(line.number, `replay ${key}: ${problem}`);
    }
  }
  return request;
}

/** Stores one replay setting; returns why the value is refused, if it is. */
function setReplayKey(request: ReplayRequest, key: ReplayKey, value: string, start: number): string | undefined {
  const duration = (): number | string => {
    const d = parseDuration(value);
    return d.ok ? d.ms : d.reason;
  };
  const price = (): number | string =>
    NUMBER_TEXT.test(value) && Number(value) >= 0 ? Number(value) : `"${value}" is not a price (a number >= 0)`;
  const time = (): number | string => {
    const t = parseScenarioTime(value, start);
    return t.ok ? t.ms : t.reason;
  };
  let parsed: number | string;
  switch (key) {
    case 'mode':
      if (value !== 'open' && value !== 'closed') return `"${value}" is not a mode (open or closed)`;
      request.mode = value;
      return undefined;
    case 'interval':
    case 'delay':
    case 'allocation-latency':
      parsed = duration();
      break;
    case 'from':
    case 'to':
      parsed = time();
      break;
    case 'price-dedicated':
    case 'price-low-priority':
      parsed = price();
      break;
  }
  if (typeof parsed === 'string') return parsed;
  if (key === 'interval') request.interval = parsed;
  else if (key === 'delay') request.delay = parsed;
  else if (key === 'allocation-latency') request.allocationLatency = parsed;
  else if (key === 'from') request.from = parsed;
  else if (key === 'to') request.to = parsed;
  else if (key === 'price-dedicated') request.priceDedicated = parsed;
  else request.priceLowPriority = parsed;
  return undefined;
}

function readTasksBlock(block: Block, start: number, at: Report): ScenarioTask[] {
  if (block.args.length > 0) at(block.line, `tasks: unexpected "${block.args.join(' ')}" after the directive`);
  const tasks: ScenarioTask[] = [];
  for (const line of block.body) {
    const words = line.text.trim().split(/\s+/);
    if (words.length < 2 || words.length > 3) {
      at(line.number, 'tasks: expected "SUBMITTED DURATION [SLOTS]", e.g. "00:01 6m" or "00:01 6m 2"');
      continue;
    }
    const [when = '', duration = '', slots] = words;
    const submitted = parseScenarioTime(when, start);
    const d = parseDuration(duration);
    if (!submitted.ok) at(line.number, `tasks: ${submitted.reason}`);
    if (!d.ok) at(line.number, `tasks: ${d.reason}`);
    if (slots !== undefined && !/^\d+$/.test(slots))
      at(line.number, `tasks: slots must be a whole number, got "${slots}"`);
    if (submitted.ok && d.ok)
      tasks.push({ submitted: submitted.ms, duration, slots: slots === undefined ? undefined : Number(slots) });
  }
  return tasks;
}

function readExpectBlock(block: Block, start: number, at: Report): Expectation[] {
  const [what, ...extra] = block.args;
  if ((what !== 'summary' && what !== 'timeline') || extra.length > 0) {
    at(block.line, `expect: write "expect summary" or "expect timeline", got "expect ${block.args.join(' ')}"`);
    return [];
  }
  const out: Expectation[] = [];
  for (const line of block.body) {
    const words = line.text.trim().split(/\s+/);
    let source: FigureSource = { kind: 'summary' };
    if (what === 'timeline') {
      const timeText = words.shift() ?? '';
      const time = parseScenarioTime(timeText, start);
      if (!time.ok) {
        at(line.number, `expect timeline: ${time.reason}`);
        continue;
      }
      source = { kind: 'timeline', time: time.ms, timeText };
    }
    const list = pairs(words);
    if (typeof list === 'string' || list.length === 0 || (what === 'summary' && list.length !== 1)) {
      const form =
        what === 'summary' ? '"FIGURE VALUE", e.g. "evaluations 7"' : '"TIME COLUMN VALUE [COLUMN VALUE ...]"';
      at(line.number, `expect ${what}: expected ${form}, got "${line.text.trim()}"`);
      continue;
    }
    for (const [path, value] of list) {
      const expected = parseExpected(value, start);
      if (typeof expected === 'string') at(line.number, `expect ${what} ${path}: ${expected}`);
      else if (!/^[A-Za-z_$][\w$]*(?:\.[\w$]+)*$/.test(path))
        at(line.number, `expect ${what}: "${path}" is not a figure's dotted path (like nodeHours.dedicated)`);
      else out.push({ line: line.number, source, path, expected });
    }
  }
  return out;
}

/** `12`, `-0.5`, `55/60`, `00:05` (a time, compared as epoch milliseconds), `null`, or a word. */
function parseExpected(text: string, start: number): Expected | string {
  if (text === 'null') return { kind: 'null' };
  if (NUMBER_TEXT.test(text)) return { kind: 'number', value: Number(text), text, isTime: false };
  const fraction = FRACTION_TEXT.exec(text);
  if (fraction) {
    const denominator = Number(fraction[2]);
    if (denominator === 0) return `"${text}" divides by zero`;
    return { kind: 'number', value: Number(fraction[1]) / denominator, text, isTime: false };
  }
  if (RELATIVE_TIME.test(text) || /^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const t = parseScenarioTime(text, start);
    return t.ok ? { kind: 'number', value: t.ms, text, isTime: true } : t.reason;
  }
  if (/^[+-]?[\d.]+[/\d.eE+-]*$/.test(text)) return `"${text}" is not a number (write 12, 0.5, -3 or 55/60)`;
  return { kind: 'text', value: text };
}
