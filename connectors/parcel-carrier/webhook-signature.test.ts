/** Who may post a tracking webhook: the signature over "<t>.<exact body>", and t near now. */
import { describe, expect, it } from 'vitest';
import { UnauthorizedError, hmacSha256 } from '../../src/sdk/index.js';
import { signWebhook } from '../../sims/carrier/index.js';
import { parseSignature, verifyWebhook } from './webhook-signature.js';

const SECRET = 'whsec_parcelco_test_0123456789';
const settings = { webhookSecret: SECRET, toleranceSeconds: 300, carrierName: 'ParcelCo' };
const NOW = Date.parse('2026-11-24T10:00:00Z');
const BODY = '{"id":"evt_1","type":"tracking.updated","data":{"trackingNumber":"1Z"}}';

function request(signature: string | undefined, body = BODY): { headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = signature === undefined ? {} : { 'parcelco-signature': signature };
  return { headers, body: Buffer.from(body) };
}

function refusal(run: () => void): UnauthorizedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthorizedError);
    return error as UnauthorizedError;
  }
  throw new Error('expected a refusal');
}

describe('webhook signatures', () => {
  it('accepts the carrier\'s own signature (the simulator signs it) over the exact bytes', () => {
    expect(() => verifyWebhook(settings, request(signWebhook(SECRET, BODY, new Date(NOW))), NOW)).not.toThrow();
    expect(() => verifyWebhook(settings, request(signWebhook(SECRET, BODY, new Date(NOW - 299_000))), NOW)).not.toThrow();
  });

  it('accepts any of several v1 during a secret rotation, and hex in capitals', () => {
    const t = Math.floor(NOW / 1000);
    const good = hmacSha256(SECRET, `${t}.${BODY}`, 'hex');
    expect(() => verifyWebhook(settings, request(`t=${t},v1=${'0'.repeat(64)},v1=${good}`), NOW)).not.toThrow();
    expect(() => verifyWebhook(settings, request(`t=${t}, v1=${good.toUpperCase()}`), NOW)).not.toThrow();
  });

  it('refuses a missing header', () => {
    const error = refusal(() => verifyWebhook(settings, request(undefined), NOW));
    expect(error.code).toBe('MISSING_SIGNATURE');
    expect(error.hint).toMatch(/signing secret/);
  });

  it('refuses a signature made with another secret, over other bytes, or unreadable', () => {
    const signed = signWebhook(SECRET, BODY, new Date(NOW));
    expect(refusal(() => verifyWebhook(settings, request(signWebhook('another-secret-0123456789', BODY, new Date(NOW))), NOW)).code).toBe('BAD_SIGNATURE');
    expect(refusal(() => verifyWebhook(settings, request(signed, `${BODY} `), NOW)).code).toBe('BAD_SIGNATURE');
    expect(refusal(() => verifyWebhook(settings, request('sha256=abc'), NOW)).code).toBe('BAD_SIGNATURE');
    const badOne = refusal(() => verifyWebhook(settings, request(signed.replace(/t=\d+/, `t=${Math.floor(NOW / 1000) + 1}`)), NOW));
    expect(badOne.code).toBe('BAD_SIGNATURE');
    expect(badOne.hint).toMatch(/webhookSecret/);
  });

  it('refuses a well-signed webhook whose time is beyond the tolerance (a replay)', () => {
    const error = refusal(() => verifyWebhook(settings, request(signWebhook(SECRET, BODY, new Date(NOW - 301_000))), NOW));
    expect(error.code).toBe('STALE_TIMESTAMP');
    expect(error.message).toMatch(/301 s away from now \(tolerance 300 s\)/);
    expect(refusal(() => verifyWebhook(settings, request(signWebhook(SECRET, BODY, new Date(NOW + 600_000))), NOW)).code).toBe('STALE_TIMESTAMP');
  });

  it('refuses every webhook when the instance has no webhook secret', () => {
    const error = refusal(() => verifyWebhook({ ...settings, webhookSecret: undefined }, request(signWebhook(SECRET, BODY, new Date(NOW))), NOW));
    expect(error.code).toBe('NO_SECRET');
  });

  it('reads the header parts, ignoring others', () => {
    expect(parseSignature('t=1795444200,v1=ab,v0=cd')).toEqual({ timestamp: '1795444200', signatures: ['ab'] });
    expect(parseSignature('v1=ab')).toBeUndefined();
    expect(parseSignature('t=soon,v1=ab')).toBeUndefined();
  });
});
