// The bytes the recording readers' fast paths look for (byte-cells.ts, csv-row.ts, jsonl-row.ts):
// ASCII codes, named once.

export const QUOTE = 34;
export const HASH = 35;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
export const BACKSLASH = 92;
