// One parameter's values in a search: FROM, FROM + STEP, ... up to TO, as exact decimals. Values
// are counted in units of the finest decimal the range is written in, so 0.1..0.3:0.1 has exactly
// the three values 0.1, 0.2, 0.3 (no 0.30000000000000004), each spelled as the language writes
// numbers (docs/semantics.md §1.4: digits with an optional fraction, a `-` before a negative one).

export interface ParamRange {
  name: string;
  from: number;
  to: number;
  step: number;
}

export interface Axis extends ParamRange {
  /** How many values: FROM + k x STEP for k = 0 .. count - 1, the last at most TO. */
  count: number;
  /** The k-th value. */
  value(k: number): number;
  /** The k-th value as a literal of the language ("25", "0.5", "-3"). */
  spell(k: number): string;
}

const MAX_DECIMALS = 9;

/** The fewest decimals that write `n` exactly, or undefined beyond MAX_DECIMALS. */
export function decimalsOf(n: number): number | undefined {
  for (let d = 0; d <= MAX_DECIMALS; d++) if (Number(n.toFixed(d)) === n) return d;
  return undefined;
}

/** `n` (already a value with at most `decimals` decimals) as a literal: no exponent, no trailing zeros. */
export function spellNumber(n: number, decimals: number): string {
  let text = Math.abs(n).toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return n < 0 && text !== '0' ? `-${text}` : text;
}

/** The axis of a range, or why the range cannot be searched (a neutral sentence). */
export function axisOf(range: ParamRange): Axis | string {
  const { from, to, step } = range;
  if (![from, to, step].every(Number.isFinite)) return 'its bounds and step must be finite numbers';
  if (from > to) return `its start ${from} is above its end ${to}`;
  if (!(step > 0)) return `its step ${step} is not above 0`;
  const ds = [from, to, step].map(decimalsOf);
  if (ds.some((d) => d === undefined)) return `its numbers have more than ${MAX_DECIMALS} decimals`;
  const decimals = Math.max(...(ds as number[]));
  const scale = 10 ** decimals;
  const [f, t, s] = [from, to, step].map((n) => Math.round(n * scale)) as [number, number, number];
  if (![f, t, s].every(Number.isSafeInteger)) return 'its numbers have too many digits to count in exactly';
  const count = Math.floor((t - f) / s) + 1;
  const value = (k: number): number => (f + k * s) / scale;
  return { ...range, count, value, spell: (k) => spellNumber(value(k), decimals) };
}
