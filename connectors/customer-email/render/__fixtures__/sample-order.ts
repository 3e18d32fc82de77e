/**
 * Test fixtures for the notice renderer: a realistic canonical order (as the Shopify
 * mapping produces it, with the hub's identity added), its status at each customer
 * event, a brand and carriers' tracking URL templates.
 */
import type { CanonicalOrder, LineQuantities, OrderState, OrderStatus, Shipment } from '../../../../src/sdk/index.js';
import type { NoticeEvent } from '../notice-event.js';
import type { Brand } from '../templates.js';
import type { CarrierTemplates } from '../tracking-link.js';

export const CONFIRMATION = 'K7QM-4TX9P';

export function sampleOrder(): CanonicalOrder {
  return {
    schemaVersion: 1,
    hubOrderId: '01KB3Q8Z5V7X2M4N6P8R0S2T4W',
    confirmation: CONFIRMATION,
    channel: 'web',
    source: 'web-shop',
    externalId: '820982911946154508',
    placedAt: '2026-11-23T10:00:00.000Z',
    currency: 'USD',
    customer: { id: '115310627314723954', name: 'Jon Snow', email: 'jon.snow@example.com', phone: '+14155550123' },
    billTo: {
      name: 'Jon Snow', company: "Night's Watch LLC", line1: '100 Castle Black Rd', line2: 'Suite 3',
      city: 'San Francisco', region: 'CA', postalCode: '94107', country: 'US', phone: '+14155550123',
    },
    shipTo: {
      name: 'Sansa Stark', line1: '1 Winterfell Way', city: 'Portland', region: 'OR', postalCode: '97201',
      country: 'US', phone: '+15035550199',
    },
    lines: [
      {
        lineId: '866550311766439020', sku: 'TSHIRT-BLK-M', description: 'Direwolf T-Shirt', quantity: 2,
        unitPrice: 2500, discount: 500, options: { variant: 'Black / M' },
      },
      { lineId: '141249953214522974', sku: 'MUG-001', description: 'Winter Is Coming Mug', quantity: 1, unitPrice: 1500, discount: 0 },
    ],
    totals: { subtotal: 6500, shipping: 750, tax: 480, discount: 500, grandTotal: 7230 },
    payment: { method: 'shopify_payments', authorizedAmount: 7230 },
    fulfilment: { method: 'ship', serviceLevel: 'express' },
    notes: 'Please leave at the back door & ring twice',
    provenance: { rawRef: 'raw:01KB3Q8Z5V7X2M4N6P8R0S2T4W', mappingId: 'shopify-to-canonical', mappingVersion: '1' },
  };
}

/** The same order to collect at a store: no ship-to address. */
export function samplePickupOrder(): CanonicalOrder {
  const order: CanonicalOrder = { ...sampleOrder(), fulfilment: { method: 'pickup', pickupStore: PICKUP_STORE } };
  delete order.shipTo;
  return order;
}

export const PICKUP_STORE = 'S01';

/** The order each event's notice is about: the pickup order for "ready for pickup", else the shipped one. */
export function orderFor(event: NoticeEvent): CanonicalOrder {
  return event === 'ready_for_pickup' ? samplePickupOrder() : sampleOrder();
}

export const TSHIRT = '866550311766439020';
export const MUG = '141249953214522974';

export const sampleBrand: Brand = {
  id: 'default',
  name: 'Winterfell Outfitters',
  from: 'Winterfell Outfitters <orders@winterfell.example>',
  replyTo: 'help@winterfell.example',
  supportUrl: 'https://winterfell.example/help',
};

export const sampleCarriers: CarrierTemplates = {
  UPS: 'https://www.ups.com/track?tracknum={trackingNumber}',
  USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={trackingNumber}',
};

/** The UPS parcel (link from the carrier template) and the FedEx one (its own link). */
export const UPS_SHIPMENT: Shipment = {
  shipmentId: 'SHP-1', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: '2026-11-24T15:30:00.000Z',
  lines: [{ lineId: TSHIRT, quantity: 2 }],
};
export const FEDEX_SHIPMENT: Shipment = {
  shipmentId: 'SHP-2', carrier: 'FedEx', trackingNumber: '449044304137821',
  trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr=449044304137821', shippedAt: '2026-11-25T09:10:00.000Z',
  lines: [{ lineId: MUG, quantity: 1 }],
};

/** The UPS parcel held up by an address problem, with the carrier's new date. */
export const DELAYED_UPS_SHIPMENT: Shipment = {
  ...UPS_SHIPMENT,
  parcelStatus: 'exception', lastTrackedAt: '2026-11-26T08:15:00.000Z', expectedDate: '2026-12-02',
  exception: { code: 'EX-ADDR', description: 'Address problem: no such street number', at: '2026-11-26T08:15:00.000Z' },
  history: [
    { status: 'in_transit', occurredAt: '2026-11-25T06:00:00.000Z', location: 'Louisville, KY' },
    { status: 'exception', occurredAt: '2026-11-26T08:15:00.000Z', code: 'EX-ADDR', description: 'Address problem: no such street number', location: 'Portland, OR' },
  ],
};

function quantities(ordered: number, changes: Partial<LineQuantities> = {}): LineQuantities {
  return { ordered, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0, ...changes };
}

function status(state: OrderState, version: number, changes: Partial<OrderStatus> = {}): OrderStatus {
  return {
    state, version,
    lines: { [TSHIRT]: quantities(2), [MUG]: quantities(1) },
    shipments: [], receipts: [{ target: 'oms-main', externalRef: 'OMS-778812', at: '2026-11-23T10:00:02.000Z' }],
    lastEventAt: {}, ...changes,
  };
}

const shippedLines = { [TSHIRT]: quantities(2, { shipped: 2 }), [MUG]: quantities(1, { shipped: 1 }) };

/** The order's status at the moment each event's notice is sent. */
export function statusFor(event: NoticeEvent): OrderStatus {
  switch (event) {
    case 'received': return status('accepted', 1, { receipts: [] });
    case 'confirmed': return status('acknowledged', 3);
    case 'changed': return status('on_hold', 4, { resumeState: 'acknowledged', reason: 'We are checking the delivery address' });
    case 'backordered': return status('backordered', 4, {
      lines: { [TSHIRT]: quantities(2, { backordered: 2, expectedDate: '2026-12-05' }), [MUG]: quantities(1, { allocated: 1 }) },
    });
    case 'ready_for_pickup': return status('ready_for_pickup', 5, {
      lines: { [TSHIRT]: quantities(2, { allocated: 2 }), [MUG]: quantities(1, { allocated: 1 }) },
    });
    case 'shipped': return status('shipped', 6, { lines: shippedLines, shipments: [UPS_SHIPMENT, FEDEX_SHIPMENT] });
    case 'delayed': return status('shipped', 7, { lines: shippedLines, shipments: [DELAYED_UPS_SHIPMENT, { ...FEDEX_SHIPMENT, delivered: true }] });
    case 'delivered': return status('delivered', 7, {
      lines: shippedLines,
      shipments: [{ ...UPS_SHIPMENT, delivered: true }, { ...FEDEX_SHIPMENT, delivered: true }],
    });
    case 'cancelled': return status('cancelled', 4, {
      lines: { [TSHIRT]: quantities(2, { cancelled: 2 }), [MUG]: quantities(1, { cancelled: 1 }) },
      reason: 'Payment could not be taken',
    });
    case 'change_accepted': return status('acknowledged', 5, {
      lines: { [TSHIRT]: quantities(2), [MUG]: quantities(1, { cancelled: 1 }) },
    });
    case 'change_refused': return status('acknowledged', 5);
    case 'refunded': return status('refunded', 9, {
      lines: { [TSHIRT]: quantities(2, { shipped: 2, returned: 2 }), [MUG]: quantities(1, { shipped: 1, returned: 1 }) },
      shipments: [{ ...UPS_SHIPMENT, delivered: true }, { ...FEDEX_SHIPMENT, delivered: true }],
      reason: 'Returned within 30 days',
    });
  }
}
