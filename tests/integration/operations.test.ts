/**
 * What operators do without a developer: find failures by instance and error, preview a
 * replay, discard with a reason, pause and resume a target, see orders waiting for
 * review; every action lands in the audit log with who did it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

interface Letter { id: string; orderId: string; instance: string; errorKind: string }

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.stop();
});

function post(path: string, body?: unknown): Promise<Response> {
  return fetch(`${world.hub.url}${path}`, {
    method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

async function stateOf(id: string): Promise<{ state: string; timeline: Array<{ summary: string }> }> {
  return (await getJson<{ state: string; timeline: Array<{ summary: string }> }>(`${world.hub.url}/api/orders/${id}`)).body;
}

async function place(n: number): Promise<string> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  return (sent.body as { hubOrderId: string }).hubOrderId;
}

describe('failures, replay preview, discard, pause and resume, audit', () => {
  it('lets an operator handle refused orders end to end', async () => {
    world.oms.rejectAll('CREDIT_HOLD', 'Customer on credit hold');
    const first = await place(800);
    const second = await place(801);
    const letters = await eventually(async () => {
      const { body } = await getJson<{ deadLetters: Letter[] }>(`${world.hub.url}/api/dead-letters?instance=oms-main&errorKind=permanent`);
      return body.deadLetters.length === 2 ? body.deadLetters : undefined;
    }, 15_000, 'two dead letters');
    expect(letters.map((l) => l.orderId).sort()).toEqual([first, second].sort());
    expect((await getJson<{ deadLetters: Letter[] }>(`${world.hub.url}/api/dead-letters?instance=web-shop`)).body.deadLetters).toEqual([]);

    const preview = await (await post('/api/dead-letters/replay?dryRun=true&instance=oms-main')).json() as { preview: { count: number; items: Array<{ effect: string }> } };
    expect(preview.preview.count).toBe(2);
    expect(preview.preview.items[0]!.effect).toContain('deliver again to oms-main');
    expect((await getJson<{ deadLetters: Letter[] }>(`${world.hub.url}/api/dead-letters`)).body.deadLetters).toHaveLength(2);

    const firstLetter = letters.find((l) => l.orderId === first)!;
    expect((await post(`/api/dead-letters/${encodeURIComponent(firstLetter.id)}/discard`, {})).status).toBe(400);
    expect((await post(`/api/dead-letters/${encodeURIComponent(firstLetter.id)}/discard`, { reason: 'customer cancelled by phone' })).status).toBe(200);
    expect((await stateOf(first)).timeline.at(-1)!.summary).toBe('dead letter discarded by tests: customer cancelled by phone');

    expect((await post('/api/targets/oms-main/pause')).status).toBe(200);
    const paused = await getJson<{ targets: Array<{ instance: string; role: string; paused: boolean }> }>(`${world.hub.url}/api/targets`);
    expect(paused.body.targets.find((t) => t.instance === 'oms-main' && t.role === 'deliver')!.paused).toBe(true);
    world.oms.acceptAll();
    const replayed = await (await post('/api/dead-letters/replay?instance=oms-main')).json() as { replayed: unknown[] };
    expect(replayed.replayed).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 700));
    expect((await stateOf(second)).state).toBe('accepted');
    expect(world.oms.orders().some((o) => o.hubOrderId === second)).toBe(false);

    expect((await post('/api/targets/oms-main/resume')).status).toBe(200);
    await eventually(async () => ((await stateOf(second)).state === 'sent' ? true : undefined), 15_000, 'the replayed order sent after resume');
    expect(world.oms.orders().filter((o) => o.hubOrderId === second)).toHaveLength(1);
    expect(world.oms.orders().some((o) => o.hubOrderId === first)).toBe(false);

    const audit = await getJson<{ entries: Array<{ actor: string; action: string; subject: string }> }>(`${world.hub.url}/api/audit`);
    expect(audit.body.entries.map((e) => e.action)).toEqual(['resume', 'replay', 'pause', 'discard']);
    expect(audit.body.entries.every((e) => e.actor === 'tests')).toBe(true);
  });

  it('lists orders waiting for review with their reasons', async () => {
    const broken = { ...makeShopifyOrder(802), email: 'not-an-email' };
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, broken);
    const id = (sent.body as { hubOrderId: string }).hubOrderId;
    const row = await eventually(async () => {
      const { body } = await getJson<{ orders: Array<{ hubOrderId: string; reasons: string[] }> }>(`${world.hub.url}/api/review`);
      return body.orders.find((o) => o.hubOrderId === id);
    }, 15_000, 'the order in the review list');
    expect(row.reasons.join(' ')).toContain('/customer/email');
  });
});
