/** Money: exact decimal ↔ integer minor units by ISO 4217 exponent, never rounding. */
import { describe, expect, it } from 'vitest';
import { currencyExponent, fromMinorUnits, toMinorUnits } from '../../src/model/money.js';

describe('currency exponents', () => {
  it('follow ISO 4217 and default to 2', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
    expect(currencyExponent('jpy')).toBe(0);
  });
});

describe('toMinorUnits', () => {
  it.each([
    ['12.5', 'USD', 1250],
    ['12.50', 'USD', 1250],
    ['12.500', 'USD', 1250],
    ['0.01', 'USD', 1],
    ['.5', 'USD', 50],
    ['5.', 'USD', 500],
    ['00012.30', 'USD', 1230],
    [' 7.25 ', 'USD', 725],
    ['-12.5', 'USD', -1250],
    ['-0.01', 'USD', -1],
    ['1500', 'JPY', 1500],
    ['1500.0', 'JPY', 1500],
    ['-1500', 'JPY', -1500],
    ['1.234', 'KWD', 1234],
    ['0.001', 'KWD', 1],
    ['-0.001', 'KWD', -1],
    ['12.5', 'usd', 1250],
    ['90071992547409.91', 'USD', Number.MAX_SAFE_INTEGER],
  ] as const)('%j %s → %i', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it('uses USD when no currency is given', () => {
    expect(toMinorUnits('3.10')).toBe(310);
  });

  it('gives zero, never negative zero, for "-0"', () => {
    expect(Object.is(toMinorUnits('-0', 'USD'), 0)).toBe(true);
    expect(Object.is(toMinorUnits('-0.00', 'USD'), 0)).toBe(true);
  });

  it('takes numbers as well as strings, exactly', () => {
    expect(toMinorUnits(12.5, 'USD')).toBe(1250);
    expect(toMinorUnits(19.99, 'USD')).toBe(1999);
    expect(toMinorUnits(-19.99, 'USD')).toBe(-1999);
    expect(toMinorUnits(0.1, 'USD')).toBe(10);
    expect(toMinorUnits(123456789.12, 'USD')).toBe(12345678912);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits(1.234, 'KWD')).toBe(1234);
  });

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(() => toMinorUnits('12.501', 'USD')).toThrow(/more decimals than USD allows \(2\)/);
    expect(() => toMinorUnits('1500.5', 'JPY')).toThrow(/more decimals than JPY allows \(0\)/);
    expect(() => toMinorUnits('1.2345', 'KWD')).toThrow(/KWD allows \(3\)/);
    expect(() => toMinorUnits(1.005, 'USD')).toThrow(RangeError);
    expect(() => toMinorUnits(0.1 + 0.2, 'USD')).toThrow(RangeError);
    expect(() => toMinorUnits(12.5, 'JPY')).toThrow(RangeError);
  });

  it('refuses tiny and huge numbers written in exponent form rather than rounding them', () => {
    expect(() => toMinorUnits(1e-7, 'USD')).toThrow(/more decimals/);
    expect(() => toMinorUnits(5e-324, 'USD')).toThrow(/more decimals/);
    expect(() => toMinorUnits(1e21, 'USD')).toThrow(/out of range/);
    expect(() => toMinorUnits('90071992547409.92', 'USD')).toThrow(/out of range/);
  });

  it.each(['', ' ', '-', '.', '-.', 'abc', '12a', '1,000.00', '+5', '1e3', '--1', '1.2.3', '$5', '12 50'])(
    'refuses %j', (garbage) => {
      expect(() => toMinorUnits(garbage, 'USD')).toThrow(RangeError);
    },
  );

  it('refuses NaN and infinities', () => {
    expect(() => toMinorUnits(Number.NaN)).toThrow(/not a finite amount/);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY)).toThrow(/not a finite amount/);
    expect(() => toMinorUnits(Number.NEGATIVE_INFINITY)).toThrow(/not a finite amount/);
  });
});

describe('fromMinorUnits', () => {
  it.each([
    [1250, 'USD', '12.50'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [-5, 'USD', '-0.05'],
    [-1250, 'USD', '-12.50'],
    [1500, 'JPY', '1500'],
    [-1500, 'JPY', '-1500'],
    [0, 'JPY', '0'],
    [1234, 'KWD', '1.234'],
    [-1, 'KWD', '-0.001'],
    [1, 'CLF', '0.0001'],
    [-0, 'USD', '0.00'],
  ] as const)('%i %s → %s', (minor, currency, text) => {
    expect(fromMinorUnits(minor, currency)).toBe(text);
  });

  it('refuses fractions of a minor unit', () => {
    expect(() => fromMinorUnits(1.5, 'USD')).toThrow(/must be an integer/);
    expect(() => fromMinorUnits(Number.NaN, 'USD')).toThrow(RangeError);
  });

  it('round-trips with toMinorUnits', () => {
    for (const currency of ['USD', 'JPY', 'KWD']) {
      for (const minor of [0, 1, 9, 10, 99, 100, 101, 123456, -1, -999, -100000]) {
        expect(toMinorUnits(fromMinorUnits(minor, currency), currency)).toBe(minor);
      }
    }
  });
});
