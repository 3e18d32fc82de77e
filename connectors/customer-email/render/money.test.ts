/** Money in the order's currency: minor digits from the currency, exact, in a locale. */
import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.js';

const nbsp = '\u00a0';

describe('formatMoney', () => {
  it('USD has two minor digits', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    expect(formatMoney(-750, 'USD')).toBe('-$7.50');
  });

  it('JPY has none', () => {
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(1, 'JPY')).toBe('¥1');
  });

  it('KWD has three', () => {
    expect(formatMoney(1500, 'KWD')).toBe(`KWD${nbsp}1.500`);
    expect(formatMoney(1, 'KWD')).toBe(`KWD${nbsp}0.001`);
  });

  it('follows the locale', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe(`1.234,56${nbsp}€`);
    expect(formatMoney(123456, 'USD', 'en-GB')).toBe('US$1,234.56');
  });

  it('is exact for the largest amounts (no floating point)', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'KWD')).toBe(`KWD${nbsp}9,007,199,254,740.991`);
  });

  it('accepts a lower-case currency code and refuses fractions of a minor unit', () => {
    expect(formatMoney(250, 'usd')).toBe('$2.50');
    expect(() => formatMoney(1.5, 'USD')).toThrow(RangeError);
  });
});
