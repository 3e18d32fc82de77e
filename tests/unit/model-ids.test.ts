/**
 * Hub order ids (ULID) and confirmation codes (Crockford base32 + Luhn mod 32 check):
 * format, time order, and that a person's typing mistakes are caught while spoken forms pass.
 */
import { describe, expect, it } from 'vitest';
import {
  CROCKFORD, checkCharacter, hubOrderIdTime, newConfirmation, newHubOrderId, parseConfirmation,
} from '../../src/model/ids.js';

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** The nine characters of a code without its dash. */
const compact = (code: string) => code.replace('-', '');
const withDash = (chars: string) => `${chars.slice(0, 4)}-${chars.slice(4)}`;

describe('hub order ids', () => {
  it('are 26-character Crockford base32 ULIDs', () => {
    for (let i = 0; i < 50; i++) expect(newHubOrderId()).toMatch(ULID);
    expect(newHubOrderId(0)).toMatch(/^0{10}[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('sort as strings in the order of their creation time', () => {
    const start = Date.UTC(2024, 0, 1);
    const times = [start, start + 1, start + 31, start + 32, start + 1000, start + 86_400_000, Date.UTC(2089, 5, 1)];
    const ids = times.map((t) => newHubOrderId(t));
    expect([...ids].sort()).toEqual(ids);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('give back the time they were made at', () => {
    for (const t of [0, 1, 31, 32, 1_700_000_000_123, Date.now(), 2 ** 48 - 1]) {
      expect(hubOrderIdTime(newHubOrderId(t))).toBe(t);
    }
  });

  it('differ even when made in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newHubOrderId(1_700_000_000_000)));
    expect(ids.size).toBe(200);
  });
});

describe('confirmation codes', () => {
  const codes = Array.from({ length: 200 }, () => newConfirmation());

  it('look like XXXX-XXXXC and parse back to themselves', () => {
    for (const code of codes) {
      expect(code).toMatch(CODE);
      expect(parseConfirmation(code)).toBe(code);
    }
  });

  it('end with the Luhn mod 32 check character of the first eight', () => {
    for (const code of codes) {
      const chars = compact(code);
      expect(checkCharacter(chars.slice(0, 8))).toBe(chars[8]);
    }
    // Worked example: all zeros has check 0; "00000001" doubles the 1 → sum 2 → 32 - 2 = 30 → "Y".
    expect(checkCharacter('00000000')).toBe('0');
    expect(checkCharacter('00000001')).toBe('Y');
    expect(() => checkCharacter('0000000U')).toThrow(RangeError);
  });

  it('reject every single-character substitution', () => {
    for (const code of codes.slice(0, 40)) {
      const chars = compact(code);
      for (let position = 0; position < 9; position++) {
        for (const replacement of CROCKFORD) {
          if (replacement === chars[position]) continue;
          const typo = chars.slice(0, position) + replacement + chars.slice(position + 1);
          expect(parseConfirmation(withDash(typo)), `${code} with ${replacement} at ${position}`).toBeUndefined();
        }
      }
    }
  });

  it('reject every swap of two different neighbouring characters, the check character included', () => {
    for (const code of codes) {
      const chars = compact(code);
      for (let position = 0; position < 8; position++) {
        const [a, b] = [chars[position]!, chars[position + 1]!];
        if (a === b) continue;
        const swapped = chars.slice(0, position) + b + a + chars.slice(position + 2);
        expect(parseConfirmation(withDash(swapped)), `${code} swapping ${position}/${position + 1}`).toBeUndefined();
      }
    }
  });

  it('are never issued with 0 and Z side by side, the one swap Luhn mod 32 cannot see', () => {
    // The blind spot, shown on a hand-made code: 0 and Z both double to themselves.
    const digits = '120Z4567';
    const valid = withDash(digits + checkCharacter(digits));
    const swapped = withDash(`12Z04567${checkCharacter(digits)}`);
    expect(parseConfirmation(valid)).toBe(valid);
    expect(parseConfirmation(swapped)).toBe(swapped);
    // …which is why the generator never produces such a pair.
    for (let i = 0; i < 3000; i++) expect(compact(newConfirmation())).not.toMatch(/0Z|Z0/);
  });

  it('accept what a person types or reads out: lower case, spaces, no dash, O for 0, I and L for 1', () => {
    const digits = '10K0M1XA';
    const code = withDash(digits + checkCharacter(digits));
    const spoken = [
      code.toLowerCase(),
      code.replace('-', ''),
      code.replace('-', ' '),
      ` ${code.split('').join(' ')} `,
      code.replace(/0/g, 'O'),
      code.replace(/0/g, 'o').replace(/1/g, 'l'),
      code.replace(/1/g, 'I'),
      code.replace(/1/g, 'i').toLowerCase(),
      code.replace('-', '--'),
      `${code.slice(0, 2)}-${code.slice(2)}`.replace('--', '-'),
    ];
    for (const form of spoken) expect(parseConfirmation(form), JSON.stringify(form)).toBe(code);
  });

  it('reject wrong lengths, U and other characters outside the alphabet', () => {
    const code = codes[0]!;
    const chars = compact(code);
    expect(parseConfirmation('')).toBeUndefined();
    expect(parseConfirmation(chars.slice(0, 8))).toBeUndefined();
    expect(parseConfirmation(`${code}0`)).toBeUndefined();
    expect(parseConfirmation(withDash(`U${chars.slice(1)}`))).toBeUndefined();
    expect(parseConfirmation(withDash(`*${chars.slice(1)}`))).toBeUndefined();
    expect(parseConfirmation(`${code.slice(0, 4)}_${code.slice(5)}`)).toBeUndefined();
  });
});
