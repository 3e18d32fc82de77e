/**
 * Kiosks over HTTP, end to end against a real Redis and the hub: a device registered
 * over the API signs its uploads; every order is recorded once whatever the retries and
 * reordering; the hub reports the highest contiguous number it holds (stopping at a
 * gap); a revoked key, a replayed request, a stale one and a forged one are refused with
 * nothing recorded; a rotated key works beside the old one only during the overlap; a
 * kiosk looks an order up by its confirmation code, signed, and sees no personal data.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newNonce, signHttpRequest } from '../../sims/kiosk/signing.js';
import type { KioskKey } from '../../sims/kiosk/types.js';
import { hmacSha256 } from '../../src/sdk/signature.js';
import { eventually, OMS_CALLBACK_SECRET } from '../support/hub.js';
import { startWorld, type World } from '../support/world.js';

const DEVICE_SECRET = 'test-device-key-secret-0123456789abcdef';
const STOCK_XML = `<StockUpdate kind="snapshot" asOf="${new Date().toISOString()}">`
  + '<Item sku="KIOSK-CAP" dc="S01" onHand="2"/><Item sku="KIOSK-CAP" dc="DC-EAST" onHand="4"/><Item sku="KIOSK-CAP" dc="DC-WEST" onHand="7"/></StockUpdate>';

function omsSignature(body: string): Record<string, string> {
  return { 'x-oms-signature': `sha256=${hmacSha256(OMS_CALLBACK_SECRET, body, 'hex')}` };
}

interface Issued { device: { id: string; store: string }; key: KioskKey }
interface Result { seq?: number; index?: number; outcome: string; confirmation?: string; hubOrderId?: string; state?: string; reason?: string; filedId?: string }
interface Answer { device: string; store: string; results: Result[]; highestContiguous: number }

let world: World;

beforeAll(async () => {
  process.env.TEST_DEVICE_KEY_SECRET = DEVICE_SECRET;
  world = await startWorld({
    hub: {
      extra: {
        devices: { keySecret: { env: 'TEST_DEVICE_KEY_SECRET' }, overlapSeconds: 3600 },
        routing: {
          warehouses: { dcs: [{ id: 'DC-EAST', postalCode: '10001', country: 'US' }, { id: 'DC-WEST', postalCode: '94103', country: 'US' }] },
          stores: [{ id: 'S01', name: 'Union Square', postalCode: '94108', country: 'US' }],
        },
        instances: {
          kiosks: {
            connector: 'kiosk', channel: 'kiosk', settings: { toleranceSeconds: 300, maxOrdersPerBatch: 50 },
            mappings: { inbound: resolve('mappings/kiosk-order-to-canonical.json') },
          },
        },
      },
    },
  });
});

afterAll(async () => {
  await world?.stop();
});

function admin(path: string, body?: unknown): Promise<Response> {
  return fetch(`${world.hub.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${world.hub.apiToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function register(id: string, store = 'S01'): Promise<Issued> {
  const response = await admin('/devices', { id, store, label: 'test kiosk' });
  expect(response.status).toBe(201);
  return (await response.json()) as Issued;
}

function order(seq: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    seq, placedAt: '2026-12-05T10:00:00.000Z', currency: 'USD', fulfilment: 'pickup',
    customer: { name: 'Ada Kiosk', email: 'ada.kiosk@example.com', phone: '+14155550100' },
    lines: [{ sku: `KIOSK-TEE-${seq}`, description: 'Tee', quantity: 1, unitPrice: 1500 }],
    ...extra,
  };
}

const uploadPath = '/in/kiosks/orders';

async function upload(key: KioskKey, orders: unknown[], headers?: Record<string, string>): Promise<Response> {
  const body = JSON.stringify({ orders });
  return fetch(`${world.hub.url}${uploadPath}`, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', ...(headers ?? signHttpRequest(key, 'POST', uploadPath, body)) },
  });
}

async function uploadOk(key: KioskKey, orders: unknown[]): Promise<Answer> {
  const response = await upload(key, orders);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Answer;
}

async function ordersOfDevice(device: string, seqs: number[]): Promise<Array<string | undefined>> {
  return Promise.all(seqs.map(async (seq) => {
    const response = await admin(`/orders?source=kiosks&ref=${encodeURIComponent(`${device}/${seq}`)}`);
    const body = (await response.json()) as { orders: Array<{ hubOrderId: string }> };
    return body.orders[0]?.hubOrderId;
  }));
}

describe('store-and-forward uploads', () => {
  it('records each order once across retries and reordering, and reports the highest contiguous number', async () => {
    const { key } = await register('kiosk-a');
    const first = await uploadOk(key, [order(3), order(1), order(5)]);
    expect(first.results.map((r) => [r.seq, r.outcome])).toEqual([[3, 'captured'], [1, 'captured'], [5, 'captured']]);
    expect(first.results.every((r) => /^[0-9A-Z]{4}-[0-9A-Z]{5}$/.test(r.confirmation ?? ''))).toBe(true);
    expect(first.highestContiguous).toBe(1);

    // The answer was lost: the kiosk sends all again with the missing ones, shuffled.
    const second = await uploadOk(key, [order(5), order(2), order(4), order(1), order(3)]);
    const outcome = Object.fromEntries(second.results.map((r) => [r.seq, r.outcome]));
    expect(outcome).toEqual({ 1: 'duplicate', 2: 'captured', 3: 'duplicate', 4: 'captured', 5: 'duplicate' });
    expect(second.highestContiguous).toBe(5);
    // A duplicate answers with the original order's confirmation.
    expect(second.results.find((r) => r.seq === 3)!.confirmation).toBe(first.results[0]!.confirmation);

    const ids = await ordersOfDevice('kiosk-a', [1, 2, 3, 4, 5]);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(5);
  });

  it('keeps the time the order was placed, routes the pickup to the kiosk\'s store, and answers its state', async () => {
    const { key } = await register('kiosk-b', 'S07');
    const answer = await uploadOk(key, [order(1, { placedAt: '2026-12-01T08:30:00.000Z' })]);
    expect(answer.results[0]).toMatchObject({ outcome: 'captured', state: 'accepted' });
    const stored = await eventually(async () => {
      const response = await admin(`/orders/${answer.results[0]!.hubOrderId}`);
      const body = (await response.json()) as { order: { placedAt: string; channel: string; fulfilment: { method: string; pickupStore: string } } | null };
      return body.order ?? undefined;
    });
    expect(stored.placedAt).toBe('2026-12-01T08:30:00.000Z');
    expect(stored.channel).toBe('kiosk');
    expect(stored.fulfilment).toMatchObject({ method: 'pickup', pickupStore: 'S07' });
  });

  it('answers a number sent twice in one upload once, files what is not an order, and flags a reused number', async () => {
    const { key } = await register('kiosk-c');
    const answer = await uploadOk(key, [order(1), order(1), 'not an order', { seq: -4 }, order(2)]);
    expect(answer.results.filter((r) => r.seq === 1).map((r) => r.outcome)).toEqual(['captured', 'captured']);
    const rejected = answer.results.filter((r) => r.outcome === 'rejected');
    expect(rejected.map((r) => r.index)).toEqual([2, 3]);
    expect(rejected[1]!.reason).toMatch(/"seq" must be/);
    expect(rejected.every((r) => r.filedId)).toBe(true);
    expect(answer.highestContiguous).toBe(2);

    // The kiosk was reset and numbers a different order 2: not lost, not merged.
    const reused = await uploadOk(key, [order(2, { lines: [{ sku: 'OTHER', quantity: 9, unitPrice: 100 }] })]);
    expect(reused.results[0]).toMatchObject({ seq: 2, outcome: 'rejected' });
    expect(reused.results[0]!.reason).toMatch(/already holds another order/);
    // The same order 2 in another key order is the same order.
    const reordered = Object.fromEntries(Object.entries(order(2)).reverse());
    expect((await uploadOk(key, [reordered])).results[0]!.outcome).toBe('duplicate');
  });

  it('refuses an upload that is too large or not JSON, with nothing recorded', async () => {
    const { key } = await register('kiosk-d');
    const big = await upload(key, Array.from({ length: 51 }, (_, i) => order(i + 1)));
    expect(big.status).toBe(413);
    const body = '{"orders": [';
    const broken = await fetch(`${world.hub.url}${uploadPath}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signHttpRequest(key, 'POST', uploadPath, body) } });
    expect(broken.status).toBe(400);
    const sequence = await fetch(`${world.hub.url}/in/kiosks/sequence`, { headers: signHttpRequest(key, 'GET', '/in/kiosks/sequence', '') });
    expect(await sequence.json()).toMatchObject({ device: 'kiosk-d', highestContiguous: 0, highestSeen: 0 });
  });
});

describe('device identity', () => {
  it('refuses a forged signature, an unknown key, a stale timestamp and a replayed request', async () => {
    const { key } = await register('kiosk-e');
    const body = JSON.stringify({ orders: [order(1)] });
    const headers = signHttpRequest(key, 'POST', uploadPath, body);
    const send = (h: Record<string, string>, b = body) => fetch(`${world.hub.url}${uploadPath}`, { method: 'POST', body: b, headers: { 'content-type': 'application/json', ...h } });

    const forged = await send(signHttpRequest({ keyId: key.keyId, secret: 'not-the-secret' }, 'POST', uploadPath, body));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'BAD_SIGNATURE' });
    const unknown = await send(signHttpRequest({ keyId: 'kiosk-zz.nope', secret: key.secret }, 'POST', uploadPath, body));
    expect(await unknown.json()).toMatchObject({ code: 'UNKNOWN_KEY' });
    const stale = await send(signHttpRequest(key, 'POST', uploadPath, body, { now: new Date(Date.now() - 3600_000) }));
    expect(await stale.json()).toMatchObject({ code: 'STALE_TIMESTAMP' });
    const tampered = await send(headers, JSON.stringify({ orders: [order(1, { lines: [{ sku: 'FREE', quantity: 99, unitPrice: 0 }] })] }));
    expect(await tampered.json()).toMatchObject({ code: 'BAD_SIGNATURE' });

    expect((await send(headers)).status).toBe(200);
    const replayed = await send(headers);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ code: 'REPLAYED' });
    expect(await ordersOfDevice('kiosk-e', [1])).toHaveLength(1);
  });

  it('refuses a revoked key and a revoked device', async () => {
    const { key } = await register('kiosk-f');
    expect((await upload(key, [order(1)])).status).toBe(200);
    expect((await admin(`/devices/kiosk-f/keys/${encodeURIComponent(key.keyId)}/revoke`, {})).status).toBe(200);
    const refused = await upload(key, [order(2)]);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'KEY_REVOKED' });
    expect(await ordersOfDevice('kiosk-f', [2])).toEqual([undefined]);

    const other = await register('kiosk-g');
    expect((await admin('/devices/kiosk-g/revoke', {})).status).toBe(200);
    expect(await (await upload(other.key, [order(1)])).json()).toMatchObject({ code: 'DEVICE_REVOKED' });
  });

  it('accepts both keys during a rotation\'s overlap and only the new one after it', async () => {
    const { key: old } = await register('kiosk-h');
    const rotated = await admin('/devices/kiosk-h/keys', { overlapSeconds: 2 });
    expect(rotated.status).toBe(201);
    const { key: fresh } = (await rotated.json()) as Issued;
    expect(fresh.keyId).not.toBe(old.keyId);
    expect((await upload(old, [order(1)])).status).toBe(200);
    expect((await upload(fresh, [order(2)])).status).toBe(200);
    await eventually(async () => ((await upload(old, [order(3)])).status === 401 ? true : undefined), 10_000, 'the old key to retire');
    expect(await (await upload(old, [order(3)])).json()).toMatchObject({ code: 'KEY_RETIRED' });
    expect((await upload(fresh, [order(3)])).status).toBe(200);
  });

  it('registers each device once and shows no secret when listing', async () => {
    await register('kiosk-i');
    expect((await admin('/devices', { id: 'kiosk-i', store: 'S01' })).status).toBe(409);
    expect((await admin('/devices', { id: 'bad id!', store: 'S01' })).status).toBe(400);
    const list = await (await admin('/devices')).text();
    expect(list).toContain('kiosk-i');
    expect(list).not.toMatch(/"secret"/);
  });
});

describe('stock at the kiosk', () => {
  it('answers a signed device what its store has and what the nearest DCs have', async () => {
    const { key } = await register('kiosk-k');
    const stock = await fetch(`${world.hub.url}/in/oms-main/stock`, {
      method: 'POST', headers: { 'content-type': 'application/xml', ...omsSignature(STOCK_XML) }, body: STOCK_XML,
    });
    expect(stock.status).toBe(200);
    const path = '/api/availability?skus=KIOSK-CAP&store=S01';
    const response = await fetch(`${world.hub.url}${path}`, { headers: signHttpRequest(key, 'GET', path, '') });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Array<{ sku: string; store: { id: string; available: number }; nearby: Array<{ dc: string; available: number }> }> };
    expect(items[0]!.store).toEqual({ id: 'S01', available: 2 });
    expect(items[0]!.nearby.map((n) => [n.dc, n.available])).toEqual([['DC-WEST', 7], ['DC-EAST', 4]]);
  });
});

describe('looking an order up at the kiosk', () => {
  it('shows the state by confirmation code to a signed device, without personal data', async () => {
    const { key } = await register('kiosk-j');
    const answer = await uploadOk(key, [order(1)]);
    const code = answer.results[0]!.confirmation!;
    const path = `/api/orders/lookup/${code}`;
    const looked = await fetch(`${world.hub.url}${path}`, { headers: signHttpRequest(key, 'GET', path, '') });
    expect(looked.status).toBe(200);
    const view = await looked.text();
    expect(JSON.parse(view)).toMatchObject({ confirmation: code, channel: 'kiosk', fulfilment: { method: 'pickup' } });
    expect(view).not.toMatch(/ada\.kiosk|Ada Kiosk|4155550100/);
    // Unsigned, or a device asking for something it may not see.
    expect((await fetch(`${world.hub.url}${path}`)).status).toBe(401);
    const other = `/api/orders/${answer.results[0]!.hubOrderId}`;
    expect((await fetch(`${world.hub.url}${other}`, { headers: signHttpRequest(key, 'GET', other, '') })).status).toBe(403);
    const wrong = '/api/orders/lookup/ZZZZZZZZ';
    expect((await fetch(`${world.hub.url}${wrong}`, { headers: signHttpRequest(key, 'GET', wrong, '', { nonce: newNonce() }) })).status).toBe(404);
  });
});
