/**
 * Labels the hub booked, on the console's order page, against the ParcelCo simulator, a
 * real Redis and the hub over plain HTTP: an operator sees the booking with its parcels,
 * a link to each label (served to the session) and a Void button; voiding it from the
 * page voids the labels at the carrier and comes back with a notice, the booking shown
 * voided without label links or Void; a booking whose parcel the carrier picked up shows
 * no Void; an integrator sees bookings without label links or Void.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import type { Role } from '../../src/auth/roles.js';
import type { Booking } from '../../src/model/status.js';
import { applyStatusEvents } from '../../src/pipeline/status-in.js';
import { startCarrierSim, type CarrierSim } from '../../sims/carrier/index.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { consolePage, formPost, logInOverHttp, type ConsoleSession } from '../support/console-http.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'labels page password 2024';
const SHIP_FROM = { name: 'Demo Shop DC', line1: '1 Warehouse Way', city: 'Newark', region: 'NJ', postalCode: '07102', country: 'US' };

let carrier: CarrierSim;
let world: World;

beforeAll(async () => {
  process.env.TEST_LABELS_PAGE_KEY = 'test-labels-page-api-key';
  carrier = await startCarrierSim({ apiKey: 'test-labels-page-api-key', format: 'ups' });
  world = await startWorld({
    hub: {
      extra: {
        instances: {
          parcels: {
            connector: 'parcel-carrier',
            settings: {
              url: carrier.url, apiKey: { env: 'TEST_LABELS_PAGE_KEY' }, shipFrom: SHIP_FROM,
              // Nothing is asked of the carrier during the test: the test reports pickups itself.
              tracking: { everyMs: 600_000, maxEveryMs: 600_000, tickMs: 1000, batchSize: 10 },
            },
            mappings: { status: resolve('mappings/parcelco-tracking.json') },
          },
        },
      },
    },
  });
  const credentials = new Credentials(world.hub.hub.runtime.redis, world.hub.prefix);
  for (const role of ['operator', 'integrator'] as const) await credentials.addUser(`lou-${role}`, role, PASSWORD);
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await carrier?.close();
});

function logIn(role: Role): Promise<ConsoleSession> {
  return logInOverHttp(world.hub.url, `lou-${role}`, PASSWORD);
}

async function html(session: ConsoleSession, path: string): Promise<string> {
  const response = await consolePage(world.hub.url, path, { headers: { cookie: session.cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** A web order at the OMS, booked with the carrier in one parcel (over the API). */
async function bookedOrder(n: number): Promise<{ id: string; booking: Booking }> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  const id = (sent.body as { hubOrderId: string }).hubOrderId;
  await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)).body.state === 'sent' ? true : undefined), 15_000, 'order sent');
  const response = await fetch(`${world.hub.url}/api/orders/${id}/shipments`, {
    method: 'POST', body: JSON.stringify({ instance: 'parcels' }),
    headers: { authorization: `Bearer ${world.hub.apiToken}`, 'content-type': 'application/json' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return { id, booking: (await response.json()) as Booking };
}

/** The `<tr>` of one booking on the order page. */
function bookingRow(page: string, shipmentId: string): string {
  const row = new RegExp(`<tr data-booking="${shipmentId}">[\\s\\S]*?</tr>`).exec(page)?.[0];
  if (!row) throw new Error(`no booking ${shipmentId} on the page`);
  return row;
}

const voidAction = (id: string, shipmentId: string) => `/admin/orders/${id}/shipments/${shipmentId}/void`;

describe('labels on the order page', () => {
  it('lets an operator print a booked parcel\'s label and void the booking from the page', async () => {
    const { id, booking } = await bookedOrder(7401);
    const [parcel] = booking.parcels;
    const operator = await logIn('operator');
    const row = bookingRow(await html(operator, `/admin/orders/${id}`), booking.shipmentId);
    expect(row).toContain('data-booking-state="booked"');
    expect(row).toContain(parcel!.trackingNumber);
    const labelPath = `/api/orders/${id}/labels/${parcel!.trackingNumber}`;
    expect(row).toContain(`<a href="${labelPath}" data-label="true">label (PDF)</a>`);
    expect(row).toContain(`action="${voidAction(id, booking.shipmentId)}"`);

    const label = await consolePage(world.hub.url, labelPath, { headers: { cookie: operator.cookie } });
    expect(label.status).toBe(200);
    expect(Buffer.from(await label.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');

    const voided = await consolePage(world.hub.url, voidAction(id, booking.shipmentId), formPost({ csrf: operator.csrf }, operator.cookie));
    expect(voided.status).toBe(303);
    const back = voided.headers.get('location') ?? '';
    expect(back).toBe(`/admin/orders/${id}?notice=${encodeURIComponent(`Labels of shipment ${booking.shipmentId} voided.`)}`);
    expect(carrier.shipment(booking.shipmentId)?.status).toBe('voided');
    const page = await html(operator, back);
    expect(page).toContain(`<p class="notice" role="status">Labels of shipment ${booking.shipmentId} voided.</p>`);
    const after = bookingRow(page, booking.shipmentId);
    expect(after).toContain('data-booking-state="voided"');
    expect(after).not.toContain('data-label');
    expect(after).not.toContain('Void</button>');
  });

  it('hides Void once a parcel of the booking is with the carrier', async () => {
    const { id, booking } = await bookedOrder(7402);
    const [result] = await applyStatusEvents(world.hub.hub.runtime, 'parcels', [{
      eventId: `pu-${booking.shipmentId}`, type: 'tracking', occurredAt: new Date().toISOString(),
      shipment: { trackingNumber: booking.parcels[0]!.trackingNumber }, parcel: { status: 'in_transit', description: 'Picked up' },
    }]);
    expect(result?.outcome).toBe('applied');
    const row = bookingRow(await html(await logIn('operator'), `/admin/orders/${id}`), booking.shipmentId);
    expect(row).toContain('data-booking-state="shipped"');
    expect(row).not.toContain('Void</button>');
  });

  it('lets an operator book a label from the page for what is not yet shipped or booked', async () => {
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(7404));
    const id = (sent.body as { hubOrderId: string }).hubOrderId;
    await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)).body.state === 'sent' ? true : undefined), 15_000, 'order sent');
    const operator = await logIn('operator');
    const before = await html(operator, `/admin/orders/${id}`);
    expect(before).toContain(`action="/admin/orders/${id}/shipments"`);
    expect(before).toContain('<option value="parcels">parcels</option>');
    const booked = await consolePage(world.hub.url, `/admin/orders/${id}/shipments`, formPost({ csrf: operator.csrf, instance: 'parcels', labelFormat: 'ZPL' }, operator.cookie));
    expect(booked.status).toBe(303);
    const back = booked.headers.get('location') ?? '';
    expect(decodeURIComponent(back)).toMatch(/Booked with ParcelCo: 1Z[0-9A-Z]{16}\. Print the label below\./);
    const page = await html(operator, back);
    expect(page).toContain('label (ZPL)');
    // Every unit is booked now: the form is gone, and the same post again books nothing.
    expect(page).not.toContain(`action="/admin/orders/${id}/shipments"`);
    const again = await consolePage(world.hub.url, `/admin/orders/${id}/shipments`, formPost({ csrf: operator.csrf, instance: 'parcels' }, operator.cookie));
    expect(decodeURIComponent(again.headers.get('location') ?? '')).toMatch(/error=1&notice=No label booked: every unit of this order is already shipped or booked/);
    expect(carrier.shipments().filter((s) => s.reference === (sent.body as { confirmation: string }).confirmation)).toHaveLength(1);
  });

  it('shows an integrator the bookings without label links or Void', async () => {
    const { id, booking } = await bookedOrder(7403);
    const row = bookingRow(await html(await logIn('integrator'), `/admin/orders/${id}`), booking.shipmentId);
    expect(row).toContain(booking.parcels[0]!.trackingNumber);
    expect(row).not.toContain('data-label');
    expect(row).not.toContain('Void</button>');
  });
});
