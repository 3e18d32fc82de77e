/**
 * The spine end to end: a signed storefront webhook becomes a canonical order,
 * reaches the legacy OMS once as XML, and the OMS's status comes back to the
 * storefront; the order's API view shows the whole timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder, makeWooOrder, sendOrderWebhook } from '../../sims/storefront/index.js';
import { WEBHOOK_SECRET, eventually, authHeaders } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

interface OrderView {
  hubOrderId: string;
  confirmation: string;
  state: string;
  order: { lines: unknown[]; customer: { email?: string } } | null;
  status: { receipts: Array<{ target: string; externalRef: string }>; shipments: Array<{ trackingNumber?: string }> };
  timeline: Array<{ stage: string; summary: string }>;
}

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.stop();
});

async function orderView(id: string): Promise<OrderView> {
  const { status, body } = await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`);
  expect(status).toBe(200);
  return body;
}

async function waitForState(id: string, state: string): Promise<OrderView> {
  return eventually(async () => {
    const view = await orderView(id);
    return view.state === state ? view : undefined;
  }, 15_000, `order ${id} to be ${state}`);
}

describe('a web order travels to the OMS and its status comes back', () => {
  it('acknowledges at once, delivers once, and tells the storefront about the shipment', async () => {
    const source = makeShopifyOrder(1);
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, source);
    expect(sent.status).toBe(202);
    const ack = sent.body as { hubOrderId: string; confirmation: string; status: string; duplicate: boolean };
    expect(ack.status).toBe('received');
    expect(ack.duplicate).toBe(false);
    expect(ack.hubOrderId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ack.confirmation).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);

    const [omsOrder] = await world.oms.waitForOrders(1, 15_000);
    expect(omsOrder!.hubOrderId).toBe(ack.hubOrderId);
    expect(omsOrder!.xml).toContain(`<Confirmation>${ack.confirmation}</Confirmation>`);
    expect(omsOrder!.lines.length).toBe(source.line_items.length);

    const sentView = await waitForState(ack.hubOrderId, 'sent');
    expect(sentView.status.receipts).toEqual([expect.objectContaining({ target: 'oms-main', externalRef: omsOrder!.omsOrderNumber })]);

    world.oms.emitStatus(omsOrder!.omsOrderNumber, 'SHIPPED', { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    const callback = await world.store.waitForCallback(
      (c) => c.body.hubOrderId === ack.hubOrderId && c.body.state === 'shipped', 15_000);
    expect(callback.body.shipments).toEqual([expect.objectContaining({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784' })]);
    expect(callback.body.confirmation).toBe(ack.confirmation);

    const view = await waitForState(ack.hubOrderId, 'shipped');
    const stages = view.timeline.map((e) => e.stage);
    for (const stage of ['capture', 'normalize', 'route', 'deliver', 'status', 'notify']) expect(stages).toContain(stage);
    expect(view.order!.customer.email).toBe(source.email);
    expect(world.oms.orders().filter((o) => o.hubOrderId === ack.hubOrderId)).toHaveLength(1);
  });

  it('turns 50 concurrent copies of one webhook into one order and one OMS delivery', async () => {
    const source = makeShopifyOrder(2);
    const before = world.oms.orders().length;
    const answers = await Promise.all(Array.from({ length: 50 }, () =>
      world.store.sendOrderWebhook(world.webhookUrl, source, { eventId: 'evt-dup-2' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const ids = new Set(answers.map((a) => (a.body as { hubOrderId: string }).hubOrderId));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    await waitForState(id!, 'sent');
    await new Promise((r) => setTimeout(r, 500));
    const atOms = world.oms.orders().filter((o) => o.hubOrderId === id);
    expect(atOms).toHaveLength(1);
    expect(atOms[0]!.posts).toBe(1);
    expect(world.oms.orders().length).toBe(before + 1);
  });

  it('finds an order by confirmation code, e-mail and channel reference', async () => {
    const source = makeShopifyOrder(3);
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, source);
    const ack = sent.body as { hubOrderId: string; confirmation: string };
    await waitForState(ack.hubOrderId, 'sent');
    const spoken = ack.confirmation.toLowerCase().replace('-', ' ');
    const byCode = await getJson<{ orders: Array<{ hubOrderId: string }> }>(`${world.hub.url}/api/orders?confirmation=${encodeURIComponent(spoken)}`);
    expect(byCode.body.orders.map((o) => o.hubOrderId)).toEqual([ack.hubOrderId]);
    const byEmail = await getJson<{ orders: Array<{ hubOrderId: string }> }>(`${world.hub.url}/api/orders?email=${encodeURIComponent(source.email.toUpperCase())}`);
    expect(byEmail.body.orders.map((o) => o.hubOrderId)).toContain(ack.hubOrderId);
    const byRef = await getJson<{ orders: Array<{ hubOrderId: string }> }>(`${world.hub.url}/api/orders?source=web-shop&ref=${source.id}`);
    expect(byRef.body.orders.map((o) => o.hubOrderId)).toEqual([ack.hubOrderId]);
    const raw = await fetch(`${world.hub.url}/api/orders/${ack.hubOrderId}/raw`, { headers: authHeaders() });
    expect(JSON.parse(await raw.text()).id).toBe(source.id);
  });

  it('takes WooCommerce-style webhooks through their own instance and mapping', async () => {
    const source = makeWooOrder(4);
    const sent = await sendOrderWebhook(`${world.hub.url}/in/woo-shop`, source, { style: 'woocommerce', secret: WEBHOOK_SECRET });
    expect(sent.status).toBe(202);
    const id = (sent.body as { hubOrderId: string }).hubOrderId;
    const view = await waitForState(id, 'sent');
    expect(view.order!.lines).toHaveLength(source.line_items.length);
    const atOms = world.oms.orders().filter((o) => o.hubOrderId === id);
    expect(atOms).toHaveLength(1);
    expect(atOms[0]!.lines.map((l) => l.item)).toEqual(source.line_items.map((l) => l.sku));
  });
});
