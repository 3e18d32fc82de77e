/** Code 128: symbol values, checksums and module widths. */
import { describe, expect, it } from 'vitest';
import { code128Symbols, code128Widths } from './code128.js';

describe('Code 128', () => {
  it('encodes an even run of digits in code set C, two digits a symbol', () => {
    // Start C (105) + 12·1 + 34·2 = 185 → checksum 185 mod 103 = 82.
    expect(code128Symbols('1234')).toEqual([105, 12, 34, 82, 106]);
  });

  it('encodes anything else in code set B', () => {
    // Start B (104) + 'A'(33)·1 + 'b'(66)·2 = 269 → checksum 63.
    expect(code128Symbols('Ab')).toEqual([104, 33, 66, 63, 106]);
    expect(code128Symbols('123')[0]).toBe(104);
  });

  it('draws 11 modules a symbol and 13 for the stop, starting and ending on a bar', () => {
    const widths = code128Widths('1Z999AA10123456784');
    const symbols = code128Symbols('1Z999AA10123456784').length;
    expect(widths.reduce((sum, width) => sum + width, 0)).toBe((symbols - 1) * 11 + 13);
    expect(widths.length % 2).toBe(1);
  });

  it('refuses characters outside printable ASCII', () => {
    expect(() => code128Symbols('Ä1')).toThrow(RangeError);
  });
});
