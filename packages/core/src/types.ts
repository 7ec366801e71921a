// The static types of the language, as bit sets so that a union ("double or doubleVec", from the
// two branches of a ?:) is one number. `ANY` is the checker's "unknown": it suppresses follow-on
// errors after a mistake already reported.

export const DOUBLE = 1;
export const VEC = 2;
export const STRING = 4;
export const TIMESTAMP = 8;
export const INTERVAL = 16;
/** A sampled service variable ($PendingTasks): has sample methods; as a number, its last sample. */
export const METRIC = 32;
/** One of the four $NodeDeallocationOption keywords. */
export const KEYWORD = 64;
/** The result of stop(). */
export const NOTHING = 128;
export const ANY = 255;

export type Type = number;

/** Parameter kinds of built-in signatures. `list` is a doubleVecList: any mix of doubles and vectors. */
export type ParamKind = 'double' | 'doubleVec' | 'list' | 'string' | 'time';

const NAMES: Array<[Type, string]> = [
  [DOUBLE, 'double'],
  [VEC, 'doubleVec'],
  [STRING, 'string'],
  [TIMESTAMP, 'timestamp'],
  [INTERVAL, 'timeinterval'],
  [METRIC, 'metric'],
  [KEYWORD, 'deallocation option'],
  [NOTHING, 'nothing'],
];

export function typeName(t: Type): string {
  if (t === ANY) return 'unknown';
  const parts = NAMES.filter(([bit]) => (t & bit) !== 0).map(([, name]) => name);
  return parts.length === 0 ? 'nothing' : parts.join(' or ');
}

export function paramKindName(kind: ParamKind): string {
  switch (kind) {
    case 'double':
      return 'double';
    case 'doubleVec':
      return 'doubleVec';
    case 'list':
      return 'doubleVecList';
    case 'string':
      return 'string';
    case 'time':
      return 'timestamp or timeinterval';
  }
}

/** The value types one parameter kind accepts (a metric counts as a double: its last sample). */
export function acceptedBy(kind: ParamKind): Type {
  switch (kind) {
    case 'double':
      return DOUBLE | METRIC;
    case 'doubleVec':
      return VEC;
    case 'list':
      return DOUBLE | VEC | METRIC;
    case 'string':
      return STRING;
    case 'time':
      return TIMESTAMP | INTERVAL;
  }
}

/** Each member of the union `t`, as single-bit types. */
export function members(t: Type): Type[] {
  const out: Type[] = [];
  for (let bit = 1; bit <= NOTHING; bit <<= 1) if ((t & bit) !== 0) out.push(bit);
  return out;
}
