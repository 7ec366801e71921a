// Loads a formula test file (*.autoscale-test.yaml; see test-file.schema.json): the formula,
// the defaults every test inherits, and the tests with their steps and series placed in time.
// Every mistake is collected with its line and column, once: a field that could not be read is
// remembered as broken, so what inherits or depends on it is not reported again. Nothing here
// throws on user input.

import { resolve } from 'node:path';
import {
  DEFAULT_AVAILABILITY_DELAY_MS,
  DEFAULT_SERIES_INTERVAL_MS,
  parseDuration,
  seriesToHistory,
  type MetricHistory,
  type PoolState,
} from '@autoscale/core';
import type { Node } from 'yaml';
import { loadFormula, readFormulaFile, readTestFileText, type FormulaFileReader } from './load-formula.ts';
import {
  DEFAULTS_KEYS,
  STEP_KEYS,
  TEST_FILE_KEYS,
  TEST_KEYS,
  type FormulaUnderTest,
  type LoadError,
  type LoadResult,
  type Location,
  type TestCase,
  type TestStep,
} from './model.ts';
import {
  readDuration,
  readExpect,
  readExpectError,
  readInstant,
  readPool,
  readSeed,
  readSeriesMap,
  readUtcOffset,
  type SeriesSpec,
} from './read-values.ts';
import { YamlSource, type Member } from './yaml-reader.ts';

export interface LoadOptions {
  /** Reads formula files (tests may substitute an in-memory reader). */
  readFormula?: FormulaFileReader;
  /** Directory a relative test file path is resolved against; defaults to the process's. */
  cwd?: string;
}

/** Reads and loads a test file from disk; `file` is also how reports name it. */
export function loadTestFile(file: string, options: LoadOptions = {}): LoadResult {
  const read = (options.readFormula ?? readTestFileText)(resolve(options.cwd ?? process.cwd(), file));
  if (!read.ok)
    return { ok: false, errors: [{ file, path: '', message: `cannot read the test file: ${read.reason}` }] };
  return parseTestFile(read.text, file, options);
}

/** Loads a test file's text; `file` names it in errors and anchors the relative `formula` path. */
export function parseTestFile(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const src = new YamlSource(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (src.errors.length > 0 && src.root === null) return { ok: false, errors: src.errors };
  const top =
    src.root === null ? undefined : src.members(src.root, '', 'the test file: a map with "formula" and "tests"');
  if (top === undefined) {
    if (src.root === null)
      src.report(undefined, '', 'the file is empty; expected "formula" (or "formula_text") and "tests"');
    return { ok: false, errors: src.errors };
  }
  const members = src.known(top, TEST_FILE_KEYS);
  const get = (key: string) => members.find((m) => m.key === key);
  const schema = get('$schema');
  if (schema !== undefined) src.text(schema.value, schema.path, "a string (the schema's path or URI)");
  const { formula, file: formulaFile } = loadFormula(
    src,
    members,
    resolve(options.cwd ?? process.cwd(), file),
    options.readFormula ?? readFormulaFile,
  );
  const defaultsMember = get('defaults');
  const defaults = defaultsMember === undefined ? EMPTY_DEFAULTS : readDefaults(src, defaultsMember);
  const testsMember = get('tests');
  const tests: TestCase[] = [];
  if (testsMember === undefined) src.report(src.location(src.root), '', 'missing "tests" (a list of tests)');
  else {
    const items = src.items(testsMember.value, testsMember.path, 'the tests');
    if (items !== undefined && items.length === 0)
      src.error(testsMember.value, testsMember.path, 'no tests: the list is empty');
    const names = new Map<string, number>();
    for (const item of items ?? []) {
      const test = readTest(src, item.node, item.path, defaults, formula);
      if (test === undefined) continue;
      const earlier = names.get(test.name);
      if (earlier !== undefined)
        src.report(test.location, item.path, `duplicate test name "${test.name}" (also at line ${earlier})`);
      names.set(test.name, test.location.line);
      tests.push(test);
    }
  }
  // Broken defaults are always reported; the check only keeps a test that inherits one from running.
  if (src.errors.length > 0 || formula === undefined || defaults.broken.size > 0)
    return { ok: false, errors: inFileOrder(src.errors), ...(formulaFile !== undefined ? { formulaFile } : {}) };
  return { ok: true, testFile: { file, formula, tests } };
}

function inFileOrder(errors: LoadError[]): LoadError[] {
  return errors.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
}

/** The settings `defaults` and a test share (DEFAULTS_KEYS). */
type SharedKey = (typeof DEFAULTS_KEYS)[number];

/** What tests inherit; each field undefined when the file leaves it to core's default. */
interface Defaults {
  at?: number;
  interval?: number;
  availabilityDelay?: number;
  seed?: number;
  utcOffset?: string;
  pool: Partial<PoolState>;
  series: ReadonlyMap<string, SeriesSpec>;
  /**
   * Fields given but unreadable, already reported. Whatever inherits or depends on one (a test's
   * missing `at`, an instant read at a broken utcOffset) is a consequence, not a new mistake.
   */
  broken: ReadonlySet<SharedKey>;
}

const EMPTY_DEFAULTS: Defaults = { pool: {}, series: new Map(), broken: new Set() };

/**
 * The offset instants are read at. In place of a broken utcOffset, UTC: zone-less instants are then
 * still checked for their own mistakes (a date that does not exist) without a false "a zone is
 * required"; the file does not load either way.
 */
function readingOffset(settings: Defaults): string | undefined {
  return settings.broken.has('utcOffset') ? 'Z' : settings.utcOffset;
}

/**
 * The members shared by `defaults` and a test, read in order (utcOffset first: instants need it),
 * on top of what is inherited. A field read well replaces the inherited one, broken or not; a field
 * that cannot be read is broken (pool and series stay broken: a test only adds to them).
 */
function readShared(src: YamlSource, members: readonly Member[], inherited: Defaults): Defaults {
  const get = (key: SharedKey) => members.find((m) => m.key === key);
  const broken = new Set(inherited.broken);
  const out: Defaults = { ...inherited, pool: { ...inherited.pool }, series: new Map(inherited.series), broken };
  const offset = get('utcOffset');
  if (offset !== undefined) {
    const value = readUtcOffset(src, offset.value, offset.path);
    if (value === undefined) {
      broken.add('utcOffset');
      delete out.utcOffset;
    } else {
      out.utcOffset = value;
      broken.delete('utcOffset');
    }
  }
  const set = <K extends 'at' | 'interval' | 'availabilityDelay' | 'seed'>(
    key: K,
    read: (m: Member) => number | undefined,
  ): void => {
    const m = get(key);
    if (m === undefined) return;
    const value = read(m);
    if (value === undefined) {
      broken.add(key);
      delete out[key];
    } else {
      out[key] = value;
      broken.delete(key);
    }
  };
  set('at', (m) => readInstant(src, m.value, m.path, readingOffset(out)));
  set('interval', (m) => readDuration(src, m.value, m.path, true));
  set('availabilityDelay', (m) => readDuration(src, m.value, m.path, false));
  set('seed', (m) => readSeed(src, m.value, m.path));
  const pool = get('pool');
  if (pool !== undefined) {
    const value = readPool(src, pool.value, pool.path);
    if (value === undefined) broken.add('pool');
    else Object.assign(out.pool, value);
  }
  const series = get('series');
  if (series !== undefined) {
    // A test's series replace the defaults' metric by metric; metrics it does not name are inherited.
    const value = readSeriesMap(src, series.value, series.path, readingOffset(out));
    if (value === undefined) broken.add('series');
    else for (const [metric, spec] of value) (out.series as Map<string, SeriesSpec>).set(metric, spec);
  }
  return out;
}

/** `defaults`. Unknown keys are reported and skipped; the known ones are still inherited as read. */
function readDefaults(src: YamlSource, member: Member): Defaults {
  const members = src.members(member.value, member.path, 'the defaults every test inherits');
  // Not a map (reported): nothing a test would inherit is known.
  if (members === undefined) return { ...EMPTY_DEFAULTS, broken: new Set(DEFAULTS_KEYS) };
  return readShared(src, src.known(members, DEFAULTS_KEYS), EMPTY_DEFAULTS);
}

function readTest(
  src: YamlSource,
  node: Node | null,
  path: string,
  defaults: Defaults,
  formula: FormulaUnderTest | undefined,
): TestCase | undefined {
  const all = src.members(node, path, 'a test');
  const location = src.location(node);
  if (all === undefined || location === undefined) return undefined;
  const members = src.known(all, TEST_KEYS);
  const get = (key: string) => members.find((m) => m.key === key);
  const nameMember = get('name');
  const name = nameMember === undefined ? undefined : readName(src, nameMember, "the test's name");
  if (nameMember === undefined) src.report(location, path, 'missing "name"');
  const settings = readShared(src, members, defaults);
  const stepsMember = get('steps');
  let steps: TestStep[] | undefined;
  if (stepsMember !== undefined) {
    for (const key of ['at', 'expect', 'expect_error'] as const) {
      const misplaced = get(key);
      if (misplaced !== undefined)
        src.error(misplaced.keyNode, misplaced.path, `a test with "steps" gives "${key}" in each step`);
    }
    steps = readSteps(src, stepsMember, readingOffset(settings), formula);
  } else {
    const at = settings.at;
    // An `at` that is there but broken (here or in the defaults) is not also missing.
    if (at === undefined && !settings.broken.has('at'))
      src.report(location, path, 'missing "at" (the evaluation instant) or "steps"');
    const step = readExpectations(src, members, formula);
    if (at !== undefined && step !== undefined) steps = [{ name: undefined, at, pool: {}, ...step, location }];
  }
  if (name === undefined || settings.broken.size > 0 || steps === undefined || members.length !== all.length)
    return undefined;
  const last = steps[steps.length - 1];
  if (last === undefined) return undefined;
  const metrics = placeSeries(settings.series, last.at, settings.interval ?? DEFAULT_SERIES_INTERVAL_MS);
  return {
    name,
    location,
    multiStep: stepsMember !== undefined,
    steps,
    availabilityDelay: settings.availabilityDelay ?? DEFAULT_AVAILABILITY_DELAY_MS,
    seed: settings.seed ?? 1,
    pool: settings.pool,
    metrics,
  };
}

/**
 * Places each series on the time axis: its last sample at the last evaluation instant (the test's
 * `at`, or its last step's), unless the series gives `start` or `end`. Every step reads the same
 * histories; the evaluator shows a step only the samples taken by its own `at` (less the delay).
 */
function placeSeries(
  series: ReadonlyMap<string, SeriesSpec>,
  lastAt: number,
  interval: number,
): Map<string, MetricHistory> {
  const out = new Map<string, MetricHistory>();
  for (const [metric, spec] of series) {
    const intervalMs = spec.interval ?? interval;
    out.set(
      metric,
      seriesToHistory(
        spec.values,
        spec.start !== undefined ? { start: spec.start, intervalMs } : { end: spec.end ?? lastAt, intervalMs },
      ),
    );
  }
  return out;
}

function readExpectations(
  src: YamlSource,
  members: readonly Member[],
  formula: FormulaUnderTest | undefined,
): Pick<TestStep, 'expect' | 'expectError'> | undefined {
  const expect = members.find((m) => m.key === 'expect');
  const expectError = members.find((m) => m.key === 'expect_error');
  // Both are read even when both are given, so their own mistakes show in the same run.
  const expectations = expect === undefined ? [] : readExpect(src, expect.value, expect.path, formula);
  const error = expectError === undefined ? undefined : readExpectError(src, expectError.value, expectError.path);
  if (expect !== undefined && expectError !== undefined) {
    src.error(
      expectError.keyNode,
      expectError.path,
      'give either "expect" or "expect_error", not both: an evaluation that fails has no results to compare',
    );
    return undefined;
  }
  if (expectations === undefined || (expectError !== undefined && error === undefined)) return undefined;
  return { expect: expectations, expectError: error };
}

/**
 * The time of the step before, for a relative `at`: an instant; 'none' before the first step; or
 * 'unreadable' when that step's time is missing or broken (already reported), so a `+DURATION`
 * after it cannot be placed but is not a new mistake.
 */
type PreviousAt = number | 'none' | 'unreadable';

function readSteps(
  src: YamlSource,
  member: Member,
  utcOffset: string | undefined,
  formula: FormulaUnderTest | undefined,
): TestStep[] | undefined {
  const items = src.items(member.value, member.path, 'the steps: evaluations in time order');
  if (items === undefined) return undefined;
  if (items.length === 0) {
    src.error(member.value, member.path, 'no steps: the list is empty');
    return undefined;
  }
  const steps: TestStep[] = [];
  let ok = true;
  let previous: PreviousAt = 'none';
  for (const item of items) {
    // A step's time counts for the next one even when something else in the step is wrong.
    const { step, at, location } = readStep(src, item.node, item.path, utcOffset, previous, formula);
    if (at !== undefined && typeof previous === 'number' && at <= previous) {
      src.report(
        location,
        `${item.path}.at`,
        'steps must move forward in time: this step is not later than the one before',
      );
      ok = false;
    }
    previous = at ?? 'unreadable';
    if (step === undefined) ok = false;
    else steps.push(step);
  }
  return ok ? steps : undefined;
}

/** One step, and its time on its own (readable or not, the step as a whole may still be unusable). */
function readStep(
  src: YamlSource,
  node: Node | null,
  path: string,
  utcOffset: string | undefined,
  previous: PreviousAt,
  formula: FormulaUnderTest | undefined,
): { step: TestStep | undefined; at: number | undefined; location: Location | undefined } {
  const all = src.members(node, path, 'a step');
  const location = src.location(node);
  if (all === undefined || location === undefined) return { step: undefined, at: undefined, location };
  const members = src.known(all, STEP_KEYS);
  const get = (key: string) => members.find((m) => m.key === key);
  const nameMember = get('name');
  const name = nameMember === undefined ? undefined : readName(src, nameMember, "the step's name");
  const atMember = get('at');
  if (atMember === undefined)
    src.report(location, path, 'missing "at": an instant, or "+DURATION" after the previous step');
  const at = atMember === undefined ? undefined : readStepAt(src, atMember, utcOffset, previous);
  const poolMember = get('pool');
  const pool = poolMember === undefined ? {} : readPool(src, poolMember.value, poolMember.path);
  const expectations = readExpectations(src, members, formula);
  const failed =
    at === undefined ||
    pool === undefined ||
    expectations === undefined ||
    (nameMember !== undefined && name === undefined);
  if (failed || members.length !== all.length) return { step: undefined, at, location };
  return { step: { name, at, pool, ...expectations, location }, at, location };
}

/** A step's `at`: an instant, or `+15m` after the previous step. */
function readStepAt(
  src: YamlSource,
  member: Member,
  utcOffset: string | undefined,
  previous: PreviousAt,
): number | undefined {
  const text = src.text(member.value, member.path, 'an instant, or "+DURATION" after the previous step');
  if (text === undefined) return undefined;
  if (!text.startsWith('+')) return readInstant(src, member.value, member.path, utcOffset);
  if (previous === 'none') {
    src.error(member.value, member.path, `"${text}" is relative to the previous step, and this is the first step`);
    return undefined;
  }
  const r = parseDuration(text.slice(1));
  if (!r.ok || r.ms === 0) {
    src.error(member.value, member.path, r.ok ? 'a relative step time must be longer than zero' : r.reason);
    return undefined;
  }
  // After a step whose time is already reported as wrong the duration was checked, but it cannot be placed.
  return previous === 'unreadable' ? undefined : previous + r.ms;
}

/** A test's or step's name: non-empty text. */
function readName(src: YamlSource, member: Member, what: string): string | undefined {
  const name = src.text(member.value, member.path, what);
  if (name === undefined || name.trim() !== '') return name;
  src.error(member.value, member.path, 'the name is empty');
  return undefined;
}
