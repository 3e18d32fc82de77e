/**
 * Carriers end to end, against the ParcelCo simulator, a real Redis and the hub:
 * - labels: an order booked in two parcels (PDF and ZPL labels kept for printing), the
 *   same request again books nothing more, a booking voided until a parcel is picked up;
 * - two parcels delivered on different days, reported by signed webhooks: the order rolls
 *   up partially → wholly shipped → delivered, and its channel hears each change once, in order;
 * - a delivery exception: the order is on the watch list and the customer is told, with the
 *   carrier's new date; it leaves the list when the parcel moves on;
 * - duplicated and shuffled webhooks: each event applied once, each parcel's events in order;
 * - a carrier followed by asking: looks slow down while a parcel is quiet and stop once it is
 *   delivered; an outage and a rate limit are waited out and no event is lost.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCarrierSim, type CarrierSim } from '../../sims/carrier/index.js';
import { startMailSink, type MailSink } from '../../sims/mail-sink/index.js';
import { signOmsBody } from '../../sims/oms-xml/index.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { TrackingSchedule } from '../../src/store/tracking-schedule.js';
import { eventually, OMS_CALLBACK_SECRET } from '../support/hub.js';
import { startWorld, type World } from '../support/world.js';

const WEBHOOK_SECRET = 'test-parcelco-webhook-secret-0123456789';
const SHIP_FROM = { name: 'Demo Shop DC', line1: '1 Warehouse Way', city: 'Newark', region: 'NJ', postalCode: '07102', country: 'US' };

let pushed: CarrierSim;
let asked: CarrierSim;
let sink: MailSink;
let world: World;

beforeAll(async () => {
  process.env.TEST_PARCELCO_KEY = 'test-parcelco-api-key';
  process.env.TEST_PARCELCO_WEBHOOK_SECRET = WEBHOOK_SECRET;
  pushed = await startCarrierSim({
    apiKey: 'test-parcelco-api-key', format: 'ups',
    // The hub starts after the carrier (its settings name the carrier): webhooks go where it listens.
    webhook: { url: () => `${world.hub.url}/in/parcels/tracking`, secret: WEBHOOK_SECRET, baseDelayMs: 50 },
  });
  asked = await startCarrierSim({ apiKey: 'test-parcelco-api-key', format: 'usps' });
  sink = await startMailSink();
  const status = resolve('mappings/parcelco-tracking.json');
  world = await startWorld({
    hub: {
      extra: {
        notifications: { customer: 'customer-mail' },
        carriers: { ParcelCo: 'parcels', USPS: 'parcels-asked' },
        instances: {
          parcels: {
            connector: 'parcel-carrier',
            settings: {
              url: pushed.url, apiKey: { env: 'TEST_PARCELCO_KEY' }, webhookSecret: { env: 'TEST_PARCELCO_WEBHOOK_SECRET' }, shipFrom: SHIP_FROM,
              // Webhooks report; asking is the safety net, rarely.
              tracking: { everyMs: 60_000, maxEveryMs: 600_000, tickMs: 1000, batchSize: 50 },
            },
            mappings: { status },
          },
          'parcels-asked': {
            connector: 'parcel-carrier',
            settings: {
              url: asked.url, apiKey: { env: 'TEST_PARCELCO_KEY' }, carrierName: 'ParcelCo Post', shipFrom: SHIP_FROM,
              tracking: { everyMs: 200, maxEveryMs: 1600, tickMs: 50, batchSize: 50 },
            },
            mappings: { status },
          },
          'customer-mail': {
            connector: 'customer-email',
            settings: { smtp: { host: '127.0.0.1', port: sink.port, timeoutMs: 3000 }, from: 'Demo Shop <orders@shop.example>', brands: { default: { name: 'Demo Shop' } } },
          },
        },
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await Promise.allSettled([pushed?.close(), asked?.close(), sink?.close()]);
});

interface Booking { shipmentId: string; carrier: string; voidedAt?: string; parcels: Array<{ trackingNumber: string; trackingUrl?: string; lines: Array<{ lineId: string; quantity: number }> }> }
interface OrderView {
  state: string;
  status: { version: number; shipments: Array<{ trackingNumber: string; parcelStatus?: string; delivered?: boolean; exception?: { description: string }; expectedDate?: string }>; bookings?: Booking[] };
  timeline: Array<{ summary: string; stage: string }>;
}

const api = (path: string, init: RequestInit = {}) => fetch(`${world.hub.url}/api${path}`, {
  ...init, headers: { authorization: `Bearer ${world.hub.apiToken}`, 'content-type': 'application/json', ...init.headers },
});

async function order(id: string): Promise<OrderView> {
  return (await (await api(`/orders/${id}`)).json()) as OrderView;
}

/** A web order of two lines (each of one unit), accepted and at the OMS. */
async function placeOrder(n: number): Promise<{ id: string; confirmation: string; lines: string[] }> {
  const shopify = makeShopifyOrder(n);
  shopify.line_items = shopify.line_items.slice(0, 2).map((item) => ({ ...item, quantity: 1 }));
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, shopify);
  expect(sent.status).toBe(202);
  const { hubOrderId: id, confirmation } = sent.body as { hubOrderId: string; confirmation: string };
  const view = await eventually(async () => {
    const current = await order(id);
    return ['sent', 'acknowledged'].includes(current.state) ? current : undefined;
  }, 15_000, 'the order at the OMS');
  return { id, confirmation, lines: Object.keys((view as unknown as { status: { lines: Record<string, unknown> } }).status.lines) };
}

async function book(id: string, body: Record<string, unknown>): Promise<Booking> {
  const response = await api(`/orders/${id}/shipments`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Booking;
}

async function untilOrder(id: string, check: (view: OrderView) => boolean, what: string): Promise<OrderView> {
  let last: OrderView | undefined;
  try {
    return await eventually(async () => {
      last = await order(id);
      return check(last) ? last : undefined;
    }, 20_000, what);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the order's last entries: ${last?.timeline.slice(-6).map((e) => e.summary).join(' | ')}`);
  }
}

describe('labels', () => {
  it('books an order in two parcels with labels to print, once, and voids a booking until pickup', async () => {
    const { id, confirmation, lines } = await placeOrder(8101);
    const ask = { instance: 'parcels', labelFormat: 'ZPL', parcels: [{ lines: [{ lineId: lines[0], quantity: 1 }], weightGrams: 700 }, { lines: [{ lineId: lines[1], quantity: 1 }], weightGrams: 400 }] };
    const booking = await book(id, ask);
    expect(booking.parcels).toHaveLength(2);
    expect(booking.parcels.every((p) => /^1Z[0-9A-Z]{16}$/.test(p.trackingNumber))).toBe(true);
    const label = await api(`/orders/${id}/labels/${booking.parcels[0]!.trackingNumber}`);
    expect(label.headers.get('content-type')).toBe('application/x-zpl');
    expect((await label.text()).startsWith('^XA')).toBe(true);

    // Asked again (a lost answer): every unit is booked already, nothing more is booked.
    const again = await api(`/orders/${id}/shipments`, { method: 'POST', body: JSON.stringify(ask) });
    expect(again.status).toBe(409);
    expect(pushed.shipments().filter((s) => s.reference === confirmation)).toHaveLength(1);

    const voided = await api(`/orders/${id}/shipments/${booking.shipmentId}/void`, { method: 'POST' });
    expect(voided.status).toBe(200);
    expect(pushed.shipment(booking.shipmentId)?.status).toBe('voided');
    const rebooked = await book(id, { instance: 'parcels' });
    expect(rebooked.parcels).toHaveLength(1);
    const pdf = await api(`/orders/${id}/labels/${rebooked.parcels[0]!.trackingNumber}`);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');

    pushed.addEvent(rebooked.parcels[0]!.trackingNumber, { code: 'PU' });
    await untilOrder(id, (v) => v.state === 'shipped', 'the picked-up parcel shipped');
    const late = await api(`/orders/${id}/shipments/${rebooked.shipmentId}/void`, { method: 'POST' });
    expect(late.status).toBe(409);
  });
});

describe('parcels reported by webhook', () => {
  it('rolls two parcels delivered on different days up to delivered, telling the channel each change once, in order', async () => {
    const { id, lines } = await placeOrder(8102);
    const booking = await book(id, { instance: 'parcels', parcels: [{ lines: [{ lineId: lines[0], quantity: 1 }] }, { lines: [{ lineId: lines[1], quantity: 1 }] }] });
    const [a, b] = booking.parcels.map((p) => p.trackingNumber) as [string, string];
    // After the labels were made: today at pickup, the next two days at the doors.
    const at = (days: number, hours: number) => new Date(Date.now() + (days * 24 + hours) * 3600_000).toISOString();
    pushed.addEvent(a, { code: 'PU', occurredAt: at(0, 1) });
    await untilOrder(id, (v) => v.state === 'partially_shipped', 'the first parcel picked up');
    pushed.addEvent(b, { code: 'PU', occurredAt: at(0, 2) });
    await untilOrder(id, (v) => v.state === 'shipped', 'both parcels picked up');
    pushed.addEvent(a, { code: 'OD', occurredAt: at(1, 0) });
    pushed.addEvent(a, { code: 'DL', occurredAt: at(1, 4) });
    const oneDelivered = await untilOrder(id, (v) => v.status.shipments.some((s) => s.delivered), 'the first parcel delivered');
    expect(oneDelivered.state).toBe('shipped');
    pushed.addEvent(b, { code: 'IT', occurredAt: at(1, 12) });
    pushed.addEvent(b, { code: 'DL', occurredAt: at(2, 3) });
    const done = await untilOrder(id, (v) => v.state === 'delivered', 'the order delivered');
    expect(done.status.shipments.map((s) => s.parcelStatus)).toEqual(['delivered', 'delivered']);
    await pushed.webhooksSettled();

    // The storefront was told every version once, in order.
    const told = await eventually(() => {
      const callbacks = world.store.callbacks().filter((c) => c.body.hubOrderId === id && !c.duplicate);
      return callbacks.some((c) => c.body.state === 'delivered') ? callbacks : undefined;
    }, 15_000, 'the storefront told of the delivery');
    // Each change once (no repeated version), and never a step back.
    const versions = told.map((c) => c.body.statusVersion);
    expect(new Set(versions).size).toBe(versions.length);
    expect(told.filter((c) => c.stale)).toEqual([]);
    expect(told.map((c) => c.body.state)).toContain('partially_shipped');
  });

  it('puts an exception on the watch list and tells the customer the carrier\'s new date, until the parcel moves on', async () => {
    const { id } = await placeOrder(8103);
    const [parcel] = (await book(id, { instance: 'parcels' })).parcels;
    pushed.addEvent(parcel!.trackingNumber, { code: 'PU' });
    await untilOrder(id, (v) => v.state === 'shipped', 'shipped');
    pushed.addEvent(parcel!.trackingNumber, { code: 'EX-ADDR', description: 'Address problem: no such street number', estimatedDeliveryDate: '2026-12-14' });
    const watched = await eventually(async () => {
      const { orders } = (await (await api('/watch')).json()) as { orders: Array<{ hubOrderId: string; parcels: Array<{ exception: { description: string }; expectedDate?: string }> }> };
      return orders.find((o) => o.hubOrderId === id);
    }, 15_000, 'the order on the watch list');
    expect(watched.parcels[0]).toMatchObject({ exception: { description: 'Address problem: no such street number' }, expectedDate: '2026-12-14' });
    const mail = await eventually(() => sink.messages().find((m) => m.parsed.headers.get('x-hub-order') === id && /delay|problem/i.test(m.parsed.subject ?? '')), 15_000, 'the delay e-mail');
    expect(mail.parsed.text).toMatch(/2026-12-14|December 14/);

    pushed.addEvent(parcel!.trackingNumber, { code: 'IT' });
    await eventually(async () => {
      const { orders } = (await (await api('/watch')).json()) as { orders: Array<{ hubOrderId: string }> };
      return orders.some((o) => o.hubOrderId === id) ? undefined : true;
    }, 15_000, 'the order off the watch list');
  });

  it('applies duplicated and shuffled webhooks once each, every parcel in the order its events happened', async () => {
    const { id } = await placeOrder(8104);
    const [parcel] = (await book(id, { instance: 'parcels' })).parcels;
    pushed.setFaults({ webhook: { duplicate: true, shuffle: true } });
    try {
      const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
      for (const [code, hour] of [['PU', 8], ['IT', 12], ['IT', 18], ['OD', 22], ['DL', 23]] as const) pushed.addEvent(parcel!.trackingNumber, { code, occurredAt: at(hour) });
      await pushed.webhooksSettled(15_000);
    } finally {
      pushed.setFaults({ webhook: null });
    }
    const view = await untilOrder(id, (v) => v.state === 'delivered', 'delivered despite the disorder');
    // Each event applied at most once, and the parcel's history only ever moves forward in time.
    const applied = view.timeline.filter((e) => e.summary.startsWith('tracking from parcels:'));
    expect(applied.length).toBeLessThanOrEqual(5);
    expect(new Set(applied.map((e) => e.summary)).size).toBe(applied.length);
    const history = (view.status.shipments[0] as unknown as { history: Array<{ occurredAt: string }> }).history.map((h) => Date.parse(h.occurredAt));
    expect(history).toEqual([...history].sort((x, y) => x - y));
    expect(new Set(history).size).toBe(history.length);
    expect(view.status.shipments[0]!.parcelStatus).toBe('delivered');
  });
});

describe('parcels followed by asking the carrier', () => {
  it('asks less often while a parcel is quiet, at once again after news, and no more once it is delivered', async () => {
    const { id } = await placeOrder(8105);
    const [parcel] = (await book(id, { instance: 'parcels-asked' })).parcels;
    const number = parcel!.trackingNumber;
    const schedule = new TrackingSchedule(world.hub.hub.runtime.redis, world.hub.hub.runtime.keys);
    const waitOf = async () => (await schedule.dueTimes('parcels-asked')).find((r) => r.trackingNumber === number)?.everyMs;
    await eventually(async () => ((await waitOf()) === 1600 ? true : undefined), 15_000, 'the looks to slow to the longest wait');
    asked.addEvent(number, { code: 'PU' });
    await untilOrder(id, (v) => v.state === 'shipped', 'the pickup found by asking');
    expect(await waitOf()).toBeLessThan(1600);
    asked.addEvent(number, { code: 'DL' });
    await untilOrder(id, (v) => v.state === 'delivered', 'the delivery found by asking');
    await eventually(async () => ((await schedule.dueTimes('parcels-asked')).some((r) => r.trackingNumber === number) ? undefined : true), 10_000, 'the parcel no longer asked about');
  });

  it('follows a parcel the OMS shipped, by the carrier its tracking number names', async () => {
    const { id, confirmation } = await placeOrder(8107);
    // The warehouse booked it with the carrier itself; the OMS reports only the number.
    const booked = await fetch(`${asked.url}/v1/shipments`, {
      method: 'POST', headers: { authorization: 'Bearer test-parcelco-api-key', 'content-type': 'application/json', 'idempotency-key': `wh-${id}` },
      body: JSON.stringify({ reference: confirmation, service: 'GROUND', labelFormat: 'PDF', shipFrom: SHIP_FROM, shipTo: { ...SHIP_FROM, name: 'A customer' }, parcels: [{ weightGrams: 900 }] }),
    });
    const number = ((await booked.json()) as { parcels: Array<{ trackingNumber: string }> }).parcels[0]!.trackingNumber;
    const oms = world.oms.orders().find((o) => o.hubOrderId === id)!.omsOrderNumber;
    const xml = `<StatusUpdate><EventId>ship-${oms}</EventId><Sequence>1</Sequence><OmsOrderNumber>${oms}</OmsOrderNumber><HubOrderId>${id}</HubOrderId>`
      + `<Status>SHIPPED</Status><Timestamp>${new Date().toISOString()}</Timestamp><Shipment><TrackingNumber>${number}</TrackingNumber></Shipment></StatusUpdate>`;
    const reported = await fetch(`${world.hub.url}/in/oms-main/status`, { method: 'POST', body: xml, headers: { 'content-type': 'application/xml', 'x-oms-signature': signOmsBody(xml, OMS_CALLBACK_SECRET) } });
    expect(reported.status).toBe(200);
    const shipped = await untilOrder(id, (v) => v.state === 'shipped', 'shipped by the OMS');
    expect(shipped.status.shipments[0]).toMatchObject({ trackingNumber: number, carrier: 'USPS' });
    asked.addEvent(number, { code: 'PU', occurredAt: new Date(Date.now() + 3600_000).toISOString() });
    asked.addEvent(number, { code: 'DL', occurredAt: new Date(Date.now() + 7200_000).toISOString() });
    await untilOrder(id, (v) => v.state === 'delivered', 'delivered, found by asking USPS\'s follower');
  });

  it('waits out an outage and a rate limit without losing an event', async () => {
    const { id } = await placeOrder(8106);
    const [parcel] = (await book(id, { instance: 'parcels-asked' })).parcels;
    asked.setFaults({ outage: { forMs: 1500 } });
    const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    asked.addEvent(parcel!.trackingNumber, { code: 'PU', occurredAt: at(1) });
    asked.addEvent(parcel!.trackingNumber, { code: 'IT', occurredAt: at(2) });
    await eventually(() => (asked.requests().some((r) => r.status === 503) ? true : undefined), 10_000, 'a look refused by the outage');
    asked.setFaults({ outage: null, rateLimit: { remaining: 0, retryAfterSeconds: 1 } });
    await eventually(() => (asked.requests().some((r) => r.status === 429) ? true : undefined), 10_000, 'a look refused by the rate limit');
    asked.setFaults({ rateLimit: null });
    asked.addEvent(parcel!.trackingNumber, { code: 'DL', occurredAt: at(8) });
    const view = await untilOrder(id, (v) => v.state === 'delivered', 'delivered after the outage');
    expect(view.status.shipments[0]!.parcelStatus).toBe('delivered');
    const history = (view.status.shipments[0] as unknown as { history: Array<{ status: string }> }).history.map((h) => h.status);
    expect(history).toEqual(['in_transit', 'in_transit', 'delivered']);
  });
});
