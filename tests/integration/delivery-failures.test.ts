/**
 * Delivery under failure: transient OMS errors are retried until the order gets
 * through once; a refusal becomes a dead letter with the OMS's reason; replay after
 * the fix delivers exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually, authHeaders } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.stop();
});

async function placeOrder(n: number): Promise<string> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  expect(sent.status).toBe(202);
  return (sent.body as { hubOrderId: string }).hubOrderId;
}

async function stateOf(id: string): Promise<{ state: string; timeline: Array<{ stage: string; summary: string }> }> {
  return (await getJson<{ state: string; timeline: Array<{ stage: string; summary: string }> }>(`${world.hub.url}/api/orders/${id}`)).body;
}

interface DeadLetterView { id: string; orderId: string; stage: string; instance: string; errorKind: string; message: string; hint: string }

describe('delivery to a failing OMS', () => {
  it('retries three 500s and then delivers exactly once', async () => {
    world.oms.failNext(3, 500);
    const id = await placeOrder(10);
    await eventually(async () => ((await stateOf(id)).state === 'sent' ? true : undefined), 15_000, 'order to be sent');
    const posts = world.oms.requests().filter((r) => r.method === 'POST' && r.path === '/orders' && r.idempotencyKey?.startsWith(id));
    expect(posts.map((p) => p.status)).toEqual([500, 500, 500, 201]);
    expect(world.oms.orders().filter((o) => o.hubOrderId === id)).toHaveLength(1);
  });

  it('dead-letters a refused order with the reason, and replay after the fix delivers it once', async () => {
    world.oms.rejectAll('INVALID_ITEM', 'Item SKU-0001 is unknown');
    const id = await placeOrder(11);
    const letter = await eventually(async () => {
      const { body } = await getJson<{ deadLetters: DeadLetterView[] }>(`${world.hub.url}/api/dead-letters`);
      return body.deadLetters.find((l) => l.orderId === id);
    }, 15_000, 'a dead letter');
    expect(letter.stage).toBe('deliver');
    expect(letter.instance).toBe('oms-main');
    expect(letter.errorKind).toBe('permanent');
    expect(letter.message).toContain('INVALID_ITEM');
    expect(letter.message).toContain(id);
    expect(letter.hint).toMatch(/replay/);
    expect(world.oms.orders().filter((o) => o.hubOrderId === id)).toHaveLength(0);
    const refused = world.oms.requests().filter((r) => r.idempotencyKey?.startsWith(id));
    expect(refused).toHaveLength(1);
    expect((await stateOf(id)).timeline.some((e) => e.summary.includes('dead-lettered'))).toBe(true);

    world.oms.acceptAll();
    const replay = await fetch(`${world.hub.url}/api/dead-letters/${encodeURIComponent(letter.id)}/replay`, { method: 'POST', headers: authHeaders() });
    expect(replay.status).toBe(202);
    await eventually(async () => ((await stateOf(id)).state === 'sent' ? true : undefined), 15_000, 'replayed order to be sent');
    expect(world.oms.orders().filter((o) => o.hubOrderId === id)).toHaveLength(1);
    const { body } = await getJson<{ deadLetters: DeadLetterView[] }>(`${world.hub.url}/api/dead-letters`);
    expect(body.deadLetters.find((l) => l.orderId === id)).toBeUndefined();

    const again = await fetch(`${world.hub.url}/api/dead-letters/${encodeURIComponent(letter.id)}/replay`, { method: 'POST', headers: authHeaders() });
    expect(again.status).toBe(404);
  });
});
