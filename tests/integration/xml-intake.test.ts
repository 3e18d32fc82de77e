/**
 * XML order intake end to end: a signed <Order> document POSTed to an `xml-orders`
 * instance is acknowledged with a confirmation code, mapped, and reaches the legacy
 * OMS once with its lines and totals; the same document sent again is one order; an
 * XML bomb (and a bad signature or stale timestamp) is refused with nothing stored.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCents } from '../../sims/storefront/index.js';
import { makeXmlOrder, planXmlOrder, signXmlOrder } from '../../sims/xml-orders/index.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const XML_SECRET = 'test-xml-order-secret-0123456789';

interface Ack { status: string; hubOrderId: string; confirmation: string; duplicate: boolean }

interface OrderView {
  state: string;
  order: {
    externalId: string; channel: string; source: string;
    lines: Array<{ sku: string; quantity: number; unitPrice: number; options?: Record<string, string> }>;
    totals: { grandTotal: number };
  } | null;
  status: { receipts: Array<{ target: string; externalRef: string }> };
}

let world: World;
let xmlUrl: string;

beforeAll(async () => {
  process.env.TEST_XML_ORDER_SECRET = XML_SECRET;
  world = await startWorld({
    hub: {
      extra: {
        instances: {
          'xml-in': {
            connector: 'xml-orders',
            channel: 'api',
            settings: { secret: { env: 'TEST_XML_ORDER_SECRET' }, toleranceSeconds: 300 },
            mappings: { inbound: resolve('mappings/xml-order-to-canonical.json') },
          },
        },
      },
    },
  });
  xmlUrl = `${world.hub.url}/in/xml-in`;
});

afterAll(async () => {
  await world?.stop();
});

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(xmlUrl, { method: 'POST', body, headers });
}

async function waitForState(id: string, state: string): Promise<OrderView> {
  return eventually(async () => {
    const { body } = await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`);
    return body.state === state ? body : undefined;
  }, 15_000, `order ${id} to be ${state}`);
}

/** Every key the hub itself owns (queues and worker heartbeats excluded). */
async function hubKeys(): Promise<string[]> {
  const keys = await world.redis.client().keys(`${world.hub.prefix}:*`);
  return keys.filter((k) => !k.startsWith(`${world.hub.prefix}:q:`) && !k.endsWith(':workers')).sort();
}

async function expectProblem(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = (await response.json()) as { code: string; detail: string };
  expect(body.code).toBe(code);
  expect(body.detail.length).toBeGreaterThan(5);
}

describe('XML orders refused at the door', () => {
  it('answers an XML bomb with 400, a bad signature and a stale timestamp with 401, and stores nothing', async () => {
    const before = await hubKeys();
    const omsBefore = world.oms.orders().length;
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
      + '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Order><OrderId>BOMB-1</OrderId><Notes>&lol3;</Notes></Order>';
    await expectProblem(await post(bomb, signXmlOrder(bomb, XML_SECRET)), 400, 'XML_DOCTYPE');

    const body = makeXmlOrder(901);
    await expectProblem(await post(body, signXmlOrder(body, 'not-the-shared-secret-at-all')), 401, 'BAD_SIGNATURE');
    await expectProblem(await post(body, signXmlOrder(body, XML_SECRET, Date.now() - 3600_000)), 401, 'STALE_TIMESTAMP');
    await expectProblem(await post('<Orders/>', signXmlOrder('<Orders/>', XML_SECRET)), 400, 'NOT_AN_ORDER');

    expect(await hubKeys()).toEqual(before);
    expect(world.oms.orders().length).toBe(omsBefore);
  });
});

describe('a signed XML order travels to the OMS', () => {
  it('is acknowledged with a confirmation code and delivered once with its lines and totals', async () => {
    const plan = planXmlOrder(1);
    const body = makeXmlOrder(1);
    const response = await post(body, signXmlOrder(body, XML_SECRET));
    expect(response.status).toBe(202);
    const ack = (await response.json()) as Ack;
    expect(ack).toMatchObject({ status: 'received', duplicate: false });
    expect(ack.hubOrderId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ack.confirmation).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);

    const omsOrder = await eventually(() => world.oms.orders().find((o) => o.hubOrderId === ack.hubOrderId), 15_000, 'the order at the OMS');
    expect(omsOrder.lines.map((line) => [line.number, line.item, line.qty])).toEqual(
      plan.lines.map((line, index) => [index + 1, line.sku, line.quantity]));
    expect(omsOrder.xml).toContain(`<ExternalId>${plan.orderId}</ExternalId>`);
    expect(omsOrder.xml).toContain(`<Confirmation>${ack.confirmation}</Confirmation>`);
    expect(omsOrder.xml).toContain('<Channel>api</Channel>');
    expect(omsOrder.xml).toContain(`<Merchandise>${formatCents(plan.subtotalCents)}</Merchandise>`);
    expect(omsOrder.xml).toContain(`<Freight>${formatCents(plan.shippingCents)}</Freight>`);
    expect(omsOrder.xml).toContain(`<Tax>${formatCents(plan.taxCents)}</Tax>`);
    expect(omsOrder.xml).toContain(`<Discount>${formatCents(plan.discountCents)}</Discount>`);
    expect(omsOrder.xml).toContain(`<Total>${formatCents(plan.grandTotalCents)}</Total>`);
    for (const line of plan.lines) expect(omsOrder.xml).toContain(`<Price>${formatCents(line.unitPriceCents)}</Price>`);

    const view = await waitForState(ack.hubOrderId, 'sent');
    expect(view.order).toMatchObject({ externalId: plan.orderId, channel: 'api', source: 'xml-in', totals: { grandTotal: plan.grandTotalCents } });
    expect(view.order!.lines.map((line) => line.options)).toEqual(plan.lines.map((line) => Object.fromEntries(line.options)));
    expect(view.status.receipts).toEqual([expect.objectContaining({ target: 'oms-main', externalRef: omsOrder.omsOrderNumber })]);
    await new Promise((r) => setTimeout(r, 300));
    const atOms = world.oms.orders().filter((o) => o.hubOrderId === ack.hubOrderId);
    expect(atOms).toHaveLength(1);
    expect(atOms[0]!.posts).toBe(1);
  });

  it('turns the same XML sent twice into one order: the second answer is the duplicate with the same ids', async () => {
    const body = makeXmlOrder(2);
    const omsBefore = world.oms.orders().length;
    const first = await post(body, signXmlOrder(body, XML_SECRET));
    expect(first.status).toBe(202);
    const firstAck = (await first.json()) as Ack;
    const second = await post(body, signXmlOrder(body, XML_SECRET, Date.now() + 2000));
    expect(second.status).toBe(200);
    const secondAck = (await second.json()) as Ack;
    expect(secondAck).toMatchObject({ hubOrderId: firstAck.hubOrderId, confirmation: firstAck.confirmation, duplicate: true });

    await waitForState(firstAck.hubOrderId, 'sent');
    await new Promise((r) => setTimeout(r, 500));
    const atOms = world.oms.orders().filter((o) => o.hubOrderId === firstAck.hubOrderId);
    expect(atOms).toHaveLength(1);
    expect(atOms[0]!.posts).toBe(1);
    expect(world.oms.orders().length).toBe(omsBefore + 1);
    const byRef = await getJson<{ orders: Array<{ hubOrderId: string }> }>(`${world.hub.url}/api/orders?source=xml-in&ref=${planXmlOrder(2).orderId}`);
    expect(byRef.body.orders.map((o) => o.hubOrderId)).toEqual([firstAck.hubOrderId]);
  });
});
