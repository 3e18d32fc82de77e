/**
 * Status from the OMS: duplicated callbacks apply once, stale and backwards events
 * change nothing (but are noted on the timeline), partial shipments roll up by line,
 * and the storefront hears of each change once, in order, never the OMS itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOmsBody } from '../../sims/oms-xml/index.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { OMS_CALLBACK_SECRET, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

interface View {
  state: string;
  status: { version: number; lines: Record<string, { shipped: number; ordered: number }>; shipments: unknown[] };
  timeline: Array<{ stage: string; summary: string }>;
}

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.stop();
});

async function view(id: string): Promise<View> {
  return (await getJson<View>(`${world.hub.url}/api/orders/${id}`)).body;
}

async function sentOrder(n: number): Promise<{ id: string; oms: string; lines: number }> {
  const order = makeShopifyOrder(n);
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, order);
  const id = (sent.body as { hubOrderId: string }).hubOrderId;
  await eventually(async () => ((await view(id)).state === 'sent' ? true : undefined), 15_000, 'order sent');
  const oms = world.oms.orders().find((o) => o.hubOrderId === id)!.omsOrderNumber;
  return { id, oms, lines: order.line_items.length };
}

function postStatus(xml: string): Promise<Response> {
  return fetch(`${world.hub.url}/in/oms-main/status`, {
    method: 'POST', body: xml, headers: { 'content-type': 'application/xml', 'x-oms-signature': signOmsBody(xml, OMS_CALLBACK_SECRET) },
  });
}

describe('status events from the OMS', () => {
  it('applies duplicated callbacks once and tells the storefront each change once, in order', async () => {
    const { id, oms } = await sentOrder(40);
    world.oms.duplicateCallbacks(true);
    world.oms.emitStatus(oms, 'ACKNOWLEDGED');
    world.oms.emitStatus(oms, 'ALLOCATED');
    await world.oms.callbacksSettled(15_000);
    world.oms.duplicateCallbacks(false);
    const final = await eventually(async () => {
      const v = await view(id);
      return v.state === 'allocated' ? v : undefined;
    }, 15_000, 'order allocated');
    const statusEntries = final.timeline.filter((e) => e.stage === 'status');
    expect(statusEntries.map((e) => e.summary.split(' ')[0])).toEqual(['acknowledged', 'allocated']);
    expect(world.oms.callbacks().filter((c) => c.duplicate && c.delivered).length).toBeGreaterThanOrEqual(2);

    await world.store.waitForCallback((c) => c.body.hubOrderId === id && c.body.state === 'allocated', 15_000);
    const told = world.store.callbacks().filter((c) => c.body.hubOrderId === id && !c.duplicate);
    expect(told.map((c) => c.body.state)).toEqual(['sent', 'acknowledged', 'allocated']);
    expect(told.map((c) => c.body.statusVersion)).toEqual([...told.map((c) => c.body.statusVersion)].sort((a, b) => a - b));
  });

  it('ignores an event older than the last one and never moves an order backwards', async () => {
    const { id, oms } = await sentOrder(41);
    const event = (eventId: string, status: string, at: string) =>
      `<StatusUpdate><EventId>${eventId}</EventId><Sequence>1</Sequence><OmsOrderNumber>${oms}</OmsOrderNumber><HubOrderId>${id}</HubOrderId><Status>${status}</Status><Timestamp>${at}</Timestamp></StatusUpdate>`;
    const shipped = await postStatus(event('x-ship', 'SHIPPED', '2026-11-23T10:00:00Z'));
    expect(((await shipped.json()) as { results: Array<{ outcome: string }> }).results[0]!.outcome).toBe('applied');
    const older = await postStatus(event('x-ack', 'ACKNOWLEDGED', '2026-11-23T09:00:00Z'));
    expect(((await older.json()) as { results: Array<{ outcome: string }> }).results[0]!.outcome).toBe('stale');
    const backwards = await postStatus(event('x-alloc', 'ALLOCATED', '2026-11-23T11:00:00Z'));
    expect(((await backwards.json()) as { results: Array<{ outcome: string }> }).results[0]!.outcome).toBe('stale');
    const again = await postStatus(event('x-ship', 'SHIPPED', '2026-11-23T10:00:00Z'));
    expect(((await again.json()) as { results: Array<{ outcome: string }> }).results[0]!.outcome).toBe('duplicate');
    const v = await view(id);
    expect(v.state).toBe('shipped');
    expect(v.timeline.filter((e) => e.summary.includes('ignored'))).toHaveLength(2);
  });

  it('rolls partial shipments up by line to partially_shipped, then shipped and delivered', async () => {
    const n = [42, 43, 44, 45, 46, 47].find((k) => makeShopifyOrder(k).line_items.length > 1)!;
    const { id, oms, lines } = await sentOrder(n);
    expect(lines).toBeGreaterThan(1);
    const before = await view(id);
    const firstLine = Object.values(before.status.lines)[0]!;
    world.oms.emitStatus(oms, 'SHIPPED', { lines: [{ number: 1, qty: firstLine.ordered }], trackingNumber: '1ZPART1' });
    await eventually(async () => ((await view(id)).state === 'partially_shipped' ? true : undefined), 15_000, 'partially shipped');
    world.oms.emitStatus(oms, 'SHIPPED', { trackingNumber: '1ZPART2' });
    const shipped = await eventually(async () => {
      const v = await view(id);
      return v.state === 'shipped' ? v : undefined;
    }, 15_000, 'shipped');
    expect(shipped.status.shipments).toHaveLength(2);
    expect(Object.values(shipped.status.lines).every((q) => q.shipped === q.ordered)).toBe(true);
    world.oms.emitStatus(oms, 'DELIVERED', { trackingNumber: '1ZPART1' });
    world.oms.emitStatus(oms, 'DELIVERED', { trackingNumber: '1ZPART2' });
    await eventually(async () => ((await view(id)).state === 'delivered' ? true : undefined), 15_000, 'delivered');
  });

  it('answers 404 for a status about an order it does not know, so the OMS retries', async () => {
    const xml = '<StatusUpdate><EventId>x-unknown</EventId><Sequence>1</Sequence><OmsOrderNumber>OMS-999999</OmsOrderNumber><Status>SHIPPED</Status><Timestamp>2026-11-23T10:00:00Z</Timestamp></StatusUpdate>';
    const response = await postStatus(xml);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('UNKNOWN_ORDER');
  });
});
