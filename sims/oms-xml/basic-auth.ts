/**
 * Checks an `Authorization: Basic …` header against the configured user and
 * password in constant time.
 */
import { safeEqual } from '../shared/hmac.js';

export function basicAuthOk(header: string | undefined, expected: { user: string; password: string }): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const expectedText = `${expected.user}:${expected.password}`;
  return safeEqual(decoded, expectedText);
}

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
