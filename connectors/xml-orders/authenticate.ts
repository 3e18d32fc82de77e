/**
 * Who may post an order: in `X-Order-Signature` the hex HMAC-SHA256 of
 * `<X-Order-Timestamp>.<exact body bytes>` (compared in constant time), and that
 * timestamp within the tolerance of the hub's clock. Signing the timestamp with the
 * body means a captured request cannot be replayed later with a fresh time.
 * Anything else is a 401 with nothing stored.
 */
import { UnauthorizedError, verifyHmacSha256, type InboundRequest } from '../../src/sdk/index.js';
import type { XmlOrdersConfig } from './config.js';

export const SIGNATURE_HEADER = 'x-order-signature';
export const TIMESTAMP_HEADER = 'x-order-timestamp';

export function authenticate(config: XmlOrdersConfig, request: InboundRequest, now: number): void {
  const given = request.headers[SIGNATURE_HEADER]?.trim().replace(/^sha256=/i, '');
  if (!given) {
    throw new UnauthorizedError('missing X-Order-Signature header', {
      code: 'MISSING_SIGNATURE', hint: 'send the hex HMAC-SHA256 of "<X-Order-Timestamp>.<body>", keyed with the shared secret, in X-Order-Signature',
    });
  }
  const timestamp = request.headers[TIMESTAMP_HEADER];
  if (timestamp === undefined || timestamp.trim() === '') {
    throw new UnauthorizedError('missing X-Order-Timestamp header', {
      code: 'MISSING_TIMESTAMP', hint: 'send the time of sending as Unix seconds or ISO 8601 in X-Order-Timestamp, and sign it with the body',
    });
  }
  verifySignature(config.secret, timestamp, request.body, given);
  verifyTimestamp(config.toleranceSeconds, timestamp, now);
}

/** The bytes a sender signs: the timestamp header as sent, a dot, the body. */
export function signedBytes(timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
}

function verifySignature(secret: string, timestamp: string, body: Buffer, given: string): void {
  if (!verifyHmacSha256(secret, signedBytes(timestamp, body), given, 'hex')) {
    throw new UnauthorizedError('X-Order-Signature does not match the timestamp and body', {
      code: 'BAD_SIGNATURE',
      hint: 'sign "<X-Order-Timestamp as sent>.<exact body bytes>" with the secret shared with the hub, written as hex',
    });
  }
}

function verifyTimestamp(toleranceSeconds: number, header: string, now: number): void {
  const text = header.trim();
  const at = /^\d{1,12}$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (Number.isNaN(at)) {
    throw new UnauthorizedError(`unreadable X-Order-Timestamp "${text.slice(0, 40)}"`, {
      code: 'BAD_TIMESTAMP', hint: 'write the time of sending as Unix seconds (1795444200) or ISO 8601 (2026-11-23T14:30:00Z)',
    });
  }
  const skewSeconds = Math.abs(now - at) / 1000;
  if (skewSeconds > toleranceSeconds) {
    throw new UnauthorizedError(`X-Order-Timestamp is ${Math.round(skewSeconds)} s away from now (tolerance ${toleranceSeconds} s)`, {
      code: 'STALE_TIMESTAMP', hint: 'a replayed or long-delayed request: check the sender\'s clock and send with the current time',
    });
  }
}
