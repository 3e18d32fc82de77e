/**
 * Signatures of the storefront protocols: the base64 HMAC of order webhooks
 * and the timestamped hex HMAC of hub → storefront callbacks.
 */
import { hmacBase64, hmacHex, safeEqual } from '../shared/hmac.js';

/** Base64 HMAC-SHA256 of the raw webhook body (`X-Shopify-Hmac-Sha256`, `X-WC-Webhook-Signature`). */
export function signWebhook(body: string, secret: string): string {
  return hmacBase64(secret, body);
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` (`X-Hub-Signature-256`). */
export function signCallback(body: string | Uint8Array, timestamp: number | string, secret: string): string {
  const signed = typeof body === 'string' ? `${timestamp}.${body}` : Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
  return `sha256=${hmacHex(secret, signed)}`;
}

export type CallbackCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** Checks timestamp freshness, then the signature in constant time. */
export function verifyCallback(
  rawBody: string | Uint8Array,
  headers: { timestamp: string | undefined; signature: string | undefined },
  secret: string,
  toleranceSeconds: number,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): CallbackCheck {
  if (!headers.timestamp || !/^[0-9]{1,12}$/.test(headers.timestamp)) return { ok: false, reason: 'missing or malformed X-Hub-Timestamp' };
  const timestamp = Number(headers.timestamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'X-Hub-Timestamp outside the tolerance' };
  if (!headers.signature) return { ok: false, reason: 'missing X-Hub-Signature-256' };
  if (!safeEqual(headers.signature, signCallback(rawBody, headers.timestamp, secret))) return { ok: false, reason: 'bad signature' };
  return { ok: true, timestamp };
}
