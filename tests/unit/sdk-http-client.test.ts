/**
 * Outbound HTTP for connectors: typed errors from status codes (with Retry-After),
 * httpRequest against a real loopback server (including a timeout), and the retry
 * delays the pipeline computes from them.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RetryPolicy } from '../../src/config/hub-config.js';
import { retryDelayMs } from '../../src/pipeline/backoff.js';
import { PermanentError, TransientError } from '../../src/sdk/errors/index.js';
import { httpRequest, raiseForStatus, safeUrl, type HttpResponse } from '../../src/sdk/http-client.js';

function response(status: number, headers: Record<string, string> = {}, body = ''): HttpResponse {
  return { status, headers: new Headers(headers), body };
}

/** The error raiseForStatus throws (fails the test when it does not). */
function raised(res: HttpResponse, what = 'POST /orders', detail?: string): Error {
  try {
    raiseForStatus(res, what, detail);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected HTTP ${res.status} to throw`);
}

describe('raiseForStatus', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([200, 201, 202, 204, 299])('lets %i through', (status) => {
    expect(() => raiseForStatus(response(status), 'x')).not.toThrow();
  });

  it.each([429, 408, 500, 502, 503, 504, 599])('makes %i a TransientError', (status) => {
    const error = raised(response(status, {}, 'busy'));
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ kind: 'transient', code: `HTTP_${status}`, message: `POST /orders: HTTP ${status} busy`, retryAfterMs: undefined });
  });

  it.each([400, 401, 403, 404, 409, 422, 304, 199])('makes %i a PermanentError with a hint', (status) => {
    const error = raised(response(status, {}, '<Error>bad SKU</Error>'));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ kind: 'permanent', code: `HTTP_${status}`, message: `POST /orders: HTTP ${status} <Error>bad SKU</Error>` });
    expect((error as PermanentError).hint).toMatch(/replay/);
  });

  it('quotes at most 300 characters of the body, or the detail given instead', () => {
    const long = raised(response(400, {}, 'x'.repeat(1000)));
    expect(long.message).toBe(`POST /orders: HTTP 400 ${'x'.repeat(300)}`);
    expect(raised(response(422, {}, 'ignored'), 'POST /orders', 'SKU A-1 unknown').message).toBe('POST /orders: HTTP 422 SKU A-1 unknown');
  });

  it('reads Retry-After in seconds', () => {
    expect(raised(response(429, { 'retry-after': '120' }))).toMatchObject({ retryAfterMs: 120_000 });
    expect(raised(response(503, { 'Retry-After': '0' }))).toMatchObject({ retryAfterMs: 0 });
    expect(raised(response(503, { 'retry-after': '1.5' }))).toMatchObject({ retryAfterMs: 1500 });
    expect(raised(response(503, { 'retry-after': '-5' }))).toMatchObject({ retryAfterMs: 0 });
  });

  it('reads Retry-After as an HTTP date', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-01T10:00:00.000Z'));
    expect(raised(response(503, { 'retry-after': 'Wed, 01 May 2024 10:00:30 GMT' }))).toMatchObject({ retryAfterMs: 30_000 });
    expect(raised(response(429, { 'retry-after': new Date('2024-05-01T10:05:00Z').toUTCString() }))).toMatchObject({ retryAfterMs: 300_000 });
    expect(raised(response(429, { 'retry-after': 'Wed, 01 May 2024 09:00:00 GMT' }))).toMatchObject({ retryAfterMs: 0 });
  });

  it('ignores a Retry-After it cannot read', () => {
    expect(raised(response(503, { 'retry-after': 'soon' }))).toMatchObject({ retryAfterMs: undefined });
  });
});

describe('safeUrl', () => {
  it('drops credentials, query and fragment', () => {
    expect(safeUrl('https://user:pa55@oms.example.com:8443/api/orders?token=abc#x')).toBe('https://oms.example.com:8443/api/orders');
    expect(safeUrl('not a url')).toBe('(invalid url)');
  });
});

describe('httpRequest against a loopback server', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const path = new URL(req.url!, 'http://localhost').pathname;
        if (path === '/hang') return; // never answers
        if (path === '/slow-body') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('partial');
          return; // headers sent, body never finished
        }
        if (path === '/busy') {
          res.writeHead(503, { 'retry-after': '7' });
          res.end('try later');
          return;
        }
        if (path === '/missing') {
          res.writeHead(404);
          res.end('no such order');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'x-oms-ref': 'OMS-42' });
        res.end(JSON.stringify({ method: req.method, body }));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('GETs by default and answers with status, headers and body', async () => {
    const res = await httpRequest(`${base}/orders/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-oms-ref')).toBe('OMS-42');
    expect(JSON.parse(res.body)).toEqual({ method: 'GET', body: '' });
  });

  it('sends method, headers and a string or Buffer body', async () => {
    const xml = '<Order><Sku>A-1</Sku><Name>Zoë</Name></Order>';
    for (const body of [xml, Buffer.from(xml)]) {
      const res = await httpRequest(`${base}/orders`, { method: 'POST', headers: { 'content-type': 'application/xml', 'idempotency-key': 'k-1' }, body });
      expect(JSON.parse(res.body)).toEqual({ method: 'POST', body: xml });
      const request = seen.at(-1)!;
      expect(request.headers['content-type']).toBe('application/xml');
      expect(request.headers['idempotency-key']).toBe('k-1');
    }
  });

  it('answers with error statuses instead of throwing; raiseForStatus types them', async () => {
    const busy = await httpRequest(`${base}/busy`);
    expect(busy.status).toBe(503);
    expect(raised(busy, 'GET /busy')).toMatchObject({ kind: 'transient', retryAfterMs: 7000, message: 'GET /busy: HTTP 503 try later' });
    const missing = await httpRequest(`${base}/missing`);
    expect(raised(missing, 'GET /missing')).toBeInstanceOf(PermanentError);
  });

  it('turns a server that never answers into a TransientError after the timeout', async () => {
    const started = Date.now();
    const error = await httpRequest(`${base}/hang?secret=abc`, { method: 'POST', body: 'x', timeoutMs: 200 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code: 'NETWORK', message: `POST ${base}/hang failed: no answer within 200 ms` });
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(5000);
  });

  it('also times out a body that never finishes', async () => {
    const error = await httpRequest(`${base}/slow-body`, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).message).toContain('no answer within 200 ms');
  });

  it('turns a refused connection into a TransientError without leaking the query', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    const error = await httpRequest(`http://127.0.0.1:${port}/orders?token=t0k`, { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code: 'NETWORK' });
    const message = (error as Error).message;
    expect(message.startsWith(`GET http://127.0.0.1:${port}/orders failed:`)).toBe(true);
    expect(message).not.toContain('t0k');
  });

  it('keeps credentials and query out of the message when the URL cannot be used at all', async () => {
    const error = await httpRequest('http://user:pa55@127.0.0.1:9/orders?token=t0k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toContain('http://127.0.0.1:9/orders');
    expect((error as Error).message).not.toMatch(/pa55|t0k/);
    const invalid = await httpRequest('not a url?token=t0k').catch((e: unknown) => e);
    expect((invalid as Error).message).not.toContain('t0k');
  });
});

describe('retryDelayMs', () => {
  const policy: RetryPolicy = { attempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 };
  const fixed = (value: number) => () => value;

  it('waits between half and all of an exponentially growing ceiling', () => {
    expect(retryDelayMs(1, policy, undefined, fixed(0))).toBe(500);
    expect(retryDelayMs(1, policy, undefined, fixed(0.5))).toBe(750);
    expect(retryDelayMs(1, policy, undefined, fixed(0.999999))).toBe(1000);
    expect(retryDelayMs(2, policy, undefined, fixed(0))).toBe(1000);
    expect(retryDelayMs(3, policy, undefined, fixed(0))).toBe(2000);
    expect(retryDelayMs(4, policy, undefined, fixed(0.999999))).toBe(8000);
  });

  it('treats attempt 0 like the first', () => {
    expect(retryDelayMs(0, policy, undefined, fixed(0))).toBe(500);
  });

  it('never exceeds the cap, even after very many attempts', () => {
    expect(retryDelayMs(7, policy, undefined, fixed(0.999999))).toBe(60_000);
    expect(retryDelayMs(8, policy, undefined, fixed(0))).toBe(30_000);
    for (const attempts of [20, 100, 1100, 5000]) {
      const delay = retryDelayMs(attempts, policy, undefined, fixed(0.999999));
      expect(delay).toBe(60_000);
    }
  });

  it('never goes below Retry-After, even above the cap', () => {
    expect(retryDelayMs(1, policy, 5000, fixed(0))).toBe(5000);
    expect(retryDelayMs(1, policy, 100, fixed(0))).toBe(500);
    expect(retryDelayMs(1, policy, 0, fixed(0.5))).toBe(750);
    expect(retryDelayMs(10, policy, 120_000, fixed(0.999999))).toBe(120_000);
  });

  it('grows with the attempts for the same luck, and stays in bounds with real randomness', () => {
    const delays = Array.from({ length: 12 }, (_, i) => retryDelayMs(i + 1, policy, undefined, fixed(0.3)));
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    for (let i = 0; i < 500; i++) {
      const attempt = 1 + (i % 10);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = retryDelayMs(attempt, policy);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
