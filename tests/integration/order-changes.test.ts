/**
 * Changes and cancellations end to end, against the OMS simulator with real stock and
 * the mail sink for the customer's e-mails:
 * - a change of colour to an out-of-stock variant is refused at once, with the in-stock
 *   alternatives and the restock date; a change to an in-stock one goes to the OMS as a
 *   ChangeRequest, the OMS accepts it, the order changes and the customer is told
 * - two changes sent together are both recorded and both applied, in order, never lost
 * - the OMS refusing a change leaves the order as it was and the customer is told why
 * - a cancel after shipment is refused; a line cancelled before is cancelled at the OMS too
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleChange } from '../../src/changes/settle-change.js';
import { changeOrder } from '../../src/pipeline/change-order.js';
import { startMailSink, type MailSink } from '../../sims/mail-sink/index.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const RED = 'BLOUSE-RED-M';
const GREEN = 'BLOUSE-GRN-M';
const NAVY = 'BLOUSE-NVY-M';
const SCARF = 'SCARF-NVY';
const RESTOCK = '2027-01-15';

let world: World;
let sink: MailSink;
const substitutions = join(mkdtempSync(join(tmpdir(), 'changes-')), 'substitutions.csv');

beforeAll(async () => {
  sink = await startMailSink();
  writeFileSync(substitutions, `sku,alternatives\n${GREEN},${NAVY}\n`);
  world = await startWorld({
    oms: {
      stock: {
        dcs: ['DC-EAST'],
        items: [
          { sku: RED, dc: 'DC-EAST', onHand: 20 },
          { sku: GREEN, dc: 'DC-EAST', onHand: 0, expectedDate: RESTOCK },
          { sku: NAVY, dc: 'DC-EAST', onHand: 20 },
          { sku: SCARF, dc: 'DC-EAST', onHand: 20 },
        ],
      },
    },
    hub: {
      extra: {
        inventory: { substitutions, boughtTogether: { minOrders: 2, discount: { percent: 10, code: 'PAIR10' } } },
        notifications: { customer: 'customer-mail' },
        instances: {
          'oms-main': { mappings: { changes: resolve('mappings/change-to-oms-xml.json') } },
          'customer-mail': { connector: 'customer-email', settings: { smtp: { host: '127.0.0.1', port: sink.port, timeoutMs: 3000 }, from: 'Demo Shop <orders@shop.example>' } },
          'mail-in': {
            connector: 'email-orders', channel: 'mail', settings: { smtp: { port: 0 } },
            mappings: { inbound: resolve('mappings/email-text-order-to-canonical.json') },
          },
        },
      },
    },
  });
  await world.oms.pushSnapshot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await sink?.close();
});

interface OrderView {
  state: string;
  order: { lines: Array<{ lineId: string; sku: string; quantity: number; unitPrice: number }>; totals: { subtotal: number; grandTotal: number } };
  status: { lines: Record<string, { ordered: number; cancelled: number; shipped: number }> };
  changes: Array<{ changeId: string; state: string; summary: string; reason?: string }>;
  timeline: Array<{ stage: string; summary: string }>;
}

/** A web order of one blouse (and whatever else `extra` adds), at the OMS and acknowledged. */
async function blouseOrder(seed: number, extra: Array<{ sku: string; quantity: number }> = []): Promise<string> {
  const base = makeShopifyOrder(seed);
  const first = base.line_items[0]!;
  const order = {
    ...base,
    line_items: [{ ...first, sku: RED, quantity: 1 }, ...extra.map((e, i) => ({ ...first, id: first.id + i + 1, sku: e.sku, quantity: e.quantity }))],
  };
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, order);
  expect(sent.status).toBe(202);
  const hubOrderId = (sent.body as { hubOrderId: string }).hubOrderId;
  await eventually(() => world.oms.orders().find((o) => o.hubOrderId === hubOrderId), 15_000, 'the order at the OMS');
  world.oms.emitStatus(hubOrderId, 'ACKNOWLEDGED');
  await eventually(async () => ((await orderOf(hubOrderId)).state === 'acknowledged' ? true : undefined), 15_000, 'acknowledged');
  return hubOrderId;
}

async function orderOf(hubOrderId: string): Promise<OrderView> {
  return (await getJson<OrderView>(`${world.hub.url}/api/orders/${hubOrderId}`)).body;
}

async function askChange(hubOrderId: string, operations: unknown[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${world.hub.url}/api/orders/${hubOrderId}/changes`, {
    method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' }, body: JSON.stringify({ operations, via: 'web' }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Sends an e-mail to the hub's own SMTP listener; resolves with the listener's answer. */
async function sendMail(message: { from: string; subject: string; text: string; messageId: string }): Promise<string> {
  const port = Number(new URL(world.hub.hub.listening['mail-in']!).port);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ ...message, to: 'orders@shop.example' });
    return info.response;
  } finally {
    transport.close();
  }
}

async function settledChange(hubOrderId: string, changeId: string): Promise<OrderView> {
  return eventually(async () => {
    const view = await orderOf(hubOrderId);
    return view.changes.find((c) => c.changeId === changeId && (c.state === 'accepted' || c.state === 'refused')) ? view : undefined;
  }, 15_000, `change ${changeId} settled`);
}

describe('changing an order', () => {
  it('refuses a change of colour to an out-of-stock variant at once, with the alternatives and the restock date', async () => {
    const hubOrderId = await blouseOrder(800);
    const refused = await askChange(hubOrderId, [{ op: 'change_sku', lineNumber: 1, sku: GREEN }]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'OUT_OF_STOCK',
      stock: [{ sku: GREEN, wanted: 1, available: 0, expectedDate: RESTOCK, alternatives: [{ sku: NAVY, available: 20 }] }],
    });
    expect(refused.body.detail).toContain(`in stock instead: ${NAVY}`);
    // Nothing was recorded, nothing went to the OMS.
    expect((await orderOf(hubOrderId)).changes).toEqual([]);
    expect(world.oms.changeDecisions().filter((d) => d.changeId.startsWith(hubOrderId))).toEqual([]);
  });

  it('sends a change to an in-stock variant to the OMS, which accepts it; the order changes and the customer is told', async () => {
    const hubOrderId = await blouseOrder(801);
    const asked = await askChange(hubOrderId, [{ op: 'change_sku', lineNumber: 1, sku: NAVY }, { op: 'add_line', sku: SCARF, quantity: 1, unitPrice: 1500 }]);
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ changeId: `${hubOrderId}.c1`, state: 'queued', summary: `line 1: ${RED} → ${NAVY}; add 1 × ${SCARF}` });

    const view = await settledChange(hubOrderId, `${hubOrderId}.c1`);
    expect(view.changes[0]).toMatchObject({ state: 'accepted' });
    expect(view.order.lines.map((l) => l.sku)).toEqual([NAVY, SCARF]);
    expect(view.timeline.map((e) => e.summary)).toContain(`change ${hubOrderId}.c1 accepted by oms-main: line 1: ${RED} → ${NAVY}; add 1 × ${SCARF}`);
    const atOms = world.oms.orders().find((o) => o.hubOrderId === hubOrderId)!;
    expect(atOms.lines.map((l) => [l.item, l.qty])).toEqual([[NAVY, 1], [SCARF, 1]]);
    expect(world.oms.requests().filter((r) => r.path.endsWith('/changes')).map((r) => r.idempotencyKey)).toContain(`${hubOrderId}.c1`);

    const mail = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === hubOrderId && /your change is made/.test(m.parsed.subject ?? ''), 15_000, 'the change e-mail');
    expect(mail.parsed.text).toContain(`What changed: line 1: ${RED} → ${NAVY}; add 1 × ${SCARF}`);
    // The order restated as it is now: the navy blouse (without the red one's variant) and the scarf.
    expect(mail.parsed.text).toContain(`- 1 x SKU ${NAVY}\n`);
    expect(mail.parsed.text).toContain(`- 1 x SKU ${SCARF}\n`);
    expect((mail.parsed.text ?? '').split(RED)).toHaveLength(2); // only in "What changed"
  });

  it('records two changes sent together and applies both, one after the other', async () => {
    const hubOrderId = await blouseOrder(802);
    const [a, b] = await Promise.all([
      askChange(hubOrderId, [{ op: 'set_quantity', lineNumber: 1, quantity: 2 }]),
      askChange(hubOrderId, [{ op: 'add_line', sku: SCARF, quantity: 2, unitPrice: 1500 }]),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(new Set([a.body.changeId, b.body.changeId])).toEqual(new Set([`${hubOrderId}.c1`, `${hubOrderId}.c2`]));
    await settledChange(hubOrderId, `${hubOrderId}.c1`);
    const view = await settledChange(hubOrderId, `${hubOrderId}.c2`);
    expect(view.changes.map((c) => c.state)).toEqual(['accepted', 'accepted']);
    expect(view.order.lines.map((l) => [l.sku, l.quantity])).toEqual([[RED, 2], [SCARF, 2]]);
    const atOms = world.oms.orders().find((o) => o.hubOrderId === hubOrderId)!;
    expect(atOms.lines.map((l) => [l.item, l.qty])).toEqual([[RED, 2], [SCARF, 2]]);
  });

  it('leaves the order as it was when the OMS refuses, and tells the customer why', async () => {
    const hubOrderId = await blouseOrder(803);
    world.oms.refuseNextChange('the parcel is being packed');
    const asked = await askChange(hubOrderId, [{ op: 'set_quantity', lineNumber: 1, quantity: 3 }]);
    expect(asked.status).toBe(202);
    const view = await settledChange(hubOrderId, `${hubOrderId}.c1`);
    expect(view.changes[0]).toMatchObject({ state: 'refused', reason: 'the parcel is being packed' });
    expect(view.order.lines.map((l) => l.quantity)).toEqual([1]);
    const mail = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === hubOrderId && /could not make your change/.test(m.parsed.subject ?? ''), 15_000, 'the refusal e-mail');
    expect(mail.parsed.text).toContain('Why: the parcel is being packed');
  });

  it('cancels a line before it ships, and refuses to cancel the order after it shipped', async () => {
    const hubOrderId = await blouseOrder(804, [{ sku: SCARF, quantity: 1 }]);
    const before = await orderOf(hubOrderId);
    const cancelLine = await askChange(hubOrderId, [{ op: 'cancel_line', lineNumber: 2 }]);
    expect(cancelLine.status).toBe(202);
    const view = await settledChange(hubOrderId, `${hubOrderId}.c1`);
    const scarf = view.order.lines[1]!;
    expect(view.status.lines[scarf.lineId]).toMatchObject({ ordered: 1, cancelled: 1 });
    const scarfPrice = before.order.lines[1]!.unitPrice;
    expect(view.order.totals.subtotal).toBe(before.order.totals.subtotal - scarfPrice);
    expect(view.order.totals.grandTotal).toBeLessThan(before.order.totals.grandTotal);
    expect(world.oms.orders().find((o) => o.hubOrderId === hubOrderId)!.lines.map((l) => l.qty)).toEqual([1, 0]);

    world.oms.emitStatus(hubOrderId, 'SHIPPED', { lines: [{ number: 1, qty: 1 }] });
    await eventually(async () => ((await orderOf(hubOrderId)).state === 'shipped' ? true : undefined), 15_000, 'shipped');
    const cancel = await askChange(hubOrderId, [{ op: 'cancel_order' }]);
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ code: 'NOT_CHANGEABLE' });
    expect(cancel.body.detail).toContain('has shipped');
    expect((await orderOf(hubOrderId)).changes).toHaveLength(1);
  });

  it('refuses to cancel the whole order once part of it has shipped, and says what can still be done', async () => {
    const hubOrderId = await blouseOrder(805, [{ sku: SCARF, quantity: 1 }]);
    world.oms.emitStatus(hubOrderId, 'SHIPPED', { lines: [{ number: 1, qty: 1 }] });
    await eventually(async () => ((await orderOf(hubOrderId)).state === 'partially_shipped' ? true : undefined), 15_000, 'partly shipped');
    const cancel = await askChange(hubOrderId, [{ op: 'cancel_order' }]);
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ code: 'SHIPPED' });
    expect(cancel.body.detail).toContain('cancel the lines still open');
    const shippedLine = await askChange(hubOrderId, [{ op: 'set_quantity', lineNumber: 1, quantity: 2 }]);
    expect(shippedLine.body).toMatchObject({ code: 'SHIPPED' });
  });

  it('suggests what is often bought with an item, in stock, with the discount rule', async () => {
    const base = makeShopifyOrder(810);
    const line = base.line_items[0]!;
    for (const seed of [810, 811]) {
      const order = { ...makeShopifyOrder(seed), line_items: [{ ...line, sku: NAVY, quantity: 1 }, { ...line, id: line.id + 1, sku: SCARF, quantity: 1 }] };
      expect((await world.store.sendOrderWebhook(world.webhookUrl, order)).status).toBe(202);
    }
    // Counted once the orders reached the back office.
    const body = await eventually(async () => {
      const { body: answer } = await getJson<{ items: Array<Record<string, unknown>> }>(`${world.hub.url}/api/suggestions?sku=${NAVY}`);
      return answer.items.some((i) => i.sku === SCARF && Number(i.orders) >= 2) ? answer : undefined;
    }, 15_000, 'the scarf suggested with the navy blouse');
    expect(body.items[0]).toMatchObject({ sku: SCARF, boughtWith: [NAVY], discount: { percent: 10, code: 'PAIR10' } });
    expect(body.items[0]!.orders).toBeGreaterThanOrEqual(2);
    expect(body.items.map((i) => i.sku)).not.toContain(NAVY);
  });

  it('takes a change by e-mail from the order\'s customer, once, and not from anyone else', async () => {
    const hubOrderId = await blouseOrder(820, [{ sku: SCARF, quantity: 1 }]);
    const { order, confirmation } = (await getJson<{ order: { customer: { email: string } }; confirmation: string }>(`${world.hub.url}/api/orders/${hubOrderId}`)).body;
    const mail = { subject: `Change to order ${confirmation}`, text: 'Hello,\n\ncancel line 2\n\nThank you!', messageId: `<change-${hubOrderId}@example.net>` };
    const first = await sendMail({ ...mail, from: order.customer.email });
    expect(first).toMatch(/change request asked as .+\.c1/);
    const view = await settledChange(hubOrderId, `${hubOrderId}.c1`);
    expect(view.changes[0]).toMatchObject({ state: 'accepted', via: 'mail', requestedBy: 'the customer by e-mail' });
    const scarf = view.order.lines[1]!;
    expect(view.status.lines[scarf.lineId]).toMatchObject({ cancelled: 1 });
    await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === hubOrderId && /your change is made/.test(m.parsed.subject ?? ''), 15_000, 'the change e-mail');

    // The same message again (a retry of the sending server) asks nothing more.
    expect(await sendMail({ ...mail, from: order.customer.email })).toContain('change request duplicate');
    // Someone else asking is not acted on: the message is kept for an agent.
    expect(await sendMail({ ...mail, from: 'someone.else@example.net', messageId: `<other-${hubOrderId}@example.net>` })).toContain('change request filed');
    const after = await orderOf(hubOrderId);
    expect(after.changes).toHaveLength(1);
    expect(after.timeline.map((e) => e.summary)).toContain(`customer e-mail asking for a change, not acted on: the sender is not the customer of order ${confirmation}; an agent must confirm the change with the customer`);
  });

  it('answers a change by e-mail it must refuse with an e-mail that says why', async () => {
    const hubOrderId = await blouseOrder(821);
    const { order, confirmation } = (await getJson<{ order: { customer: { email: string } }; confirmation: string }>(`${world.hub.url}/api/orders/${hubOrderId}`)).body;
    expect(await sendMail({ from: order.customer.email, subject: `Re: Order ${confirmation}: change please`, text: `line 1 change to ${GREEN}\n`, messageId: `<green-${hubOrderId}@example.net>` }))
      .toContain('change request refused');
    const refusal = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === hubOrderId && /could not make your change/.test(m.parsed.subject ?? ''), 15_000, 'the refusal');
    expect(refusal.parsed.text).toContain(`What you asked for: line 1: change to ${GREEN}`);
    expect(refusal.parsed.text).toContain(`in stock instead: ${NAVY}`);
    expect((await orderOf(hubOrderId)).changes).toEqual([expect.objectContaining({ state: 'refused', via: 'mail' })]);
  });

  it('settles an accepted change that no longer fits the order as refused, saying why, instead of failing', async () => {
    const hubOrderId = await blouseOrder(830);
    const { runtime } = world.hub.hub;
    // A change recorded against a line the order no longer has (as if the OMS had removed it meanwhile).
    await changeOrder(runtime, hubOrderId, (stored) => ({
      status: { ...stored.status, version: stored.status.version + 1 },
      entries: [],
      fields: { changes: JSON.stringify([{ changeId: `${hubOrderId}.c1`, seq: 1, state: 'sent', summary: 'line 9: X → Y', requestedAt: '', requestedBy: 'tests', via: 'api',
        operations: [{ op: 'change_sku', lineId: 'gone', lineNumber: 9, fromSku: 'X', sku: 'Y', unitPrice: 100 }] }]) },
    }));
    expect(await settleChange(runtime, hubOrderId, `${hubOrderId}.c1`, { outcome: 'accepted', reporter: 'oms-main' })).toBe('settled');
    const view = await orderOf(hubOrderId);
    expect(view.changes[0]).toMatchObject({ state: 'refused', reason: expect.stringContaining('the order no longer has what it changes') });
    expect(view.order.lines.map((l) => l.sku)).toEqual([RED]);
  });

  it('answers a bad change request with what is wrong', async () => {
    const hubOrderId = await blouseOrder(806);
    const bad = await askChange(hubOrderId, [{ op: 'set_quantity', lineNumber: 1, quantity: 0 }]);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/quantity must be >= 1/);
    const noLine = await askChange(hubOrderId, [{ op: 'cancel_line', lineNumber: 9 }]);
    expect(noLine).toMatchObject({ status: 422, body: { code: 'NO_SUCH_LINE' } });
    const missing = await askChange('01NOSUCHORDER0000000000000', [{ op: 'cancel_order' }]);
    expect(missing.status).toBe(404);
  });
});
