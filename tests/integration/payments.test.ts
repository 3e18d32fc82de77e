/**
 * Card payments by token end to end: the payment-gateway simulator's hosted-field token
 * travels in an Order XML document (never the card number), the hub authorizes only what
 * can ship now before the order goes to the OMS, the rest once the OMS allocates it,
 * releases what is cancelled and captures what ships; a declined card or a partial
 * approval holds the order back from the OMS with a reason a person can act on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentGatewaySim, type PaymentGatewaySim } from '../../sims/payment-gateway/index.js';
import { planXmlOrder, renderXmlOrder, signXmlOrder } from '../../sims/xml-orders/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const XML_SECRET = 'test-xml-order-secret-0123456789';
const IN_STOCK = 'LAMP-BRASS';
const AWAITED = 'SHADE-LINEN';
const RESTOCK = '2027-02-01';

let world: World;
let gateway: PaymentGatewaySim;

beforeAll(async () => {
  process.env.TEST_XML_ORDER_SECRET = XML_SECRET;
  process.env.TEST_GATEWAY_KEY = 'sk_test_hub_0123456789';
  gateway = await startPaymentGatewaySim({ apiKey: process.env.TEST_GATEWAY_KEY });
  const substitutions = join(mkdtempSync(join(tmpdir(), 'payments-')), 'none.csv');
  writeFileSync(substitutions, 'sku,alternatives\n');
  world = await startWorld({
    oms: {
      stock: {
        dcs: ['DC-1'],
        items: [{ sku: IN_STOCK, dc: 'DC-1', onHand: 100 }, { sku: AWAITED, dc: 'DC-1', onHand: 0, expectedDate: RESTOCK }],
      },
    },
    hub: {
      extra: {
        inventory: { substitutions, checkAtCapture: true },
        payments: { gateway: 'cards' },
        instances: {
          'oms-main': { mappings: { changes: resolve('mappings/change-to-oms-xml.json') } },
          cards: { connector: 'payment-gateway', settings: { url: gateway.url, apiKey: { env: 'TEST_GATEWAY_KEY' }, timeoutMs: 3000 } },
          'kiosk-xml': {
            connector: 'xml-orders', channel: 'kiosk',
            settings: { secret: { env: 'TEST_XML_ORDER_SECRET' }, toleranceSeconds: 300 },
            mappings: { inbound: resolve('mappings/xml-order-to-canonical.json') },
          },
        },
      },
    },
  });
  await world.oms.pushSnapshot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await gateway?.close();
});

/** What the kiosk's hosted field does: the card goes to the gateway, only the token comes back. */
async function tokenFor(number: string): Promise<{ token: string; lastFour: string }> {
  const response = await fetch(`${gateway.url}/v1/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.publishableKey}` },
    body: JSON.stringify({ number, expMonth: 12, expYear: 2030, cvc: '123' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { token: string; lastFour: string };
}

/** Order XML of a lamp (30.00) and, optionally, a shade (20.00), shipping 10.00, paid by `card`. */
async function sendOrder(n: number, card: string, lines: Array<[string, number, number]>): Promise<string> {
  const plan = planXmlOrder(n);
  const planned = lines.map(([sku, quantity, unitPriceCents], i) => ({ ...plan.lines[0]!, number: i + 1, sku, quantity, unitPriceCents, discountCents: 0, taxCents: 0, options: [] }));
  const subtotal = planned.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const xml = renderXmlOrder({
    ...plan, lines: planned, subtotalCents: subtotal, shippingCents: 1000, taxCents: 0, discountCents: 0, grandTotalCents: subtotal + 1000,
  });
  const { token, lastFour } = await tokenFor(card);
  const body = xml.replace('</Order>', `  <Payment method="card"><Token>${token}</Token><LastFour>${lastFour}</LastFour></Payment>\n</Order>`);
  const response = await fetch(`${world.hub.url}/in/kiosk-xml`, { method: 'POST', body, headers: signXmlOrder(body, XML_SECRET) });
  expect(response.status).toBe(202);
  expect(body).not.toContain(card);
  return ((await response.json()) as { hubOrderId: string }).hubOrderId;
}

interface OrderView {
  state: string;
  status: { reason?: string; lines: Record<string, { backordered: number; cancelled: number }> };
  order: { payment: { token: string; lastFour: string } };
  timeline: Array<{ stage: string; summary: string }>;
}

async function orderOf(id: string): Promise<OrderView> {
  return (await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`)).body;
}

function authorizationsOf(id: string) {
  return gateway.authorizations().filter((a) => a.reference === id);
}

describe('payment by token', () => {
  it('authorizes only what can ship, then the rest when it is allocated, releases a cancelled line and captures at shipment', async () => {
    const id = await sendOrder(1, '4242424242424242', [[IN_STOCK, 1, 3000], [AWAITED, 1, 2000]]);
    // 30.00 of lamp can ship now; its share of the 10.00 shipping comes with it: 36.00.
    const first = await eventually(() => (authorizationsOf(id).length === 1 ? authorizationsOf(id) : undefined), 15_000, 'the first authorization');
    expect(first[0]).toMatchObject({ requestedAmount: 3600, approvedAmount: 3600, status: 'approved' });
    await eventually(() => world.oms.orders().find((o) => o.hubOrderId === id), 15_000, 'the order at the OMS after its authorization');
    const view = await orderOf(id);
    expect(view.order.payment).toEqual({ method: 'card', token: expect.stringMatching(/^tok_/), lastFour: '4242' });
    expect(view.timeline.map((e) => e.summary)).toContain(`authorized 36.00 USD (${first[0]!.id})`);

    // The shade comes in and the OMS allocates it: the remaining 24.00 is authorized.
    world.oms.emitStatus(id, 'ACKNOWLEDGED');
    world.oms.emitStatus(id, 'ALLOCATED', { lines: [{ number: 2, qty: 1 }] });
    const both = await eventually(() => (authorizationsOf(id).length === 2 ? authorizationsOf(id) : undefined), 15_000, 'the second authorization');
    expect(both.map((a) => a.approvedAmount)).toEqual([3600, 2400]);

    // The customer cancels the shade: the order is now 40.00 (the lamp and all the shipping), so 20.00 is released.
    const cancel = await fetch(`${world.hub.url}/api/orders/${id}/changes`, {
      method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' }, body: JSON.stringify({ operations: [{ op: 'cancel_line', lineNumber: 2 }] }),
    });
    expect(cancel.status).toBe(202);
    await eventually(() => (gateway.authorization(both[1]!.id)?.releasedAmount === 2000 ? true : undefined), 15_000, 'the release');

    // The lamp ships: the whole 40.00 is captured, from the first authorization and what is left of the second.
    world.oms.emitStatus(id, 'SHIPPED', { lines: [{ number: 1, qty: 1 }] });
    await eventually(() => (gateway.authorization(both[1]!.id)?.capturedAmount === 400 ? true : undefined), 15_000, 'the capture');
    expect(gateway.authorization(first[0]!.id)).toMatchObject({ capturedAmount: 3600, openAmount: 0 });
    expect(gateway.authorization(both[1]!.id)).toMatchObject({ capturedAmount: 400, releasedAmount: 2000, openAmount: 0 });
    const summaries = (await orderOf(id)).timeline.filter((e) => e.stage === 'payment').map((e) => e.summary);
    expect(summaries).toEqual([
      `authorized 36.00 USD (${first[0]!.id})`, `authorized 24.00 USD (${both[1]!.id})`,
      `released 20.00 USD of ${both[1]!.id}`, `captured 36.00 USD of ${first[0]!.id}`, `captured 4.00 USD of ${both[1]!.id}`,
    ]);
    // Each gateway call once, whatever retries happened.
    expect(authorizationsOf(id)).toHaveLength(2);
  });

  it('holds an order whose card is declined, and never sends it to the OMS', async () => {
    const id = await sendOrder(2, '4000000000000002', [[IN_STOCK, 1, 3000]]);
    const held = await eventually(async () => {
      const view = await orderOf(id);
      return view.state === 'on_hold' ? view : undefined;
    }, 15_000, 'the order on hold');
    expect(held.status.reason).toMatch(/^payment: the card was declined \(card_declined: .+\); ask the customer for another card$/);
    expect(held.timeline.map((e) => e.summary)).toContainEqual(expect.stringMatching(/^authorization of 40\.00 USD declined: card_declined/));
    expect(world.oms.orders().some((o) => o.hubOrderId === id)).toBe(false);
  });

  it('holds an order the card covers only in part, saying how much', async () => {
    const id = await sendOrder(3, '4000000000003055', [[IN_STOCK, 2, 3000]]);
    const held = await eventually(async () => {
      const view = await orderOf(id);
      return view.state === 'on_hold' ? view : undefined;
    }, 15_000, 'the order on hold');
    expect(held.status.reason).toBe('payment: the card covered only part of the amount; ask the customer for another card for the rest');
    expect(held.timeline.map((e) => e.summary)).toContainEqual(expect.stringMatching(/^partially approved: 50\.00 USD of 70\.00 USD \(auth_/));
    expect(authorizationsOf(id)).toEqual([expect.objectContaining({ requestedAmount: 7000, approvedAmount: 5000 })]);
    expect(world.oms.orders().some((o) => o.hubOrderId === id)).toBe(false);
  });
});
