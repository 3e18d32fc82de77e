/**
 * Retention against a real Redis: an order in flight never expires; once delivered
 * (or cancelled) its record, raw bytes, timeline and indexes get the configured time
 * to live, and with a two-second retention they are really gone afterwards, while the
 * dedup key keeps answering the same order as a duplicate for its own period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { Keys } from '../../src/store/keys.js';
import { authHeaders, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const RETENTION_S = 2;
let world: World;

beforeAll(async () => {
  world = await startWorld({ hub: { extra: { retention: { orderDays: RETENTION_S / 86_400 } } } });
});

afterAll(async () => {
  await world?.stop();
});

async function stateOf(id: string): Promise<string | undefined> {
  const { status, body } = await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`);
  return status === 200 ? body.state : undefined;
}

async function sent(n: number): Promise<{ id: string; oms: string; email: string }> {
  const order = makeShopifyOrder(n);
  const answer = await world.store.sendOrderWebhook(world.webhookUrl, order);
  const id = (answer.body as { hubOrderId: string }).hubOrderId;
  await eventually(async () => ((await stateOf(id)) === 'sent' ? true : undefined), 15_000, 'order sent');
  return { id, oms: world.oms.orders().find((o) => o.hubOrderId === id)!.omsOrderNumber, email: order.email };
}

/** Keys of one order whose time to live retention sets, by what they hold. */
function orderKeys(id: string): { order: string; raw: string; timeline: string } {
  const p = world.hub.prefix;
  return { order: `${p}:order:${id}`, raw: `${p}:raw:${id}`, timeline: `${p}:tl:${id}` };
}

describe('retention of finished orders', () => {
  it('keeps an order in flight, expires a delivered one with its indexes, and still knows it as a duplicate', async () => {
    const redis = world.redis.client();
    const { id, oms, email } = await sent(901);
    const keys = orderKeys(id);
    for (const key of Object.values(keys)) expect(await redis.ttl(key), key).toBe(-1);

    world.oms.emitStatus(oms, 'SHIPPED', { trackingNumber: '1ZRETAIN1' });
    world.oms.emitStatus(oms, 'DELIVERED', { trackingNumber: '1ZRETAIN1' });
    await eventually(async () => ((await stateOf(id)) === 'delivered' ? true : undefined), 15_000, 'order delivered');
    for (const key of Object.values(keys)) {
      const ttl = await redis.ttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(RETENTION_S);
    }
    // The customer's index is trimmed of entries placed before twice the retention, and lives that long itself.
    const emailTtl = await redis.ttl(new Keys(world.hub.prefix).email(email));
    expect(emailTtl === -2 || (emailTtl > 0 && emailTtl <= 2 * RETENTION_S)).toBe(true);

    await eventually(async () => ((await redis.exists(...Object.values(keys))) === 0 ? true : undefined), 10_000, 'the order keys to expire');
    expect((await getJson(`${world.hub.url}/api/orders/${id}`)).status).toBe(404);
    const afterwards = await getJson<{ orders: unknown[] }>(`${world.hub.url}/api/orders?email=${encodeURIComponent(email)}`);
    expect(afterwards.body.orders).toEqual([]);
    const leftovers = (await redis.keys(`${world.hub.prefix}:*`)).filter((key) => key.includes(id));
    expect(leftovers, "keys left of the expired order").toEqual([]);

    const again = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(901));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, hubOrderId: id });
  });

  it('expires a cancelled order too, and leaves the other orders of the customer alone', async () => {
    const redis = world.redis.client();
    const cancelled = await sent(902);
    const other = await sent(903);
    world.oms.emitStatus(cancelled.oms, 'CANCELLED');
    await eventually(async () => ((await stateOf(cancelled.id)) === 'cancelled' ? true : undefined), 15_000, 'order cancelled');
    expect(await redis.ttl(orderKeys(cancelled.id).order)).toBeGreaterThan(0);
    expect(await redis.ttl(orderKeys(other.id).order)).toBe(-1);
    await eventually(async () => ((await redis.exists(orderKeys(cancelled.id).order)) === 0 ? true : undefined), 10_000, 'the cancelled order to expire');
    expect(await stateOf(other.id)).toBe('sent');
    const list = await fetch(`${world.hub.url}/api/orders/${other.id}`, { headers: authHeaders() });
    expect(list.status).toBe(200);
  });
});
