/**
 * Who may post a tracking webhook: `ParcelCo-Signature: t=<unix seconds>,v1=<hex>`,
 * where v1 is the HMAC-SHA256 of `"<t>.<exact body bytes>"` with the webhook secret
 * (compared in constant time; during a secret rotation the carrier may send several
 * v1, any one may match), and t within the tolerance of the hub's clock, so a captured
 * webhook cannot be replayed later. Anything else is a 401 with nothing recorded.
 */
import { UnauthorizedError, verifyHmacSha256, type InboundRequest } from '../../src/sdk/index.js';

export const SIGNATURE_HEADER = 'parcelco-signature';

export interface SignatureSettings {
  webhookSecret?: string;
  toleranceSeconds: number;
  carrierName: string;
}

export function verifyWebhook(settings: SignatureSettings, request: Pick<InboundRequest, 'headers' | 'body'>, now: number): void {
  if (!settings.webhookSecret) {
    throw new UnauthorizedError(`this instance takes no ${settings.carrierName} webhooks (no webhookSecret set)`, {
      code: 'NO_SECRET', hint: 'set webhookSecret to the signing secret of the carrier\'s webhook endpoint, or leave the webhook off: parcels are followed by polling',
    });
  }
  const header = request.headers[SIGNATURE_HEADER]?.trim();
  if (!header) {
    throw new UnauthorizedError('missing ParcelCo-Signature header', {
      code: 'MISSING_SIGNATURE', hint: 'only the carrier\'s signed tracking webhooks are taken here: point the carrier\'s webhook at this URL with its signing secret',
    });
  }
  const parsed = parseSignature(header);
  if (!parsed || !parsed.signatures.some((given) => verifyHmacSha256(settings.webhookSecret!, signedBytes(parsed.timestamp, request.body), given, 'hex'))) {
    throw new UnauthorizedError('ParcelCo-Signature does not match the body', {
      code: 'BAD_SIGNATURE', hint: 'check that webhookSecret is the signing secret the carrier shows for this webhook endpoint (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">)',
    });
  }
  const skewSeconds = Math.abs(now - Number(parsed.timestamp) * 1000) / 1000;
  if (skewSeconds > settings.toleranceSeconds) {
    throw new UnauthorizedError(`ParcelCo-Signature timestamp is ${Math.round(skewSeconds)} s away from now (tolerance ${settings.toleranceSeconds} s)`, {
      code: 'STALE_TIMESTAMP', hint: 'a replayed or long-delayed webhook: check the hub\'s clock; the carrier signs each retry afresh',
    });
  }
}

/** `t=…,v1=…[,v1=…]` → the timestamp as sent and every v1; undefined when there is no t or no v1. */
export function parseSignature(header: string): { timestamp: string; signatures: string[] } | undefined {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = value;
    if (key === 'v1' && value !== '') signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/** The bytes the carrier signs: the timestamp as sent, a dot, the body. */
export function signedBytes(timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
}
