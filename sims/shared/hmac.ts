/**
 * HMAC-SHA256 helpers shared by the simulators: hex and base64 digests and a
 * constant-time comparison of two strings.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacHex(secret: string, data: string | Uint8Array): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function hmacBase64(secret: string, data: string | Uint8Array): string {
  return createHmac('sha256', secret).update(data).digest('base64');
}

/** Compares in constant time; strings of different length are simply unequal. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
