// The playground's replay chart readout writes values short enough for eight formulas to share two
// lines under a chart (panels/chart-legend.ts): whole numbers and two decimals as they are, tens of
// thousands and more in k and M.

import { describe, expect, it } from 'vitest';
import { shortNumber } from '../packages/playground/src/panels/chart-legend.ts';

describe('replay chart readout numbers', () => {
  it('keeps small values, to two decimals', () => {
    expect(shortNumber(0)).toBe('0');
    expect(shortNumber(4)).toBe('4');
    expect(shortNumber(2.5)).toBe('2.5');
    expect(shortNumber(1 / 3)).toBe('0.33');
    expect(shortNumber(9999)).toBe('9999');
    expect(shortNumber(-12)).toBe('-12');
  });

  it('writes tens of thousands in k and millions in M, to one decimal', () => {
    expect(shortNumber(10_000)).toBe('10k');
    expect(shortNumber(25_072)).toBe('25.1k');
    expect(shortNumber(999_949)).toBe('999.9k');
    expect(shortNumber(999_950)).toBe('1M');
    expect(shortNumber(1_250_000)).toBe('1.3M');
    expect(shortNumber(-40_000)).toBe('-40k');
  });
});
