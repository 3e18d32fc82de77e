/** Constant-time comparison of a submitted token with the expected one. */
import { timingSafeEqual } from 'node:crypto';

export function sameToken(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
