/**
 * Identifiers a person or a sort order can rely on:
 * - hubOrderId: a ULID (48-bit time + 80-bit randomness, Crockford base32), sortable by creation.
 * - confirmation: 8 random Crockford base32 characters plus a Luhn mod 32 check character,
 *   shown as `XXXX-XXXXC`; readable over the phone (no I, L, O, U) and a mistyped character
 *   or swapped neighbour pair is caught by the check. Luhn mod 32 cannot see a swap of
 *   `0` and `Z` (both double to themselves), so codes with those two side by side are never issued.
 */
import { randomBytes } from 'node:crypto';

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = CROCKFORD.length;

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i]! & 31];
  return out;
}

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[rest % BASE] + out;
    rest = Math.floor(rest / BASE);
  }
  return out;
}

/** A new ULID; `now` is injectable for tests. */
export function newHubOrderId(now: number = Date.now()): string {
  return encodeTime(now) + randomBase32(16);
}

/** Milliseconds since epoch encoded in a ULID. */
export function hubOrderIdTime(id: string): number {
  let ms = 0;
  for (const ch of id.slice(0, 10)) ms = ms * BASE + CROCKFORD.indexOf(ch);
  return ms;
}

/** Luhn mod N check character over Crockford base32 digits. */
export function checkCharacter(digits: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    const code = CROCKFORD.indexOf(digits[i]!);
    if (code < 0) throw new RangeError(`not a Crockford base32 character: ${digits[i]}`);
    const addend = factor * code;
    sum += Math.floor(addend / BASE) + (addend % BASE);
    factor = factor === 2 ? 1 : 2;
  }
  return CROCKFORD[(BASE - (sum % BASE)) % BASE]!;
}

/** A fresh confirmation code such as `7KQ4-M2XAA`. */
export function newConfirmation(): string {
  for (;;) {
    const digits = randomBase32(8);
    const code = digits + checkCharacter(digits);
    if (!/0Z|Z0/.test(code)) return `${digits.slice(0, 4)}-${digits.slice(4)}${code[8]}`;
  }
}

/**
 * Normalises what a person typed or said (lower case, spaces, O for 0, I/L for 1)
 * and returns the canonical code, or undefined when the check character fails.
 */
export function parseConfirmation(input: string): string | undefined {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{9}$/.test(cleaned)) return undefined;
  const digits = cleaned.slice(0, 8);
  if (checkCharacter(digits) !== cleaned[8]) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4)}${cleaned[8]}`;
}
