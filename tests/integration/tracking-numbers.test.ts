/**
 * Carrier from the tracking number: the OMS reports a shipment with a tracking number
 * and neither carrier nor URL; the order's shipment, the order API and the storefront's
 * callback show the carrier recognised from the number and its public tracking page.
 * The OMS simulator always names a carrier, so the callback is posted as the OMS
 * would send it (signed XML with only `<TrackingNumber>` in `<Shipment>`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOmsBody } from '../../sims/oms-xml/index.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { OMS_CALLBACK_SECRET, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

interface ShipmentView {
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
}

interface View {
  state: string;
  status: { shipments: ShipmentView[] };
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

async function sentOrder(n: number): Promise<{ id: string; oms: string }> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  const id = (sent.body as { hubOrderId: string }).hubOrderId;
  await eventually(async () => ((await view(id)).state === 'sent' ? true : undefined), 15_000, 'order sent');
  const oms = world.oms.orders().find((o) => o.hubOrderId === id)!.omsOrderNumber;
  return { id, oms };
}

/** A signed SHIPPED callback whose shipment carries only a tracking number. */
async function reportShipped(order: { id: string; oms: string }, trackingNumber: string): Promise<string> {
  const xml = `<StatusUpdate><EventId>ship-${order.oms}</EventId><Sequence>1</Sequence><OmsOrderNumber>${order.oms}</OmsOrderNumber>`
    + `<HubOrderId>${order.id}</HubOrderId><Status>SHIPPED</Status><Timestamp>${new Date().toISOString()}</Timestamp>`
    + `<Shipment><TrackingNumber>${trackingNumber}</TrackingNumber></Shipment></StatusUpdate>`;
  const response = await fetch(`${world.hub.url}/in/oms-main/status`, {
    method: 'POST', body: xml, headers: { 'content-type': 'application/xml', 'x-oms-signature': signOmsBody(xml, OMS_CALLBACK_SECRET) },
  });
  return ((await response.json()) as { results: Array<{ outcome: string }> }).results[0]!.outcome;
}

const CASES = [
  { n: 60, carrier: 'UPS', trackingNumber: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
  { n: 61, carrier: 'USPS', trackingNumber: '9400111201080805483016', url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111201080805483016' },
];

describe('carrier recognised from the tracking number', () => {
  for (const { n, carrier, trackingNumber, url } of CASES) {
    it(`shows ${carrier} and its tracking page when the OMS gives only the number`, async () => {
      const order = await sentOrder(n);
      expect(await reportShipped(order, trackingNumber)).toBe('applied');
      const expected = { carrier, trackingNumber, trackingUrl: url };

      const shipped = await eventually(async () => {
        const v = await view(order.id);
        return v.state === 'shipped' ? v : undefined;
      }, 15_000, 'order shipped');
      expect(shipped.status.shipments).toEqual([expect.objectContaining(expected)]);

      const callback = await world.store.waitForCallback((c) => c.body.hubOrderId === order.id && c.body.state === 'shipped', 15_000);
      expect(callback.body.shipments).toEqual([expect.objectContaining(expected)]);
    });
  }
});
