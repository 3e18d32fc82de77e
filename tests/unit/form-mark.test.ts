import { describe, expect, it } from 'vitest';
import { decodeMark, encodeMark, markChecksum, markLabel, type MarkValue } from '../../src/forms/form-mark.js';

describe('form mark', () => {
  it('round-trips all small values', () => {
    const wrong: string[] = [];
    for (const formNumber of [0, 1, 2, 3, 7, 100, 254, 255]) {
      for (let version = 0; version < 64; version += 3) {
        for (let page = 0; page < 16; page++) {
          for (let pageCount = 0; pageCount < 16; pageCount++) {
            const value: MarkValue = { formNumber, version, page, pageCount };
            const bits = encodeMark(value);
            const back = decodeMark(bits);
            if (bits.length !== 32 || JSON.stringify(back) !== JSON.stringify(value)) wrong.push(JSON.stringify(value));
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lays the bits out as documented', () => {
    const bits = encodeMark({ formNumber: 1, version: 1, page: 1, pageCount: 1 });
    expect(bits.slice(0, 4)).toEqual([1, 0, 1, 0]);
    expect(bits.slice(4, 12).join('')).toBe('00000001');
    expect(bits.slice(12, 18).join('')).toBe('000001');
    expect(bits.slice(18, 22).join('')).toBe('0001');
    expect(bits.slice(22, 26).join('')).toBe('0001');
    expect(parseInt(bits.slice(26).join(''), 2)).toBe(markChecksum(bits.slice(4, 26)));
  });

  it('detects every single and every double bit flip', () => {
    const missed: string[] = [];
    const values: MarkValue[] = [
      { formNumber: 1, version: 1, page: 1, pageCount: 1 },
      { formNumber: 255, version: 63, page: 15, pageCount: 15 },
      { formNumber: 0, version: 0, page: 0, pageCount: 0 },
      { formNumber: 42, version: 5, page: 2, pageCount: 3 },
    ];
    for (const value of values) {
      const bits = encodeMark(value);
      for (let i = 0; i < 32; i++) {
        const one = [...bits];
        one[i] = 1 - one[i]!;
        if (decodeMark(one) !== undefined) missed.push(`${JSON.stringify(value)} flip ${i}`);
        for (let j = i + 1; j < 32; j++) {
          const two = [...one];
          two[j] = 1 - two[j]!;
          if (decodeMark(two) !== undefined) missed.push(`${JSON.stringify(value)} flip ${i},${j}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('rejects wrong lengths, non-bits and all-white / all-black strips', () => {
    const bits = encodeMark({ formNumber: 1, version: 1, page: 1, pageCount: 1 });
    expect(decodeMark(bits.slice(1))).toBeUndefined();
    expect(decodeMark([...bits, 0])).toBeUndefined();
    expect(decodeMark(bits.map((b, i) => (i === 5 ? 2 : b)))).toBeUndefined();
    expect(decodeMark(new Array(32).fill(0))).toBeUndefined();
    expect(decodeMark(new Array(32).fill(1))).toBeUndefined();
  });

  it('refuses values that do not fit', () => {
    expect(() => encodeMark({ formNumber: 256, version: 1, page: 1, pageCount: 1 })).toThrow(RangeError);
    expect(() => encodeMark({ formNumber: 1, version: 64, page: 1, pageCount: 1 })).toThrow(RangeError);
    expect(() => encodeMark({ formNumber: 1, version: 1, page: 16, pageCount: 1 })).toThrow(RangeError);
    expect(() => encodeMark({ formNumber: 1, version: 1, page: 1, pageCount: -1 })).toThrow(RangeError);
    expect(() => encodeMark({ formNumber: 1.5, version: 1, page: 1, pageCount: 1 })).toThrow(RangeError);
  });

  it('labels the mark for people', () => {
    expect(markLabel({ formNumber: 1, version: 1, page: 1, pageCount: 1 })).toBe('FORM 1 · V1 · PAGE 1/1');
  });
});
