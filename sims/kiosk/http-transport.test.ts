/** The HTTP transport with a stand-in fetch: the signed request it makes, and how it reads each kind of answer. */
import { describe, expect, it } from 'vitest';
import { HttpKioskTransport } from './http-transport.js';
import { lookupOrder } from './lookup.js';
import { canonicalString, signCanonical } from './signing.js';
import type { KioskIdentity } from './types.js';

const identity: KioskIdentity = { deviceId: 'kiosk-1', store: 'store-1', key: { keyId: 'kiosk-1.k1', secret: 's3cret' } };
const BODY = '{"orders":[{"seq":1}]}';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

function fetchAnswering(status: number, body: string, headers: Record<string, string> = {}): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const stand: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), method: init?.method ?? 'GET', headers: { ...(init?.headers as Record<string, string>) }, body: String(init?.body ?? '') });
    return new Response(body, { status, headers });
  };
  return { fetch: stand, seen };
}

const transport = (fetcher: typeof fetch, hubUrl = 'http://127.0.0.1:3000'): HttpKioskTransport =>
  new HttpKioskTransport({ hubUrl, instance: 'kiosks', identity, fetch: fetcher, clock: () => new Date(1_796_515_200_000) });

describe('HTTP kiosk transport', () => {
  it('POSTs the exact body to /in/<instance>/orders, signed over the path as sent', async () => {
    const { fetch, seen } = fetchAnswering(200, JSON.stringify({ device: 'kiosk-1', store: 'store-1', results: [{ seq: 1, outcome: 'captured', confirmation: 'KC-1' }], highestContiguous: 1 }));
    const outcome = await transport(fetch, 'http://127.0.0.1:3000/hub/').upload(BODY);
    expect(outcome).toMatchObject({ kind: 'reply', reply: { device: 'kiosk-1', results: [{ seq: 1, outcome: 'captured', confirmation: 'KC-1' }], highestContiguous: 1 } });
    const [request] = seen;
    expect(request?.url).toBe('http://127.0.0.1:3000/hub/in/kiosks/orders');
    expect(request?.method).toBe('POST');
    expect(request?.body).toBe(BODY);
    const headers = request?.headers ?? {};
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-device-key']).toBe('kiosk-1.k1');
    expect(headers['x-device-timestamp']).toBe('1796515200');
    expect(outcome.nonce).toBe(headers['x-device-nonce']);
    const canonical = canonicalString('POST', '/hub/in/kiosks/orders', '1796515200', headers['x-device-nonce'] ?? '', BODY);
    expect(headers['x-device-signature']).toBe(signCanonical('s3cret', canonical));
  });

  it('signs each call with a new nonce', async () => {
    const { fetch, seen } = fetchAnswering(503, '');
    const http = transport(fetch);
    await http.upload(BODY);
    await http.upload(BODY);
    expect(seen[0]?.headers['x-device-nonce']).not.toBe(seen[1]?.headers['x-device-nonce']);
  });

  it('reads 401 as refused, 413 as too large, 5xx and 429 as retry, other 4xx as refused', async () => {
    const problem = (code: string) => JSON.stringify({ type: 'about:blank', title: 'x', status: 0, code, detail: `detail of ${code}` });
    expect(await transport(fetchAnswering(401, problem('KEY_REVOKED'), { 'content-type': 'application/problem+json' }).fetch).upload(BODY))
      .toMatchObject({ kind: 'refused', status: 401, code: 'KEY_REVOKED', detail: 'detail of KEY_REVOKED' });
    expect(await transport(fetchAnswering(413, problem('TOO_LARGE')).fetch).upload(BODY)).toMatchObject({ kind: 'too-large', status: 413 });
    expect(await transport(fetchAnswering(503, problem('UNAVAILABLE'), { 'retry-after': '2' }).fetch).upload(BODY))
      .toMatchObject({ kind: 'retry', status: 503, retryAfterMs: 2000 });
    expect(await transport(fetchAnswering(429, '').fetch).upload(BODY)).toMatchObject({ kind: 'retry', status: 429 });
    expect(await transport(fetchAnswering(400, problem('BAD_BODY')).fetch).upload(BODY)).toMatchObject({ kind: 'refused', status: 400, code: 'BAD_BODY' });
    expect(await transport(fetchAnswering(200, '{"results":"nope"}').fetch).upload(BODY)).toMatchObject({ kind: 'retry', status: 200 });
  });

  it('reads a network error as retry', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await transport(failing).upload(BODY)).toMatchObject({ kind: 'retry', reason: 'network: fetch failed' });
  });

  it('looks an order up with a signed GET over the empty body', async () => {
    const { fetch, seen } = fetchAnswering(200, JSON.stringify({ confirmation: 'KC 1/2', state: 'shipped' }));
    const answer = await lookupOrder({ hubUrl: 'http://127.0.0.1:3000', identity, confirmation: 'KC 1/2', fetch, clock: () => new Date(1_796_515_200_000) });
    expect(answer).toEqual({ status: 200, body: { confirmation: 'KC 1/2', state: 'shipped' } });
    const headers = seen[0]?.headers ?? {};
    expect(seen[0]?.url).toBe('http://127.0.0.1:3000/api/orders/lookup/KC%201%2F2');
    const canonical = canonicalString('GET', '/api/orders/lookup/KC%201%2F2', '1796515200', headers['x-device-nonce'] ?? '', '');
    expect(headers['x-device-signature']).toBe(signCanonical('s3cret', canonical));
  });
});
