/**
 * A target that keeps failing opens its circuit breaker: its queue is held for a
 * cool-down without burning the orders' attempts, operators see it in /api/targets,
 * and once the target recovers the held orders are delivered, each once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

interface TargetView { instance: string; role: string; breaker: { state: string; failures: number; lastError?: string; lastSuccessAt?: number } }

let world: World;

beforeAll(async () => {
  world = await startWorld({
    hub: { extra: { instances: { 'oms-main': { retry: { attempts: 50, baseDelayMs: 20, maxDelayMs: 50 }, breaker: { failureThreshold: 3, cooldownMs: 800, maxCooldownMs: 800 } } } } },
  });
});

afterAll(async () => {
  await world?.stop();
});

async function omsTarget(): Promise<TargetView> {
  const { body } = await getJson<{ targets: TargetView[] }>(`${world.hub.url}/api/targets`);
  return body.targets.find((t) => t.instance === 'oms-main' && t.role === 'deliver')!;
}

describe('circuit breaker per target', () => {
  it('opens after repeated failures, holds the queue, and closes when the target recovers', async () => {
    world.oms.failNext(10_000, 503);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(300 + i));
      ids.push((sent.body as { hubOrderId: string }).hubOrderId);
    }
    const open = await eventually(async () => {
      const target = await omsTarget();
      return target.breaker.state === 'open' ? target : undefined;
    }, 10_000, 'breaker to open');
    expect(open.breaker.lastError).toContain('503');

    const postsWhenOpened = world.oms.requests().filter((r) => r.path === '/orders').length;
    await new Promise((r) => setTimeout(r, 500));
    const postsWhileOpen = world.oms.requests().filter((r) => r.path === '/orders').length - postsWhenOpened;
    expect(postsWhileOpen).toBeLessThanOrEqual(3);

    world.oms.acceptAll();
    await eventually(async () => {
      const views = await Promise.all(ids.map((id) => getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)));
      return views.every((v) => v.body.state === 'sent') ? true : undefined;
    }, 20_000, 'held orders to be delivered after recovery');
    for (const id of ids) expect(world.oms.orders().filter((o) => o.hubOrderId === id)).toHaveLength(1);
    const closed = await omsTarget();
    expect(closed.breaker.state).toBe('closed');
    expect(closed.breaker.lastSuccessAt).toBeGreaterThan(0);
    const { body } = await getJson<{ deadLetters: unknown[] }>(`${world.hub.url}/api/dead-letters`);
    expect(body.deadLetters).toHaveLength(0);
  });
});
