/**
 * The legacy OMS simulator through real HTTP on loopback: idempotent order
 * placement, injected failures, rejections, hanging answers, safe XML parsing,
 * Basic auth, the status feed and signed (and duplicated) callbacks.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attrOf, basicAuthHeader, childOf, listOf, parseXml, startOmsSim, textOf, upsCheckDigit,
  type OmsSim, type OmsSimOptions,
} from '../../sims/oms-xml/index.js';
import { omsOrderXml } from '../support/oms-order-xml.js';

const SECRET = 'test-oms-secret';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startSim(options: OmsSimOptions = {}): Promise<OmsSim> {
  const sim = await startOmsSim({ port: 0, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

interface PostOptions {
  key?: string;
  auth?: string;
  signal?: AbortSignal;
}

async function postOrder(sim: OmsSim, body: string, options: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/xml; charset=utf-8' };
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  if (options.auth !== undefined) headers['authorization'] = options.auth;
  const init: RequestInit = { method: 'POST', headers, body, signal: options.signal ?? AbortSignal.timeout(5000) };
  return fetch(`${sim.url}/orders`, init);
}

async function errorOf(response: Response): Promise<{ code?: string; message?: string }> {
  const doc = parseXml(await response.text());
  const error = childOf(doc, 'Error');
  return { code: textOf(childOf(error, 'Code')), message: textOf(childOf(error, 'Message')) };
}

describe('OMS simulator: placing orders', () => {
  it('accepts a valid order with 201 and records it', async () => {
    const sim = await startSim();
    const body = omsOrderXml('01HUB0001', [{ item: 'SKU-0001', qty: '2' }, { item: 'SKU-0002', qty: '1' }]);
    const response = await postOrder(sim, body, { key: 'k-1' });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const answer = childOf(parseXml(await response.text()), 'OrderResponse');
    expect(textOf(childOf(answer, 'Status'))).toBe('ACCEPTED');
    expect(textOf(childOf(answer, 'OmsOrderNumber'))).toBe('OMS-000001');
    expect(textOf(childOf(answer, 'HubOrderId'))).toBe('01HUB0001');
    const [order] = sim.orders();
    expect(sim.orders()).toHaveLength(1);
    expect(order).toMatchObject({ omsOrderNumber: 'OMS-000001', hubOrderId: '01HUB0001', idempotencyKey: 'k-1', posts: 1, xml: body });
    expect(order?.lines).toEqual([{ number: 1, item: 'SKU-0001', qty: 2 }, { number: 2, item: 'SKU-0002', qty: 1 }]);
    expect(sim.requests()).toEqual([expect.objectContaining({ method: 'POST', path: '/orders', status: 201, idempotencyKey: 'k-1' })]);
  });

  it('numbers orders OMS-000001, OMS-000002, …', async () => {
    const sim = await startSim();
    await postOrder(sim, omsOrderXml('A'), { key: 'k-a' });
    await postOrder(sim, omsOrderXml('B'), { key: 'k-b' });
    expect(sim.orders().map((order) => order.omsOrderNumber)).toEqual(['OMS-000001', 'OMS-000002']);
  });

  it('replays the first answer for a repeated key and creates nothing', async () => {
    const sim = await startSim();
    const first = await postOrder(sim, omsOrderXml('01HUB0002'), { key: 'same' });
    const firstBody = await first.text();
    const second = await postOrder(sim, omsOrderXml('01HUB0002'), { key: 'same' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replay')).toBe('true');
    expect(await second.text()).toBe(firstBody);
    expect(sim.orders()).toHaveLength(1);
    expect(sim.orders()[0]?.posts).toBe(2);
  });

  it('answers 409 DUPLICATE for a known HubOrderId under a new key (by default)', async () => {
    const sim = await startSim();
    await postOrder(sim, omsOrderXml('01HUB-DUP'), { key: 'k-1' });
    const response = await postOrder(sim, omsOrderXml('01HUB-DUP'), { key: 'k-2' });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('DUPLICATE');
    expect(sim.orders()).toHaveLength(1);
  });

  it('creates a second order for the same HubOrderId when told to accept duplicates', async () => {
    const sim = await startSim({ duplicateHubOrderId: 'accept' });
    await postOrder(sim, omsOrderXml('01HUB-DUP'), { key: 'k-1' });
    const response = await postOrder(sim, omsOrderXml('01HUB-DUP'), { key: 'k-2' });
    expect(response.status).toBe(201);
    expect(sim.orders()).toHaveLength(2);
  });

  it('calls onOrder listeners and waitForOrders resolves', async () => {
    const sim = await startSim();
    const seen: string[] = [];
    sim.onOrder((order) => seen.push(order.hubOrderId));
    const waiting = sim.waitForOrders(2, 2000);
    await postOrder(sim, omsOrderXml('X1'), { key: 'x1' });
    await postOrder(sim, omsOrderXml('X2'), { key: 'x2' });
    expect((await waiting).map((order) => order.hubOrderId)).toEqual(['X1', 'X2']);
    expect(seen).toEqual(['X1', 'X2']);
  });

  it('waitForOrders rejects after its timeout', async () => {
    const sim = await startSim();
    await expect(sim.waitForOrders(1, 50)).rejects.toThrow(/timed out/);
  });
});

describe('OMS simulator: injected failures', () => {
  it('failNext(3) answers 500 three times without recording, then accepts', async () => {
    const sim = await startSim();
    sim.failNext(3);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await postOrder(sim, omsOrderXml('01HUB-F'), { key: 'k-f' })).status);
    expect(statuses).toEqual([500, 500, 500, 201]);
    expect(sim.orders()).toHaveLength(1);
    expect(sim.orders()[0]?.posts).toBe(1);
    expect(sim.requests().map((entry) => entry.status)).toEqual([500, 500, 500, 201]);
  });

  it('failNext with 429 sends Retry-After: 1 and a custom body', async () => {
    const sim = await startSim();
    sim.failNext(1, 429, '<Error><Code>SLOW_DOWN</Code><Message>too many</Message></Error>');
    const response = await postOrder(sim, omsOrderXml('01HUB-R'), { key: 'k-r' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await errorOf(response)).toEqual({ code: 'SLOW_DOWN', message: 'too many' });
    expect(sim.orders()).toHaveLength(0);
  });

  it('rejectAll answers 400 with the code and message until acceptAll', async () => {
    const sim = await startSim();
    sim.rejectAll('INVALID_ITEM', 'Item SKU-0001 is unknown');
    const rejected = await postOrder(sim, omsOrderXml('01HUB-X'), { key: 'k-x' });
    expect(rejected.status).toBe(400);
    expect(await errorOf(rejected)).toEqual({ code: 'INVALID_ITEM', message: 'Item SKU-0001 is unknown' });
    expect((await postOrder(sim, omsOrderXml('01HUB-Y'), { key: 'k-y' })).status).toBe(400);
    expect(sim.orders()).toHaveLength(0);
    sim.acceptAll();
    const replayed = await postOrder(sim, omsOrderXml('01HUB-X'), { key: 'k-x' });
    expect(replayed.status).toBe(201);
    expect(sim.orders().map((order) => order.hubOrderId)).toEqual(['01HUB-X']);
  });

  it('hangNext records the order but never answers; the retry gets the stored answer', async () => {
    const sim = await startSim();
    sim.hangNext();
    const hung = postOrder(sim, omsOrderXml('01HUB-H'), { key: 'k-h', signal: AbortSignal.timeout(300) });
    await expect(hung).rejects.toThrow();
    expect(sim.orders()).toHaveLength(1);
    const retry = await postOrder(sim, omsOrderXml('01HUB-H'), { key: 'k-h' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect(textOf(childOf(childOf(parseXml(await retry.text()), 'OrderResponse'), 'OmsOrderNumber'))).toBe('OMS-000001');
    expect(sim.orders()).toHaveLength(1);
    expect(sim.orders()[0]?.posts).toBe(2);
  });

  it('delayNext records at once and answers after the delay', async () => {
    const sim = await startSim();
    sim.delayNext(300);
    const started = Date.now();
    let answered = false;
    const pending = postOrder(sim, omsOrderXml('01HUB-D'), { key: 'k-d' }).finally(() => {
      answered = true;
    });
    await sim.waitForOrders(1, 1000);
    expect(answered).toBe(false);
    const response = await pending;
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('OMS simulator: input validation and auth', () => {
  it('refuses a DOCTYPE with entity declarations (billion laughs) without parsing it', async () => {
    const sim = await startSim();
    const evil = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<OrderRequest><Header><HubOrderId>&lol2;</HubOrderId></Header><Lines><Line><Item>A</Item><Qty>1</Qty></Line></Lines></OrderRequest>`;
    const response = await postOrder(sim, evil, { key: 'k-evil' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INSECURE_XML');
    expect(sim.orders()).toHaveLength(0);
  });

  it('refuses an external entity (XXE) declaration', async () => {
    const sim = await startSim();
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><OrderRequest/>`;
    const response = await postOrder(sim, xxe, { key: 'k-xxe' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('INSECURE_XML');
  });

  it('decodes the predefined XML entities in values', async () => {
    const sim = await startSim();
    const response = await postOrder(sim, omsOrderXml('01HUB-E', [{ item: 'A&amp;B&#45;1', qty: '3' }]), { key: 'k-e' });
    expect(response.status).toBe(201);
    expect(sim.orders()[0]?.lines).toEqual([{ number: 1, item: 'A&B-1', qty: 3 }]);
  });

  it.each([
    ['wrong root', '<Order><Header><HubOrderId>1</HubOrderId></Header></Order>', 'INVALID_ROOT'],
    ['missing HubOrderId', '<OrderRequest><Header/><Lines><Line><Item>A</Item><Qty>1</Qty></Line></Lines></OrderRequest>', 'MISSING_FIELD'],
    ['no lines', '<OrderRequest><Header><HubOrderId>1</HubOrderId></Header><Lines/></OrderRequest>', 'NO_LINES'],
    ['missing item', '<OrderRequest><Header><HubOrderId>1</HubOrderId></Header><Lines><Line><Qty>1</Qty></Line></Lines></OrderRequest>', 'INVALID_ITEM'],
    ['zero qty', '<OrderRequest><Header><HubOrderId>1</HubOrderId></Header><Lines><Line><Item>A</Item><Qty>0</Qty></Line></Lines></OrderRequest>', 'INVALID_QTY'],
    ['fractional qty', '<OrderRequest><Header><HubOrderId>1</HubOrderId></Header><Lines><Line><Item>A</Item><Qty>1.5</Qty></Line></Lines></OrderRequest>', 'INVALID_QTY'],
    ['malformed XML', '<OrderRequest><Header>', 'MALFORMED_XML'],
  ])('answers 400 for %s', async (_name, body, code) => {
    const sim = await startSim();
    const response = await postOrder(sim, body, { key: 'k' });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.message).toBeTruthy();
    expect(sim.orders()).toHaveLength(0);
  });

  it('answers 400 without an Idempotency-Key', async () => {
    const sim = await startSim();
    const response = await postOrder(sim, omsOrderXml('01HUB-K'));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('MISSING_IDEMPOTENCY_KEY');
    expect(sim.orders()).toHaveLength(0);
  });

  it('requires the configured Basic credentials', async () => {
    const sim = await startSim({ basicAuth: { user: 'hub', password: 's3cret' } });
    const none = await postOrder(sim, omsOrderXml('01HUB-A'), { key: 'k-a' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await postOrder(sim, omsOrderXml('01HUB-A'), { key: 'k-a', auth: basicAuthHeader('hub', 'nope') });
    expect(wrong.status).toBe(401);
    const feed = await fetch(`${sim.url}/status-feed`, { signal: AbortSignal.timeout(5000) });
    expect(feed.status).toBe(401);
    const right = await postOrder(sim, omsOrderXml('01HUB-A'), { key: 'k-a', auth: basicAuthHeader('hub', 's3cret') });
    expect(right.status).toBe(201);
    expect(sim.orders()).toHaveLength(1);
    const health = await fetch(`${sim.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
  });
});

describe('OMS simulator: status feed', () => {
  it('pages by sequence with after and limit, oldest first', async () => {
    const sim = await startSim();
    await postOrder(sim, omsOrderXml('01HUB-S'), { key: 'k-s' });
    const statuses = ['ACKNOWLEDGED', 'ALLOCATED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
    for (const status of statuses) sim.emitStatus('01HUB-S', status);
    const page = async (after: number, limit: number): Promise<Array<{ seq?: string; status?: string; id?: string }>> => {
      const response = await fetch(`${sim.url}/status-feed?after=${after}&limit=${limit}`, { signal: AbortSignal.timeout(5000) });
      expect(response.status).toBe(200);
      const updates = listOf(childOf(childOf(parseXml(await response.text()), 'StatusFeed'), 'StatusUpdate'));
      return updates.map((u) => ({ seq: textOf(childOf(u, 'Sequence')), status: textOf(childOf(u, 'Status')), id: textOf(childOf(u, 'EventId')) }));
    };
    expect(await page(0, 2)).toEqual([
      { seq: '1', status: 'ACKNOWLEDGED', id: 'ev-000001' },
      { seq: '2', status: 'ALLOCATED', id: 'ev-000002' },
    ]);
    expect((await page(2, 2)).map((u) => u.seq)).toEqual(['3', '4']);
    expect((await page(4, 10)).map((u) => u.status)).toEqual(['CANCELLED']);
    expect(await page(5, 10)).toEqual([]);
    const bad = await fetch(`${sim.url}/status-feed?after=x`, { signal: AbortSignal.timeout(5000) });
    expect(bad.status).toBe(400);
  });

  it('renders SHIPPED with a default UPS shipment, lines, dates and reasons', async () => {
    const sim = await startSim();
    await postOrder(sim, omsOrderXml('01HUB-T'), { key: 'k-t' });
    const shipped = sim.emitStatus('OMS-000001', 'SHIPPED', { lines: [{ number: 1, qty: 2 }] });
    expect(shipped.shipment?.carrier).toBe('UPS');
    const tracking = shipped.shipment?.trackingNumber ?? '';
    expect(tracking).toMatch(/^1Z[0-9A-Z]{16}$/);
    expect(Number(tracking.slice(-1))).toBe(upsCheckDigit(tracking.slice(2, -1)));
    expect(shipped.shipment?.trackingUrl).toContain(tracking);
    const back = sim.emitStatus('01HUB-T', 'BACKORDERED', { expectedDate: '2026-12-01', reason: 'no stock' });
    const doc = parseXml(back.xml);
    expect(textOf(childOf(childOf(doc, 'StatusUpdate'), 'ExpectedDate'))).toBe('2026-12-01');
    expect(textOf(childOf(childOf(doc, 'StatusUpdate'), 'Reason'))).toBe('no stock');
    const line = listOf(childOf(childOf(childOf(parseXml(shipped.xml), 'StatusUpdate'), 'Lines'), 'Line'))[0];
    expect([attrOf(line, 'number'), attrOf(line, 'qty')]).toEqual(['1', '2']);
    expect(() => sim.emitStatus('nope', 'SHIPPED')).toThrow(/no order/);
  });
});

interface Received {
  body: string;
  signature: string | undefined;
}

/** A tiny callback receiver that answers with the queued statuses, then 200. */
async function startReceiver(answers: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const signature = req.headers['x-oms-signature'];
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: typeof signature === 'string' ? signature : undefined });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`, received };
}

function expectedSignature(body: string): string {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
}

describe('OMS simulator: status callbacks', () => {
  it('POSTs each update signed with X-OMS-Signature over the raw body', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({ callbackUrl: receiver.url, callbackSecret: SECRET });
    await postOrder(sim, omsOrderXml('01HUB-C'), { key: 'k-c' });
    sim.emitStatus('01HUB-C', 'ACKNOWLEDGED');
    sim.emitStatus('01HUB-C', 'SHIPPED');
    await sim.callbacksSettled(3000);
    expect(receiver.received).toHaveLength(2);
    for (const delivery of receiver.received) expect(delivery.signature).toBe(expectedSignature(delivery.body));
    const second = childOf(parseXml(receiver.received[1]?.body ?? ''), 'StatusUpdate');
    expect(textOf(childOf(second, 'Status'))).toBe('SHIPPED');
    expect(textOf(childOf(second, 'Sequence'))).toBe('2');
    expect(textOf(childOf(second, 'OmsOrderNumber'))).toBe('OMS-000001');
    expect(textOf(childOf(childOf(second, 'Shipment'), 'Carrier'))).toBe('UPS');
    expect(sim.callbacks().map((c) => [c.eventId, c.status, c.httpStatus, c.attempts, c.delivered])).toEqual([
      ['ev-000001', 'ACKNOWLEDGED', 200, 1, true],
      ['ev-000002', 'SHIPPED', 200, 1, true],
    ]);
  });

  it('does not retry a callback the hub refused with 401 (bad signature)', async () => {
    const receiver = await startReceiver([401]);
    const sim = await startSim({ callbackUrl: receiver.url, callbackSecret: 'wrong', callbackRetry: { baseDelayMs: 10 } });
    await postOrder(sim, omsOrderXml('01HUB-401'), { key: 'k-401' });
    sim.emitStatus('01HUB-401', 'ACKNOWLEDGED');
    await sim.callbacksSettled(3000);
    expect(receiver.received).toHaveLength(1);
    expect(sim.callbacks()).toEqual([expect.objectContaining({ attempts: 1, httpStatus: 401, delivered: false })]);
  });

  it('retries a callback answered with 500 and 503 until it gets 2xx', async () => {
    const receiver = await startReceiver([500, 503]);
    const sim = await startSim({ callbackUrl: receiver.url, callbackSecret: SECRET, callbackRetry: { baseDelayMs: 10 } });
    await postOrder(sim, omsOrderXml('01HUB-RT'), { key: 'k-rt' });
    sim.emitStatus('01HUB-RT', 'ACKNOWLEDGED');
    await sim.callbacksSettled(3000);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(sim.callbacks()).toEqual([expect.objectContaining({ eventId: 'ev-000001', attempts: 3, httpStatus: 200, delivered: true })]);
  });

  it('gives up after the configured attempts when the receiver is down', async () => {
    const sim = await startSim({ callbackUrl: 'http://127.0.0.1:9/none', callbackRetry: { attempts: 2, baseDelayMs: 10 } });
    await postOrder(sim, omsOrderXml('01HUB-DN'), { key: 'k-dn' });
    sim.emitStatus('01HUB-DN', 'ACKNOWLEDGED');
    await sim.callbacksSettled(3000);
    expect(sim.callbacks()).toEqual([expect.objectContaining({ attempts: 2, httpStatus: 0, delivered: false })]);
  });

  it('sends every callback twice with the same EventId when asked', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({ callbackUrl: receiver.url, callbackSecret: SECRET });
    await postOrder(sim, omsOrderXml('01HUB-2X'), { key: 'k-2x' });
    sim.duplicateCallbacks(true);
    sim.emitStatus('01HUB-2X', 'ALLOCATED');
    await sim.callbacksSettled(3000);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]?.body).toBe(receiver.received[1]?.body);
    expect(sim.callbacks().map((c) => [c.eventId, c.duplicate])).toEqual([['ev-000001', false], ['ev-000001', true]]);
  });

  it('auto-progresses an accepted order to ACKNOWLEDGED, ALLOCATED and SHIPPED', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({
      callbackUrl: receiver.url, callbackSecret: SECRET,
      autoProgress: { acknowledgeAfterMs: 10, allocateAfterMs: 30, shipAfterMs: 60 },
    });
    await postOrder(sim, omsOrderXml('01HUB-AP'), { key: 'k-ap' });
    await expect.poll(() => sim.callbacks().filter((c) => c.delivered).length, { timeout: 3000 }).toBe(3);
    expect(sim.callbacks().map((c) => c.status)).toEqual(['ACKNOWLEDGED', 'ALLOCATED', 'SHIPPED']);
    const statuses = receiver.received.map((r) => textOf(childOf(childOf(parseXml(r.body), 'StatusUpdate'), 'Status')));
    expect(statuses).toEqual(['ACKNOWLEDGED', 'ALLOCATED', 'SHIPPED']);
  });
});

describe('OMS simulator: pickup orders', () => {
  const pickupXml = (hubOrderId: string) => omsOrderXml(hubOrderId).replace('</Header>', '<Fulfilment>PICKUP</Fulfilment><PickupStore>S01</PickupStore></Header>');

  it('records a pickup order with its store; an order without Fulfilment PICKUP ships', async () => {
    const sim = await startSim();
    await postOrder(sim, pickupXml('01HUB-PU1'), { key: 'k-pu1' });
    await postOrder(sim, omsOrderXml('01HUB-SH1'), { key: 'k-sh1' });
    expect(sim.orders().map((o) => [o.hubOrderId, o.pickup])).toEqual([['01HUB-PU1', { store: 'S01' }], ['01HUB-SH1', undefined]]);
  });

  it('auto-progresses a pickup order to READY_FOR_PICKUP instead of SHIPPED, and nothing after', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({
      callbackUrl: receiver.url, callbackSecret: SECRET,
      autoProgress: { acknowledgeAfterMs: 10, allocateAfterMs: 30, shipAfterMs: 60 },
    });
    await postOrder(sim, pickupXml('01HUB-PU2'), { key: 'k-pu2' });
    await expect.poll(() => sim.callbacks().filter((c) => c.delivered).length, { timeout: 3000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.callbacks().map((c) => c.status)).toEqual(['ACKNOWLEDGED', 'ALLOCATED', 'READY_FOR_PICKUP']);
    const ready = sim.statusUpdates().at(-1)!;
    expect(ready.shipment).toBeUndefined();
    expect(textOf(childOf(childOf(parseXml(ready.xml), 'StatusUpdate'), 'Status'))).toBe('READY_FOR_PICKUP');
  });
});

describe('OMS simulator: JSON control API', () => {
  it('injects failures and emits statuses through /_sim/', async () => {
    const sim = await startSim({ controlApi: true });
    const control = (path: string, body: unknown): Promise<Response> =>
      fetch(`${sim.url}/_sim${path}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000),
      });
    expect((await control('/fail', { count: 1, status: 503 })).status).toBe(200);
    expect((await postOrder(sim, omsOrderXml('01HUB-CT'), { key: 'k-ct' })).status).toBe(503);
    expect((await postOrder(sim, omsOrderXml('01HUB-CT'), { key: 'k-ct' })).status).toBe(201);
    const emitted = await control('/orders/OMS-000001/status', { status: 'shipped', carrier: 'FedEx' });
    expect(emitted.status).toBe(201);
    expect(sim.statusUpdates()[0]).toMatchObject({ status: 'SHIPPED', shipment: { carrier: 'FedEx' } });
    expect((await control('/orders/OMS-999999/status', { status: 'SHIPPED' })).status).toBe(404);
    expect((await control('/orders/OMS-000001/status', { status: 'LOST' })).status).toBe(400);
    const listed = await fetch(`${sim.url}/_sim/orders`, { signal: AbortSignal.timeout(5000) });
    const json = (await listed.json()) as { orders: Array<{ omsOrderNumber: string }> };
    expect(json.orders.map((order) => order.omsOrderNumber)).toEqual(['OMS-000001']);
  });

  it('is not mounted unless asked for', async () => {
    const sim = await startSim();
    const response = await fetch(`${sim.url}/_sim/orders`, { signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(404);
  });
});
