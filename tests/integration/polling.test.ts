/**
 * Pull channels: the hub polls the storefront's order API with a persisted cursor
 * (an order both pushed and pulled is captured once), and polls the OMS status feed
 * instead of taking callbacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

let world: World;

beforeAll(async () => {
  world = await startWorld({
    oms: { callbackUrl: undefined },
    pullFromStore: true,
    hub: {
      extra: { instances: { 'oms-main': { settings: { statusPoll: { intervalMs: 200, pageSize: 2 } } } } },
    },
  });
});

afterAll(async () => {
  await world?.stop();
});

describe('polling', () => {
  it('pulls storefront orders page by page and never doubles one also sent by webhook', async () => {
    const orders = Array.from({ length: 12 }, (_, i) => makeShopifyOrder(100 + i));
    const pushed = await world.store.sendOrderWebhook(world.webhookUrl, orders[0]!);
    expect(pushed.status).toBe(202);
    world.store.addOrders(orders);
    await eventually(() => (world.oms.orders().length >= 12 ? true : undefined), 20_000, '12 orders at the OMS');
    await new Promise((r) => setTimeout(r, 800));
    const refs = world.oms.orders().map((o) => o.hubOrderId);
    expect(new Set(refs).size).toBe(12);
    expect(refs).toHaveLength(12);
    const cursor = await world.redis.client().get(`${world.hub.prefix}:cursor:web-shop`);
    expect(cursor).toBe(String(orders.at(-1)!.id));
    const { body } = await getJson<{ orders: Array<{ hubOrderId: string }> }>(`${world.hub.url}/api/orders?source=web-shop&ref=${orders[0]!.id}`);
    expect(body.orders.map((o) => o.hubOrderId)).toEqual([(pushed.body as { hubOrderId: string }).hubOrderId]);
  });

  it('applies OMS status from the polled feed, in order, each once', async () => {
    const [first] = world.oms.orders();
    world.oms.emitStatus(first!.omsOrderNumber, 'ACKNOWLEDGED');
    world.oms.emitStatus(first!.omsOrderNumber, 'ALLOCATED');
    world.oms.emitStatus(first!.omsOrderNumber, 'SHIPPED');
    const view = await eventually(async () => {
      const { body } = await getJson<{ state: string; timeline: Array<{ stage: string; summary: string }> }>(`${world.hub.url}/api/orders/${first!.hubOrderId}`);
      return body.state === 'shipped' ? body : undefined;
    }, 15_000, 'order shipped through the feed');
    const statusEntries = view.timeline.filter((e) => e.stage === 'status').map((e) => e.summary.split(' ')[0]);
    expect(statusEntries).toEqual(['acknowledged', 'allocated', 'shipped']);
  });
});
