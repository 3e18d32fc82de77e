/**
 * cXML purchase orders end to end: a buyer's procurement system (the cXML buyer
 * simulator) sends an OrderRequest to a `cxml` instance and is answered 200 with a cXML
 * Response once the order is recorded; the order reaches the OMS once, also when the
 * same payloadID comes again; wrong credentials, XML bombs and external entities are
 * refused with nothing stored, and the shared secret is never kept; as the OMS acknowledges and ships, the buyer receives a
 * ConfirmationRequest (accept) and then a ShipNoticeRequest with the tracking number,
 * and a notice the buyer answered 500 comes again with the same payloadID.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderRequest, payloadIdFor, sendOrderRequest, startCxmlBuyer, type CxmlBuyerSim, type SendOrderRequestOptions } from '../../sims/cxml-buyer/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const BUYER = { identity: 'AN01000000087', domain: 'NetworkID' };
const SUPPLIER = { identity: 'AN01000000001', domain: 'NetworkID' };
const SHARED_SECRET = 'test-cxml-shared-secret-0123456789';
const CREDENTIALS: SendOrderRequestOptions = { buyer: BUYER, supplier: SUPPLIER, sharedSecret: SHARED_SECRET };

interface OrderView {
  state: string;
  order: { externalId: string; channel: string; source: string; customer: { accountNumber?: string }; lines: Array<{ lineId: string; sku: string; quantity: number }> } | null;
  status: { shipments: Array<{ trackingNumber?: string; carrier?: string }> };
  timeline: Array<{ kind: string; summary: string }>;
}

let world: World;
let buyer: CxmlBuyerSim;
let cxmlUrl: string;

beforeAll(async () => {
  process.env.TEST_CXML_ACME_SECRET = SHARED_SECRET;
  buyer = await startCxmlBuyer({ buyer: BUYER, sharedSecret: SHARED_SECRET });
  world = await startWorld({
    oms: { autoProgress: { acknowledgeAfterMs: 150, allocateAfterMs: 300, shipAfterMs: 600 } },
    hub: {
      extra: {
        instances: {
          'cxml-in': {
            connector: 'cxml',
            channel: 'edi',
            settings: {
              supplier: SUPPLIER,
              partners: [{ ...BUYER, name: 'Acme Industrial', sharedSecret: { env: 'TEST_CXML_ACME_SECRET' }, postUrl: buyer.postUrl }],
              timeoutMs: 3000,
            },
            mappings: { inbound: resolve('mappings/cxml-order-to-canonical.json') },
          },
        },
      },
    },
  });
  cxmlUrl = `${world.hub.url}/in/cxml-in`;
});

afterAll(async () => {
  await world?.stop();
  await buyer?.close();
});

/** Every key the hub itself owns (queues and worker heartbeats excluded). */
async function hubKeys(): Promise<string[]> {
  const keys = await world.redis.client().keys(`${world.hub.prefix}:*`);
  return keys.filter((k) => !k.startsWith(`${world.hub.prefix}:q:`) && !k.endsWith(':workers')).sort();
}

async function orderIdsFor(orderID: string): Promise<string[]> {
  const { body } = await getJson<{ orders: Array<{ hubOrderId: string }> }>(`${world.hub.url}/api/orders?source=cxml-in&ref=${encodeURIComponent(orderID)}`);
  return body.orders.map((o) => o.hubOrderId);
}

async function orderView(id: string): Promise<OrderView> {
  return (await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`)).body;
}

describe('cXML documents refused at the door', () => {
  it('answers a wrong shared secret with 401, an XML bomb and an external entity with 400, and stores nothing', async () => {
    const before = await hubKeys();
    const omsBefore = world.oms.orders().length;

    const wrongSecret = await sendOrderRequest(cxmlUrl, { ...CREDENTIALS, sharedSecret: 'not-the-agreed-secret-000', n: 900 });
    expect(wrongSecret.httpStatus).toBe(401);
    expect(wrongSecret.contentType).toBe('text/xml; charset=UTF-8');
    expect(wrongSecret.status).toMatchObject({ code: 401, text: 'Unauthorized', detail: expect.stringContaining('SharedSecret') });

    const bomb = '<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
      + '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><cXML payloadID="bomb@x"><Header/>&lol3;</cXML>';
    const bombed = await sendOrderRequest(cxmlUrl, { ...CREDENTIALS, body: bomb });
    expect(bombed.status).toMatchObject({ code: 400, text: 'Bad Request', detail: expect.stringContaining('DOCTYPE') });

    const signed = buildOrderRequest({ ...CREDENTIALS, n: 901 }).document;
    const external = signed
      .replace(/<!DOCTYPE cXML SYSTEM "[^"]*">/, '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
      .replace('<UserAgent>', '<UserAgent>&xxe;');
    const entity = await sendOrderRequest(cxmlUrl, { ...CREDENTIALS, body: external });
    expect(entity.status).toMatchObject({ code: 400, detail: expect.stringContaining('DOCTYPE') });

    expect(await hubKeys()).toEqual(before);
    expect(world.oms.orders().length).toBe(omsBefore);
  });

  it('files an authenticated document that is no purchase order, answering 400', async () => {
    const { document } = buildOrderRequest({ ...CREDENTIALS, n: 902 });
    const profile = document.replace(/<OrderRequest>[\s\S]*<\/OrderRequest>/, '<ProfileRequest/>');
    const answer = await sendOrderRequest(cxmlUrl, { ...CREDENTIALS, body: profile });
    expect(answer.status).toMatchObject({ code: 400, detail: expect.stringContaining('not an OrderRequest') });
    const { body } = await getJson<{ filed: Array<{ kind: string; reason: string }> }>(`${world.hub.url}/api/filed`);
    expect(body.filed).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'cxml-not-an-order', reason: expect.stringContaining('Acme Industrial') })]));
  });
});

describe('a cXML purchase order travels to the OMS and status comes back as cXML', () => {
  it('is answered 200 once recorded, reaches the OMS once (also when sent again), and the buyer hears accept, then the shipment', async () => {
    const sent = await sendOrderRequest(cxmlUrl, { ...CREDENTIALS, n: 1 });
    expect(sent.httpStatus).toBe(200);
    expect(sent.contentType).toBe('text/xml; charset=UTF-8');
    expect(sent.status).toMatchObject({ code: 200, text: 'OK' });
    expect(sent.body).toContain('<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">');

    const [id] = await orderIdsFor(sent.orderID);
    expect(id).toBeDefined();
    const again = await sendOrderRequest(cxmlUrl, { ...CREDENTIALS, n: 1 });
    expect(again.status).toMatchObject({ code: 200, text: 'OK' });
    expect(again.status!.payloadID).not.toBe(sent.status!.payloadID);
    expect(await orderIdsFor(sent.orderID)).toEqual([id]);

    const omsOrder = await eventually(() => world.oms.orders().find((o) => o.hubOrderId === id), 15_000, 'the order at the OMS');
    expect(omsOrder.lines.map((line) => [line.item, line.qty])).toEqual(sent.plan.lines.map((line) => [line.sku, line.quantity]));
    expect(omsOrder.xml).toContain(`<ExternalId>${sent.orderID}</ExternalId>`);
    expect(omsOrder.xml).toContain('<Channel>edi</Channel>');

    const shipNotice = await buyer.waitFor((d) => d.kind === 'ShipNoticeRequest' && d.orderID === sent.orderID, 15_000);
    const view = await orderView(id!);
    expect(view.order).toMatchObject({ externalId: sent.orderID, channel: 'edi', source: 'cxml-in', customer: { accountNumber: BUYER.identity } });
    const tracking = view.status.shipments[0]?.trackingNumber;
    expect(tracking).toMatch(/^1Z/);
    expect(shipNotice).toMatchObject({
      orderPayloadID: sent.payloadID, trackingNumber: tracking, carrier: 'UPS', answered: 200,
      items: sent.plan.lines.map((line) => ({ lineNumber: String(line.lineNumber), quantity: line.quantity })),
    });

    await new Promise((r) => setTimeout(r, 300));
    const forOrder = buyer.documents().filter((d) => d.orderID === sent.orderID);
    expect(forOrder.map((d) => [d.kind, d.confirmationType ?? null, d.answered])).toEqual([
      ['ConfirmationRequest', 'accept', 200], ['ShipNoticeRequest', null, 200],
    ]);
    expect(forOrder[0]!.orderPayloadID).toBe(payloadIdFor(1));
    expect(world.oms.orders().filter((o) => o.hubOrderId === id).map((o) => o.posts)).toEqual([1]);
    expect(view.timeline.map((entry) => entry.summary)).toContain('sent ConfirmationRequest (accept) to Acme Industrial');

    const raw = await fetch(`${world.hub.url}/api/orders/${id}/raw`, { headers: authHeaders() });
    const kept = await raw.text();
    expect(kept).toContain(`orderID="${sent.orderID}"`);
    expect(kept).toContain('<SharedSecret>[redacted]</SharedSecret>');
    expect(kept).not.toContain(SHARED_SECRET);
  });

  it('sends a notice the buyer answered 500 again, with the same payloadID', async () => {
    buyer.failNext(1);
    const sent = await sendOrderRequest(cxmlUrl, { ...CREDENTIALS, n: 2 });
    expect(sent.status).toMatchObject({ code: 200 });
    await buyer.waitFor((d) => d.kind === 'ShipNoticeRequest' && d.orderID === sent.orderID, 15_000);
    const confirmations = buyer.documents().filter((d) => d.kind === 'ConfirmationRequest' && d.orderID === sent.orderID);
    expect(confirmations.map((d) => d.answered)).toEqual([500, 200]);
    expect(confirmations[1]!.payloadID).toBe(confirmations[0]!.payloadID);
    expect(confirmations[1]!.xml).toBe(confirmations[0]!.xml);
  });
});
