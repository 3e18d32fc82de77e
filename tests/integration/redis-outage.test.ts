/**
 * Redis as the hub's memory: an acknowledged order survives a Redis crash (AOF
 * always), the API answers 503 quickly while Redis is down, `/readyz` says why, and
 * workers resume by themselves when Redis is back: no hub restart needed. A frozen
 * Redis (SIGSTOP: connections open, no answers) is refused just as fast after the first
 * command times out, and the hub takes orders again as soon as Redis answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

let world: World;

beforeAll(async () => {
  world = await startWorld({ hub: { extra: { retry: { attempts: 100, baseDelayMs: 50, maxDelayMs: 200 } } } });
});

afterAll(async () => {
  await world?.stop();
});

describe('Redis crash and restart', () => {
  it('keeps acknowledged orders, refuses new ones while down, and resumes delivery afterwards', { timeout: 90_000 }, async () => {
    world.oms.failNext(1000, 503);
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(200 + i));
      expect(sent.status).toBe(202);
      acked.push((sent.body as { hubOrderId: string }).hubOrderId);
    }
    const ready = await getJson<{ status: string; checks: Record<string, { ok: boolean }> }>(`${world.hub.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.durability!.ok).toBe(true);

    await world.redis.kill('SIGKILL');
    const started = Date.now();
    const refused = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(299));
    expect(refused.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    const notReady = await getJson<{ checks: { redis: { ok: boolean; detail: string } } }>(`${world.hub.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.redis.ok).toBe(false);

    await world.redis.restart();
    world.oms.acceptAll();
    await eventually(async () => {
      const views = await Promise.all(acked.map((id) => getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)));
      return views.every((v) => v.body.state === 'sent') ? true : undefined;
    }, 30_000, 'all acknowledged orders to be sent after the restart');
    for (const id of acked) expect(world.oms.orders().filter((o) => o.hubOrderId === id)).toHaveLength(1);

    const after = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(299));
    expect(after.status).toBe(202);
  });
});

describe('Redis frozen', () => {
  it('answers 503 REDIS_UNAVAILABLE at once after the first time-out, and takes orders again when Redis answers', { timeout: 60_000 }, async () => {
    world.redis.pause();
    try {
      const first = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(310));
      expect(first.status).toBe(503);
      const started = Date.now();
      const next = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(311));
      expect(Date.now() - started).toBeLessThan(500);
      expect(next.status).toBe(503);
      expect(next.headers['retry-after']).toBe('2');
      expect((next.body as { code: string }).code).toBe('REDIS_UNAVAILABLE');
    } finally {
      world.redis.resume();
    }
    const taken = await eventually(async () => {
      const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(311));
      return sent.status === 202 || sent.status === 200 ? sent : undefined;
    }, 10_000, 'the hub to take orders again');
    const id = (taken.body as { hubOrderId: string }).hubOrderId;
    await eventually(() => (world.oms.orders().some((o) => o.hubOrderId === id) ? true : undefined), 15_000, 'the order to reach the OMS');
    // The order refused while frozen may have been recorded when Redis woke (its command was
    // queued); sent again it is recognised, never doubled.
    const again = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(310));
    expect([200, 202]).toContain(again.status);
    const againId = (again.body as { hubOrderId: string }).hubOrderId;
    await eventually(() => (world.oms.orders().filter((o) => o.hubOrderId === againId).length === 1 ? true : undefined), 15_000, 'order 310 in the OMS once');
  });
});
