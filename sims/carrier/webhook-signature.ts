/**
 * Webhook signatures: `ParcelCo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `"<t>.<raw body>"` with the webhook secret. A receiver checks the HMAC over the exact
 * bytes it got and refuses a timestamp too far from its clock (replays).
 */
import { hmacHex, safeEqual } from '../shared/hmac.js';

export const SIGNATURE_HEADER = 'ParcelCo-Signature';
/** Default for how far a signature's timestamp may be from the receiver's clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The header value for `body` signed at `now`. */
export function signWebhook(secret: string, body: string, now: Date = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, `${timestamp}.${body}`)}`;
}

export interface VerifyOptions {
  /** The receiver's clock; default now. */
  now?: Date;
  toleranceSeconds?: number;
}

/** True when one `v1` of the header is the HMAC of `body` at its `t`, and `t` is within the tolerance. */
export function verifyWebhookSignature(secret: string, body: string, header: string | null | undefined, options: VerifyOptions = {}): boolean {
  const parsed = parseSignatureHeader(header ?? '');
  if (!parsed) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = hmacHex(secret, `${parsed.timestamp}.${body}`);
  return parsed.signatures.some((signature) => safeEqual(signature, expected));
}

/** `t=…,v1=…[,v1=…]` → the timestamp and every v1 signature; undefined when malformed. */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}
