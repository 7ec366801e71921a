// Text forms of evaluation values exactly as the Batch service prints them in an evaluation's
// `results` string (docs/semantics.md §11): doubles as C's `%g`, timestamps as ISO 8601 UTC with
// milliseconds, timeintervals as .NET TimeSpan "c". Kept in one place so results, error messages
// and traces agree character for character with the real service. No function here throws.

/** How C prints the non-finite doubles (and so, presumably, the service). */
function formatNonFinite(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  return x > 0 ? 'inf' : '-inf';
}

// Exact binary decomposition of a finite, non-zero double: |x| = mantissa * 2^exponent.
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa, exponent: -1074 }; // subnormal
  mantissa |= 1n << 52n;
  return { mantissa, exponent: biased - 1075 };
}

// True when |x| equals digits * 10^pow10 exactly (digits a non-negative integer string).
function equalsDecimalExactly(x: number, digits: string, pow10: number): boolean {
  const { mantissa, exponent } = decompose(x);
  let leftNum = mantissa;
  let leftDen = 1n;
  if (exponent >= 0) leftNum <<= BigInt(exponent);
  else leftDen <<= BigInt(-exponent);
  let rightNum = BigInt(digits);
  let rightDen = 1n;
  if (pow10 >= 0) rightNum *= 10n ** BigInt(pow10);
  else rightDen = 10n ** BigInt(-pow10);
  return leftNum * rightDen === rightNum * leftDen;
}

// Splits a toExponential/toPrecision-in-exponent-form string of a positive number into its
// significant digits and decimal exponent: "1.23457e+6" -> { digits: "123457", exp: 6 }.
function splitExponential(text: string): { digits: string; exp: number } {
  const at = text.indexOf('e');
  return { digits: text.slice(0, at).replace('.', ''), exp: Number(text.slice(at + 1)) };
}

// The six significant digits and decimal exponent of |x| rounded as C does: to nearest on the
// exact binary value, ties to even. toExponential rounds the exact value too but breaks ties
// away from zero, so an exact tie (only possible when |x| has exactly 7 significant decimal
// digits ending in 5, e.g. 999999.5 or 1234565) is detected and re-rounded to even.
function sixDigits(abs: number): { digits: string; exp: number } {
  const rounded = splitExponential(abs.toExponential(5));
  const seven = splitExponential(abs.toExponential(6));
  if (seven.digits.endsWith('5') && equalsDecimalExactly(abs, seven.digits, seven.exp - 6)) {
    const truncated = seven.digits.slice(0, 6);
    const last = Number(truncated.slice(5));
    if (last % 2 === 0) return { digits: truncated, exp: seven.exp };
  }
  return rounded;
}

function stripFraction(fraction: string): string {
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? '' : `.${trimmed}`;
}

/**
 * A double as C's `printf("%g", x)`: 6 significant digits, trailing zeros removed, exponent form
 * when the rounded decimal exponent is < -4 or >= 6 (`1e-05`, `1.23457e+06`); `nan`, `inf`, `-inf`;
 * negative zero prints as `-0`, as C does.
 */
export function formatDouble(x: number): string {
  // The common cases first, without building digit strings twice: results strings print several
  // doubles per evaluation, and a replay asks for hundreds of thousands of them.
  if (Number.isInteger(x) && x < 1e6 && x > -1e6 && !Object.is(x, -0)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e6) {
    const fixed = rememberedSixDigits(abs);
    if (fixed !== undefined) return x < 0 ? `-${fixed}` : fixed;
  }
  return formatDoubleSlowly(x);
}

/**
 * fixedSixDigits, remembered for the last few values in a table indexed by their bits: a replay
 * prints the same fractions again and again (a percentage of a window's 30 samples takes 31
 * values). A slot holds one value and its text; a different value in the slot is worked out and
 * takes the slot.
 */
function rememberedSixDigits(abs: number): string | undefined {
  BITS_VIEW[0] = abs;
  const slot = ((BITS_WORDS[0] as number) ^ (BITS_WORDS[1] as number)) & (REMEMBERED - 1);
  if (rememberedValues[slot] === abs) return rememberedTexts[slot];
  const text = fixedSixDigits(abs);
  if (text !== undefined) {
    rememberedValues[slot] = abs;
    rememberedTexts[slot] = text;
  }
  return text;
}

const REMEMBERED = 256;
const BITS_VIEW = new Float64Array(1);
const BITS_WORDS = new Uint32Array(BITS_VIEW.buffer);
/** NaN matches no value, so every slot starts empty. */
const rememberedValues = new Float64Array(REMEMBERED).fill(Number.NaN);
const rememberedTexts = new Array<string>(REMEMBERED).fill('');

/** Exact powers of ten, 10^0 to 10^10 (every one a double exactly). */
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/**
 * %g of 1e-4 <= abs < 1e6 by arithmetic: abs scaled to six integer digits and rounded, or
 * undefined where that may differ from C. The scaling multiplies by an exact power of ten, so the
 * scaled value is off the exact one by under 2^-53 of it (< 2e-10 here): unless the exact value is
 * that close to a half, rounding the scaled value rounds the exact one the same way. Within 1e-6 of
 * a half (a tie, which C breaks to even, or nearly one) and on a rounding up to 1e6 (the exponent
 * form), the exact route decides.
 */
function fixedSixDigits(abs: number): string | undefined {
  let exp = Math.floor(Math.log10(abs));
  let scaled = abs * (POWERS_OF_TEN[5 - exp] as number);
  // log10 may be one off next to a power of ten: the scaled value says which.
  if (scaled < 1e5) scaled = abs * (POWERS_OF_TEN[5 - --exp] as number);
  else if (scaled >= 1e6) scaled = abs * (POWERS_OF_TEN[5 - ++exp] as number);
  if (!(scaled >= 1e5 && scaled < 1e6)) return undefined;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  if (Math.abs(fraction - 0.5) < 1e-6) return undefined;
  let digits = fraction > 0.5 ? whole + 1 : whole;
  if (digits === 1e6) {
    digits = 1e5;
    exp++;
    if (exp >= 6) return undefined;
  }
  // digits is six decimal digits d1..d6 with the value d1.d2...d6 x 10^exp.
  const text = String(digits);
  if (exp >= 5) return text;
  let end = 6;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (exp >= 0)
    return end <= exp + 1 ? text.slice(0, exp + 1) : `${text.slice(0, exp + 1)}.${text.slice(exp + 1, end)}`;
  return `0.${'0'.repeat(-exp - 1)}${text.slice(0, end)}`;
}

/** formatDouble by the exact route: every double, including ties and exponent forms. */
export function formatDoubleSlowly(x: number): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = sixDigits(Math.abs(x));
  if (exp < -4 || exp >= 6) {
    const expText = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return `${sign}${digits.slice(0, 1)}${stripFraction(digits.slice(1))}e${expText}`;
  }
  if (exp >= 0) {
    return `${sign}${digits.slice(0, exp + 1)}${stripFraction(digits.slice(exp + 1))}`;
  }
  return `${sign}0${stripFraction('0'.repeat(-exp - 1) + digits)}`;
}

const MS_PER_DAY = 86_400_000;
// 400 Gregorian years are exactly 146097 days, so shifting by whole cycles keeps month/day/time
// unchanged; used to print instants outside Date's ±8.64e15 ms range without throwing.
const MS_PER_400_YEARS = 146_097 * MS_PER_DAY;
const DATE_LIMIT_MS = 8.64e15;

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  // Beyond four digits, the same expanded-year style Date.prototype.toISOString uses.
  return `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
}

/**
 * A timestamp (ms since the Unix epoch) as `yyyy-MM-ddTHH:mm:ss.fffZ` in UTC, as in the service's
 * `$curTime=2016-10-13T19:18:47.805Z`. Sub-millisecond parts are dropped (floored, so the printed
 * millisecond is the one containing the instant). Non-finite input prints like formatDouble.
 */
export function formatTimestamp(ms: number): string {
  // Years 1970-9999, the common case: the date part is worked out once per day (a replay's
  // evaluations come minutes apart), the time of day from digit tables.
  if (!(ms >= 0 && ms < FIRST_FIVE_DIGIT_YEAR_MS)) return formatTimestampSlowly(ms);
  const whole = Math.floor(ms);
  const day = Math.floor(whole / MS_PER_DAY);
  if (day !== lastDay.day) {
    lastDay.day = day;
    lastDay.prefix = formatTimestampSlowly(day * MS_PER_DAY).slice(0, 11);
  }
  const millis = whole - day * MS_PER_DAY;
  const seconds = Math.floor(millis / 1000);
  return (
    `${lastDay.prefix}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:` +
    `${TWO_DIGITS[seconds % 60]}.${THREE_DIGITS[millis - seconds * 1000]}Z`
  );
}

/** 10000-01-01T00:00:00Z. */
const FIRST_FIVE_DIGIT_YEAR_MS = 253_402_300_800_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** The day formatTimestamp printed last and its `yyyy-MM-ddT`. */
const lastDay = { day: Number.NaN, prefix: '' };

/** formatTimestamp through a Date: every finite instant, beyond Date's range too. */
export function formatTimestampSlowly(ms: number): string {
  if (!Number.isFinite(ms)) return formatNonFinite(ms);
  let whole = Math.floor(ms);
  let cycles = 0;
  if (Math.abs(whole) > DATE_LIMIT_MS) {
    const rest = ((whole % MS_PER_400_YEARS) + MS_PER_400_YEARS) % MS_PER_400_YEARS;
    cycles = Math.round((whole - rest) / MS_PER_400_YEARS);
    whole = rest;
  }
  const date = new Date(whole);
  const pad2 = (n: number): string => String(n).padStart(2, '0');
  const year = date.getUTCFullYear() + cycles * 400;
  return (
    `${formatYear(year)}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}` +
    `.${String(date.getUTCMilliseconds()).padStart(3, '0')}Z`
  );
}

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_DAY = 86_400n * TICKS_PER_SECOND;

/**
 * A timeinterval (ms) as .NET TimeSpan's "c" format `[-][d.]hh:mm:ss[.fffffff]`: the day part only
 * when non-zero, the 7-digit tick fraction only when non-zero. The value is first rounded to whole
 * 100 ns ticks (the TimeSpan resolution). Non-finite input prints like formatDouble.
 */
export function formatTimeInterval(ms: number): string {
  const ticksDouble = Math.round(ms * 10_000);
  // Up to 2^53 ticks (about 28 years) every step below is exact in doubles; beyond, BigInt.
  if (!Number.isSafeInteger(ticksDouble)) return formatTimeIntervalSlowly(ms);
  const ticks = Math.abs(ticksDouble);
  const days = Math.floor(ticks / TICKS_PER_DAY_NUMBER);
  const inDay = ticks - days * TICKS_PER_DAY_NUMBER;
  const fraction = inDay % TICKS_PER_SECOND_NUMBER;
  const seconds = (inDay - fraction) / TICKS_PER_SECOND_NUMBER;
  // -0 ticks (a negative interval under half a tick) has no sign: there is no negative TimeSpan zero.
  const head = `${ticksDouble < 0 ? '-' : ''}${days !== 0 ? `${days}.` : ''}`;
  const time = `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
  return `${head}${time}${fraction !== 0 ? `.${String(fraction).padStart(7, '0')}` : ''}`;
}

const TICKS_PER_SECOND_NUMBER = 10_000_000;
const TICKS_PER_DAY_NUMBER = 86_400 * TICKS_PER_SECOND_NUMBER;

/** formatTimeInterval in BigInt ticks: every finite interval, however long. */
export function formatTimeIntervalSlowly(ms: number): string {
  if (!Number.isFinite(ms)) return formatNonFinite(ms);
  const ticksDouble = Math.round(ms * 10_000);
  // ms * 10000 can overflow to ±Infinity for |ms| > ~1.8e304.
  if (!Number.isFinite(ticksDouble)) return formatNonFinite(ticksDouble);
  // BigInt keeps every digit exact even past 2^53 ticks (about 28 years).
  let ticks = BigInt(ticksDouble);
  const sign = ticks < 0n ? '-' : '';
  if (ticks < 0n) ticks = -ticks;
  const days = ticks / TICKS_PER_DAY;
  let rest = ticks % TICKS_PER_DAY;
  const fraction = rest % TICKS_PER_SECOND;
  rest /= TICKS_PER_SECOND;
  const seconds = rest % 60n;
  const minutes = (rest / 60n) % 60n;
  const hours = rest / 3600n;
  const pad2 = (n: bigint): string => String(n).padStart(2, '0');
  return (
    `${sign}${days !== 0n ? `${days}.` : ''}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}` +
    `${fraction !== 0n ? `.${String(fraction).padStart(7, '0')}` : ''}`
  );
}
