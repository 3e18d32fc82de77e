/**
 * In-store pickup end to end: a kiosk's pickup order for store S01 (Fifth Avenue, New York),
 * which the store's own OMS serves (a second OMS simulator behind instance oms-stores)
 * while the DCs' stock comes from the main OMS.
 * - availability with `store=`: what the store has, and the DCs nearest to it with their distance
 * - the order is placed in the store: its units are reserved against the store's stock at
 *   once, it goes to the store's target, and the route entry says why
 * - the store's OMS reports it READY_FOR_PICKUP (auto progress): the order is ready_for_pickup
 *   and the customer is e-mailed where to collect it
 * - once ready, a change or a cancellation is refused; the customer collecting it is `delivered`
 * - a pickup order for a store the hub does not know stays on its route, and says so
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '../../sims/mail-sink/index.js';
import { startOmsSim, type OmsSim } from '../../sims/oms-xml/index.js';
import { planXmlOrder, renderXmlOrder, signXmlOrder } from '../../sims/xml-orders/index.js';
import { authHeaders, eventually, OMS_CALLBACK_SECRET } from '../support/hub.js';
import { freePort } from '../support/ports.js';
import { getJson, startWorld, type World } from '../support/world.js';

const XML_SECRET = 'test-xml-order-secret-0123456789';
const STORE = { id: 'S01', name: 'Fifth Avenue', postalCode: '10118', country: 'US', target: 'oms-stores' };
const DCS = [{ id: 'DC-TX', postalCode: '75201', country: 'US' }, { id: 'DC-NJ', postalCode: '07302', country: 'US' }];

let sink: MailSink;
let storeOms: OmsSim;
let world: World;

beforeAll(async () => {
  process.env.TEST_XML_ORDER_SECRET = XML_SECRET;
  sink = await startMailSink();
  // The hub's port is chosen here: the store's OMS must know where to call back before the hub starts.
  const hubPort = await freePort();
  storeOms = await startOmsSim({
    callbackUrl: `http://127.0.0.1:${hubPort}/in/oms-stores/status`,
    callbackSecret: OMS_CALLBACK_SECRET,
    callbackRetry: { attempts: 10, baseDelayMs: 100 },
    autoProgress: { acknowledgeAfterMs: 100, allocateAfterMs: 200, shipAfterMs: 400 },
    stock: { dcs: ['S01'], items: [{ sku: 'MUG', dc: 'S01', onHand: 3 }, { sku: 'TEAPOT', dc: 'S01', onHand: 0 }] },
  });
  world = await startWorld({
    oms: {
      callbackUrl: `http://127.0.0.1:${hubPort}/in/oms-main/status`,
      stock: {
        dcs: DCS.map((dc) => dc.id),
        items: [
          { sku: 'MUG', dc: 'DC-NJ', onHand: 10 }, { sku: 'MUG', dc: 'DC-TX', onHand: 10 },
          { sku: 'TEAPOT', dc: 'DC-NJ', onHand: 2 }, { sku: 'TEAPOT', dc: 'DC-TX', onHand: 5 },
        ],
      },
    },
    hub: {
      extra: {
        http: { host: '127.0.0.1', port: hubPort },
        routing: { warehouses: { dcs: DCS }, stores: [STORE] },
        notifications: { customer: 'customer-mail' },
        instances: {
          'kiosk-xml': {
            connector: 'xml-orders', channel: 'kiosk',
            settings: { secret: { env: 'TEST_XML_ORDER_SECRET' }, toleranceSeconds: 300 },
            mappings: { inbound: resolve('mappings/xml-order-to-canonical.json') },
          },
          'oms-stores': {
            connector: 'oms-xml-http',
            settings: { url: storeOms.url, timeoutMs: 3000, callbackSecret: { env: 'TEST_OMS_CALLBACK_SECRET' } },
            mappings: { outbound: resolve('mappings/canonical-to-oms-xml.json') },
          },
          'customer-mail': {
            connector: 'customer-email',
            settings: { smtp: { host: '127.0.0.1', port: sink.port, timeoutMs: 3000 }, from: 'Demo Shop <orders@shop.example>' },
          },
        },
      },
    },
  });
  // One after the other: a snapshot older than the last one would be ignored.
  await world.oms.pushSnapshot();
  await storeOms.pushSnapshot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await storeOms?.close();
  await sink?.close();
});

interface StoreAvailability {
  sku: string;
  availableByDc: Record<string, number>;
  store: { id: string; available: number };
  nearby: Array<{ dc: string; available: number; distanceKm: number | null }>;
}

interface OrderView {
  state: string;
  order: { fulfilment?: { method: string; pickupStore?: string; warehouse?: string }; customer: { email?: string } };
  status: { receipts: Array<{ target: string }>; lines: Record<string, { allocated: number; shipped: number }> };
  timeline: Array<{ stage: string; summary: string }>;
}

async function orderOf(hubOrderId: string): Promise<OrderView> {
  return (await getJson<OrderView>(`${world.hub.url}/api/orders/${hubOrderId}`)).body;
}

async function availableByDc(sku: string): Promise<Record<string, number>> {
  const { body } = await getJson<{ items: Array<{ availableByDc: Record<string, number> }> }>(`${world.hub.url}/api/availability?sku=${sku}`);
  return body.items[0]!.availableByDc;
}

/** A kiosk order of 2 mugs, to collect at `store`. */
async function pickupOrder(n: number, store: string): Promise<string> {
  const plan = planXmlOrder(n);
  const line = { ...plan.lines[0]!, sku: 'MUG', quantity: 2, unitPriceCents: 1200, discountCents: 0, taxCents: 0, options: [] };
  const body = renderXmlOrder({
    ...plan, lines: [line], subtotalCents: 2400, shippingCents: 0, taxCents: 0, discountCents: 0, grandTotalCents: 2400,
    shippingMethod: 'Pickup', pickupStore: store,
  });
  const response = await fetch(`${world.hub.url}/in/kiosk-xml`, { method: 'POST', body, headers: signXmlOrder(body, XML_SECRET) });
  expect(response.status).toBe(202);
  return ((await response.json()) as { hubOrderId: string }).hubOrderId;
}

async function setPaused(target: string, paused: boolean): Promise<void> {
  const response = await fetch(`${world.hub.url}/api/targets/${target}/${paused ? 'pause' : 'resume'}`, { method: 'POST', headers: authHeaders() });
  expect(response.status).toBe(200);
}

async function askChange(hubOrderId: string, operations: unknown[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${world.hub.url}/api/orders/${hubOrderId}/changes`, {
    method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' }, body: JSON.stringify({ operations, via: 'kiosk' }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('availability at a store', () => {
  it('says what the store has and what the DCs nearest to it have, nearest first', async () => {
    const { status, body } = await getJson<{ items: StoreAvailability[] }>(`${world.hub.url}/api/availability?skus=MUG,TEAPOT&store=S01`);
    expect(status).toBe(200);
    const [mug, teapot] = body.items;
    expect(mug).toMatchObject({ sku: 'MUG', store: { id: 'S01', available: 3 } });
    expect(teapot!.store).toEqual({ id: 'S01', available: 0 });
    expect(teapot!.nearby.map(({ dc, available }) => [dc, available])).toEqual([['DC-NJ', 2], ['DC-TX', 5]]);
    expect(teapot!.nearby[0]!.distanceKm).toBeLessThan(30);
    expect(teapot!.nearby[1]!.distanceKm).toBeGreaterThan(2000);
  });

  it('refuses a store that is not configured, with a hint', async () => {
    const response = await fetch(`${world.hub.url}/api/availability?sku=MUG&store=S99`, { headers: authHeaders() });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'UNKNOWN_STORE', detail: 'no store S99', hint: 'name a store configured in routing.stores: S01' });
  });
});

describe('a pickup order', () => {
  let hubOrderId: string;

  it('is placed in its store: reserved against the store\'s stock at once, sent to the store\'s OMS', async () => {
    // Held back from the store's OMS for a moment, so its own figures do not move yet.
    await setPaused('oms-stores', true);
    const before = await availableByDc('MUG');
    hubOrderId = await pickupOrder(950, 'S01');
    const view = await orderOf(hubOrderId);
    expect(view.order.fulfilment).toEqual({ method: 'pickup', pickupStore: 'S01', warehouse: 'S01' });
    expect(view.timeline.find((e) => e.stage === 'route')!.summary)
      .toBe('routed to oms-stores: default route; pickup at store S01 (Fifth Avenue), from its own stock');
    const after = await availableByDc('MUG');
    expect(after).toEqual({ ...before, S01: before.S01! - 2 });
    await setPaused('oms-stores', false);
    const atStore = await eventually(() => storeOms.orders().find((o) => o.hubOrderId === hubOrderId), 15_000, 'the order at the store\'s OMS');
    expect(atStore.pickup).toEqual({ store: 'S01' });
    expect(atStore.allocation?.map((a) => a.allocated)).toEqual([[{ dc: 'S01', qty: 2 }]]);
    expect(world.oms.orders().some((o) => o.hubOrderId === hubOrderId)).toBe(false);
  });

  it('is ready for pickup when the store\'s OMS says so, and the customer is told where to collect it', async () => {
    const view = await eventually(async () => {
      const current = await orderOf(hubOrderId);
      return current.state === 'ready_for_pickup' ? current : undefined;
    }, 15_000, 'the order ready for pickup');
    expect(view.status.receipts.map((r) => r.target)).toEqual(['oms-stores']);
    expect(Object.values(view.status.lines)).toEqual([expect.objectContaining({ allocated: 2, shipped: 0 })]);
    expect(storeOms.callbacks().filter((c) => c.hubOrderId === hubOrderId).map((c) => c.status)).toEqual(['ACKNOWLEDGED', 'ALLOCATED', 'READY_FOR_PICKUP']);
    const mail = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === hubOrderId && (m.parsed.subject ?? '').includes('ready for pickup'), 15_000, 'the ready-for-pickup e-mail');
    expect(mail.envelopeTo).toEqual([view.order.customer.email]);
    expect(mail.parsed.text).toContain('is ready for pickup at S01.');
    expect(mail.parsed.text).toContain('2 x');
    expect(mail.parsed.text).toContain('Pick up at: S01');
  });

  it('can no longer be changed or cancelled by the customer', async () => {
    for (const operations of [[{ op: 'cancel_order' }], [{ op: 'set_quantity', lineNumber: 1, quantity: 1 }]]) {
      const refused = await askChange(hubOrderId, operations);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'NOT_CHANGEABLE', detail: 'the order cannot be changed: the order is already ready for pickup' });
    }
    expect((await orderOf(hubOrderId)).state).toBe('ready_for_pickup');
  });

  it('is delivered once the customer collects it', async () => {
    storeOms.emitStatus(hubOrderId, 'DELIVERED');
    const view = await eventually(async () => {
      const current = await orderOf(hubOrderId);
      return current.state === 'delivered' ? current : undefined;
    }, 15_000, 'the order collected');
    expect(Object.values(view.status.lines)).toEqual([expect.objectContaining({ allocated: 0, shipped: 2 })]);
  });

  it('is cancelled when the OMS gives up on an order never collected', async () => {
    const id = await pickupOrder(952, 'S01');
    await eventually(async () => ((await orderOf(id)).state === 'ready_for_pickup' ? true : undefined), 15_000, 'the order ready for pickup');
    storeOms.emitStatus(id, 'CANCELLED');
    const view = await eventually(async () => {
      const current = await orderOf(id);
      return current.state === 'cancelled' ? current : undefined;
    }, 15_000, 'the order cancelled');
    expect(Object.values(view.status.lines)).toEqual([expect.objectContaining({ cancelled: 2, shipped: 0 })]);
  });

  it('for a store the hub does not know stays on its route, and the route entry says so', async () => {
    const id = await pickupOrder(951, 'S99');
    const view = await orderOf(id);
    expect(view.order.fulfilment).toEqual({ method: 'pickup', pickupStore: 'S99' });
    expect(view.timeline.find((e) => e.stage === 'route')!.summary)
      .toBe('routed to oms-main: default route; pickup at store S99, which is not configured (routing.stores), so the order stays on its route');
    await eventually(() => world.oms.orders().find((o) => o.hubOrderId === id), 15_000, 'the order at the main OMS');
  });
});
