/** Exact decimal arithmetic for 850 and 810 amounts: no floating point, decimals kept or trimmed as asked. */
import { describe, expect, it } from 'vitest';
import { multiplyDecimal, subtractDecimal, sumDecimals, sumOfDecimals } from './decimal-text.js';

describe('decimal text', () => {
  it('multiplies a price by a quantity exactly', () => {
    expect(multiplyDecimal('12.50', '3')).toBe('37.50');
    expect(multiplyDecimal('0.1', '3')).toBe('0.3');
    expect(multiplyDecimal('19.99', '1000000')).toBe('19990000.00');
    expect(multiplyDecimal('1.005', '7')).toBe('7.035');
  });

  it('adds and subtracts with the most decimals of any operand, or trims them for hash totals', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['10', '2.50', '0.125'])).toBe('12.625');
    expect(sumDecimals(['1.50', '2'])).toBe('3.50');
    expect(sumOfDecimals(['1.50', '2'])).toBe('3.5');
    expect(sumDecimals([])).toBe('0');
    expect(subtractDecimal('10.00', '12.5')).toBe('-2.50');
    expect(subtractDecimal('10.00', '-2')).toBe('12.00');
  });

  it('refuses what is no decimal', () => {
    expect(() => multiplyDecimal('abc', '2')).toThrow(/not a decimal/);
    expect(() => sumDecimals(['1e3'])).toThrow(/not a decimal/);
  });
});
