/** Webhook signatures: the published scheme, the exact body, the timestamp tolerance. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'whsec_test_secret';
const BODY = '{"id":"evt_1","type":"tracking.updated"}';
const AT = new Date('2025-01-08T12:00:00.750Z');

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in hex, t in unix seconds', () => {
    const expected = createHmac('sha256', SECRET).update(`1736337600.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, BODY, AT)).toBe(`t=1736337600,v1=${expected}`);
  });

  it('verifies its own signature and refuses another secret, another body or a changed digest', () => {
    const header = signWebhook(SECRET, BODY, AT);
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: AT })).toBe(true);
    expect(verifyWebhookSignature('another', BODY, header, { now: AT })).toBe(false);
    expect(verifyWebhookSignature(SECRET, `${BODY} `, header, { now: AT })).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, header.replace(/.$/, (c) => (c === '0' ? '1' : '0')), { now: AT })).toBe(false);
  });

  it('refuses a timestamp outside the tolerance (a replay)', () => {
    const header = signWebhook(SECRET, BODY, AT);
    const later = new Date(AT.getTime() + 301_000);
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: later })).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: later, toleranceSeconds: 600 })).toBe(true);
  });

  it('refuses missing and malformed headers, and accepts any of several v1 (secret rotation)', () => {
    expect(verifyWebhookSignature(SECRET, BODY, undefined)).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, 'v1=abc')).toBe(false);
    expect(parseSignatureHeader('t=12,v1=zz')).toBeUndefined();
    const good = signWebhook(SECRET, BODY, AT);
    const old = signWebhook('old-secret', BODY, AT).split(',')[1];
    expect(verifyWebhookSignature(SECRET, BODY, `${good.split(',')[0]},${old},${good.split(',')[1]}`, { now: AT })).toBe(true);
  });
});
