/**
 * HMAC signing and constant-time verification, for webhooks in and callbacks out.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type DigestEncoding = 'base64' | 'hex';

export function hmacSha256(secret: string, payload: Buffer | string, encoding: DigestEncoding): string {
  return createHmac('sha256', secret).update(payload).digest(encoding);
}

/** True when `given` is the HMAC of `payload`; compares in constant time. */
export function verifyHmacSha256(
  secret: string, payload: Buffer | string, given: string, encoding: DigestEncoding,
): boolean {
  const expected = Buffer.from(hmacSha256(secret, payload, encoding), 'utf8');
  // Hex digits are case-insensitive (some senders write upper case); base64 is not.
  const normalised = encoding === 'hex' ? given.trim().toLowerCase() : given.trim();
  const actual = Buffer.from(normalised, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** True when two secrets are equal; compares their SHA-256 digests in constant time, so neither length shows. */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Headers for a signed callback: `X-Hub-Timestamp` and `X-Hub-Signature-256` over "<ts>.<body>". */
export function signCallback(secret: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'x-hub-timestamp': timestamp,
    'x-hub-signature-256': `sha256=${hmacSha256(secret, `${timestamp}.${body}`, 'hex')}`,
  };
}
