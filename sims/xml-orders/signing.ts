/**
 * Signing of XML order requests (docs/protocols.md, "Order XML v1"): the headers a
 * sender adds, with the time of sending and the hex HMAC-SHA256 of
 * "<timestamp>.<exact body bytes>".
 */
import { hmacHex } from '../shared/hmac.js';

export const XML_ORDER_SIGNATURE_HEADER = 'x-order-signature';
export const XML_ORDER_TIMESTAMP_HEADER = 'x-order-timestamp';

/** Hex HMAC-SHA256 of "<timestamp>.<body>" with the shared secret (`X-Order-Signature` without its prefix). */
export function xmlOrderSignature(body: string | Uint8Array, secret: string, timestamp: string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return hmacHex(secret, Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), bytes]));
}

/**
 * Every header of a signed order request: content type, `X-Order-Timestamp` (Unix
 * seconds of `now`) and `X-Order-Signature`. Sign the exact bytes that are sent.
 */
export function signXmlOrder(body: string | Uint8Array, secret: string, now: number = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    'content-type': 'application/xml; charset=utf-8',
    [XML_ORDER_TIMESTAMP_HEADER]: timestamp,
    [XML_ORDER_SIGNATURE_HEADER]: `sha256=${xmlOrderSignature(body, secret, timestamp)}`,
  };
}
