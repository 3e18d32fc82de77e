/**
 * The storefront simulator through real HTTP on loopback: signed order
 * webhooks in both styles, the paged order API with its token, and the status
 * callback receiver (signature, freshness, dedup, statusVersion ordering).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeShopifyOrder, makeWooOrder, sendOrderWebhook, signWebhook, startStorefrontSim,
  type StorefrontSim, type StorefrontSimOptions,
} from '../../sims/storefront/index.js';

const WEBHOOK_SECRET = 'whsec-test';
const CALLBACK_SECRET = 'cbsec-test';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startStore(options: Partial<StorefrontSimOptions> = {}): Promise<StorefrontSim> {
  const sim = await startStorefrontSim({ port: 0, webhookSecret: WEBHOOK_SECRET, callbackSecret: CALLBACK_SECRET, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

interface Captured {
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

/** A stand-in for the hub's inbound endpoint: records raw bytes, answers 202 JSON. */
async function startHubStub(): Promise<{ url: string; captured: Captured[] }> {
  const captured: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      captured.push({ raw: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ hubOrderId: '01HUB', confirmation: 'G9EV-A9JCK' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/in/web-shop`, captured };
}

function base64Hmac(secret: string, data: Buffer | string): string {
  return createHmac('sha256', secret).update(data).digest('base64');
}

describe('storefront simulator: order webhooks', () => {
  it('sends a Shopify webhook whose HMAC verifies over the exact bytes received', async () => {
    const hub = await startHubStub();
    const store = await startStore();
    const order = makeShopifyOrder(1);
    const triggeredAt = new Date('2026-11-23T15:00:00.000Z');
    const result = await store.sendOrderWebhook(hub.url, order, { eventId: 'evt-1', webhookId: 'wh-1', triggeredAt });
    expect(result.status).toBe(202);
    expect(result.body).toEqual({ hubOrderId: '01HUB', confirmation: 'G9EV-A9JCK' });
    const [delivery] = hub.captured;
    if (!delivery) throw new Error('no delivery');
    expect(delivery.headers['x-shopify-hmac-sha256']).toBe(base64Hmac(WEBHOOK_SECRET, delivery.raw));
    expect(delivery.raw.toString('utf8')).toBe(result.sent.body);
    expect(JSON.parse(delivery.raw.toString('utf8'))).toEqual(order);
    expect(delivery.headers).toMatchObject({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-event-id': 'evt-1',
      'x-shopify-webhook-id': 'wh-1',
      'x-shopify-triggered-at': '2026-11-23T15:00:00.000Z',
    });
    expect(signWebhook(result.sent.body, WEBHOOK_SECRET)).toBe(delivery.headers['x-shopify-hmac-sha256']);
  });

  it('sends WooCommerce headers when the store has that style', async () => {
    const hub = await startHubStub();
    const store = await startStore({ style: 'woocommerce' });
    await store.sendOrderWebhook(hub.url, makeWooOrder(4), { eventId: 'delivery-9' });
    const [delivery] = hub.captured;
    if (!delivery) throw new Error('no delivery');
    expect(delivery.headers['x-wc-webhook-signature']).toBe(base64Hmac(WEBHOOK_SECRET, delivery.raw));
    expect(delivery.headers).toMatchObject({ 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-delivery-id': 'delivery-9' });
    expect(delivery.headers['x-wc-webhook-id']).toBeTruthy();
    expect(delivery.headers['x-shopify-hmac-sha256']).toBeUndefined();
  });

  it('gives fresh event ids by default and can send a wrong or no signature', async () => {
    const hub = await startHubStub();
    const order = makeShopifyOrder(2);
    await sendOrderWebhook(hub.url, order, { secret: WEBHOOK_SECRET });
    await sendOrderWebhook(hub.url, order, { secret: WEBHOOK_SECRET });
    await sendOrderWebhook(hub.url, order, { signature: 'bm90LXRoZS1yaWdodC1vbmU=' });
    await sendOrderWebhook(hub.url, order, { omitSignature: true });
    const [first, second, wrong, none] = hub.captured;
    expect(first?.headers['x-shopify-event-id']).not.toBe(second?.headers['x-shopify-event-id']);
    expect(wrong?.headers['x-shopify-hmac-sha256']).toBe('bm90LXRoZS1yaWdodC1vbmU=');
    expect(none?.headers['x-shopify-hmac-sha256']).toBeUndefined();
    await expect(sendOrderWebhook(hub.url, order)).rejects.toThrow(/secret/);
  });
});

describe('storefront simulator: order API', () => {
  async function get(store: StorefrontSim, query: string, token?: string, path = '/admin/api/orders.json'): Promise<Response> {
    const headers: Record<string, string> = token === undefined ? {} : { 'x-shopify-access-token': token };
    return fetch(`${store.url}${path}${query}`, { headers, signal: AbortSignal.timeout(5000) });
  }

  async function ids(response: Response): Promise<number[]> {
    const body = (await response.json()) as { orders: Array<{ id: number }> };
    return body.orders.map((order) => order.id);
  }

  it('pages ascending by id after since_id, 50 by default and at most 250', async () => {
    const store = await startStore({ apiToken: 'shpat_test' });
    const orders = Array.from({ length: 300 }, (_, index) => makeShopifyOrder(300 - index));
    store.addOrders(orders);
    const sorted = orders.map((order) => order.id).sort((a, b) => a - b);

    const first = await get(store, '', 'shpat_test');
    expect(first.status).toBe(200);
    expect(await ids(first)).toEqual(sorted.slice(0, 50));

    const sinceId = sorted[9] ?? 0;
    expect(await ids(await get(store, `?since_id=${sinceId}&limit=5`, 'shpat_test'))).toEqual(sorted.slice(10, 15));
    expect(await ids(await get(store, '?limit=1000', 'shpat_test'))).toHaveLength(250);
    expect(await ids(await get(store, `?since_id=${sorted[299] ?? 0}`, 'shpat_test'))).toEqual([]);
    expect(await ids(await get(store, '?limit=2', 'shpat_test', '/admin/api/2025-01/orders.json'))).toEqual(sorted.slice(0, 2));
    expect((await get(store, '?since_id=abc', 'shpat_test')).status).toBe(400);
    expect((await get(store, '?limit=0', 'shpat_test')).status).toBe(400);
  });

  it('answers 401 without the right access token', async () => {
    const store = await startStore({ apiToken: 'shpat_test' });
    store.addOrders([makeShopifyOrder(1)]);
    expect((await get(store, '')).status).toBe(401);
    const wrong = await get(store, '', 'shpat_wrong');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toHaveProperty('errors');
  });

  it('needs no token when none is configured', async () => {
    const store = await startStore();
    store.addOrders([makeWooOrder(1), makeWooOrder(2)]);
    expect(await ids(await get(store, ''))).toEqual([makeWooOrder(1).id, makeWooOrder(2).id]);
  });
});

interface CallbackInput {
  hubOrderId?: string;
  statusVersion?: number;
  state?: string;
  key?: string;
  timestamp?: number;
  secret?: string;
  signature?: string;
  rawBody?: string;
}

/** Posts a hub → storefront callback, signed independently of the simulator's code. */
async function postCallback(store: StorefrontSim, input: CallbackInput = {}): Promise<Response> {
  const hubOrderId = input.hubOrderId ?? '01HUBORDER';
  const statusVersion = input.statusVersion ?? 1;
  const body = input.rawBody ?? JSON.stringify({
    event: 'order.status', hubOrderId, confirmation: 'G9EV-A9JCK', externalId: '820982911946155',
    state: input.state ?? 'acknowledged', statusVersion, occurredAt: new Date().toISOString(),
    shipments: [{ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' }],
  });
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const hex = createHmac('sha256', input.secret ?? CALLBACK_SECRET).update(`${timestamp}.${body}`).digest('hex');
  return fetch(store.callbackUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-timestamp': String(timestamp),
      'x-hub-signature-256': input.signature ?? `sha256=${hex}`,
      'idempotency-key': input.key ?? `${hubOrderId}:${statusVersion}`,
    },
    body,
    signal: AbortSignal.timeout(5000),
  });
}

describe('storefront simulator: status callbacks', () => {
  it('accepts a correctly signed callback and keeps it as the latest state', async () => {
    const store = await startStore();
    const response = await postCallback(store, { state: 'shipped', statusVersion: 3 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, applied: true, duplicate: false });
    expect(store.latest('01HUBORDER')).toMatchObject({ state: 'shipped', statusVersion: 3 });
    expect(store.callbacks()).toEqual([expect.objectContaining({ idempotencyKey: '01HUBORDER:3', applied: true, duplicate: false, stale: false })]);
  });

  it('refuses a bad signature, a wrong secret and a stale or missing timestamp with 401', async () => {
    const store = await startStore({ callbackToleranceSeconds: 300 });
    expect((await postCallback(store, { signature: 'sha256=00' })).status).toBe(401);
    expect((await postCallback(store, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await postCallback(store, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    const noTimestamp = await fetch(store.callbackUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'x:1' }, body: '{}', signal: AbortSignal.timeout(5000),
    });
    expect(noTimestamp.status).toBe(401);
    expect(store.callbacks()).toEqual([]);
    expect(store.latest('01HUBORDER')).toBeUndefined();
    expect(store.requests().filter((r) => r.status === 401).map((r) => r.reason)).toEqual([
      'bad signature', 'bad signature', 'X-Hub-Timestamp outside the tolerance', 'missing or malformed X-Hub-Timestamp',
    ]);
  });

  it('answers 400 for a signed body that is not a status callback', async () => {
    const store = await startStore();
    expect((await postCallback(store, { rawBody: 'not json' })).status).toBe(400);
    expect((await postCallback(store, { rawBody: JSON.stringify({ hubOrderId: 'x', state: 'shipped' }) })).status).toBe(400);
    expect(store.callbacks()).toEqual([]);
  });

  it('flags a repeated Idempotency-Key as a duplicate and does not apply it again', async () => {
    const store = await startStore();
    await postCallback(store, { statusVersion: 1, state: 'acknowledged' });
    await postCallback(store, { statusVersion: 2, state: 'allocated' });
    const again = await postCallback(store, { statusVersion: 1, state: 'acknowledged' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, applied: false });
    expect(store.callbacks().map((c) => c.duplicate)).toEqual([false, false, true]);
    expect(store.latest('01HUBORDER')).toMatchObject({ state: 'allocated', statusVersion: 2 });
  });

  it('ignores a callback whose statusVersion is not newer than the applied one', async () => {
    const store = await startStore();
    await postCallback(store, { statusVersion: 5, state: 'shipped' });
    const older = await postCallback(store, { statusVersion: 4, state: 'allocated' });
    expect(await older.json()).toMatchObject({ stale: true, applied: false });
    const same = await postCallback(store, { statusVersion: 5, state: 'allocated', key: 'other-key' });
    expect(await same.json()).toMatchObject({ stale: true, applied: false });
    expect(store.latest('01HUBORDER')).toMatchObject({ state: 'shipped', statusVersion: 5 });
    await postCallback(store, { statusVersion: 6, state: 'delivered' });
    expect(store.latest('01HUBORDER')).toMatchObject({ state: 'delivered', statusVersion: 6 });
    await postCallback(store, { hubOrderId: 'OTHER', statusVersion: 1, state: 'acknowledged' });
    expect(store.latest('OTHER')).toMatchObject({ statusVersion: 1 });
  });

  it('failCallbacks makes the next callbacks fail so the hub retries', async () => {
    const store = await startStore();
    store.failCallbacks(2, 503);
    expect((await postCallback(store)).status).toBe(503);
    expect((await postCallback(store)).status).toBe(503);
    expect((await postCallback(store)).status).toBe(200);
    expect(store.callbacks()).toHaveLength(1);
  });

  it('waitForCallback resolves when a matching callback arrives and times out otherwise', async () => {
    const store = await startStore();
    const waiting = store.waitForCallback((c) => c.body.state === 'shipped', 2000);
    await postCallback(store, { statusVersion: 1, state: 'acknowledged' });
    await postCallback(store, { statusVersion: 2, state: 'shipped' });
    expect((await waiting).body.statusVersion).toBe(2);
    await expect(store.waitForCallback((c) => c.body.state === 'delivered', 50)).rejects.toThrow(/timed out/);
  });
});
