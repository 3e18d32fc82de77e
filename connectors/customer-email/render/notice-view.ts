/**
 * The notice view: everything a template may show, computed from the canonical order
 * and its status. Money and dates come formatted for the locale, addresses as lines,
 * tracking links resolved; every documented key is always present (`null` when there is
 * nothing), because templates run in Handlebars' strict mode, where a misspelt variable
 * is an error rather than a silently empty field. The keys are listed in
 * docs/notifications.md: keep the two in step.
 */
import type {
  Address, CanonicalOrder, ChangeNotice, LineQuantities, OrderLine, OrderState, OrderStatus, Shipment,
} from '../../../src/sdk/index.js';
import { addressLines, countryName } from './address-lines.js';
import { formatMoney } from './money.js';
import { isEssential, type NoticeEvent } from './notice-event.js';
import type { Brand } from './templates.js';
import { httpUrl, trackingLink, type CarrierTemplates } from './tracking-link.js';

export interface NoticeView {
  event: NoticeEvent;
  essential: boolean;
  locale: string;
  brand: { id: string; name: string; from: string; replyTo: string | null; supportUrl: string | null };
  customer: { name: string | null; email: string | null };
  order: OrderView;
  status: StatusView;
  /** The change this notice answers: what was asked, and why it was refused. */
  change: { summary: string; reason: string | null } | null;
}

export interface OrderView {
  hubOrderId: string;
  confirmation: string;
  externalId: string;
  channel: string;
  currency: string;
  placedAt: string;
  placedDate: string;
  lines: LineView[];
  itemCount: number;
  totals: {
    subtotal: string; shipping: string; tax: string; discount: string; grandTotal: string;
    hasShipping: boolean; hasTax: boolean; hasDiscount: boolean;
  };
  shipTo: AddressView | null;
  billTo: AddressView | null;
  fulfilment: { method: string; serviceLevel: string | null; requestedDate: string | null; pickupStore: string | null } | null;
  payment: { method: string; lastFour: string | null } | null;
  notes: string | null;
}

export interface LineView {
  lineId: string;
  number: number;
  sku: string;
  description: string | null;
  /** The description, or the SKU when there is none. */
  name: string;
  quantity: number;
  unitPrice: string;
  /** quantity × unit price, before the line's discount (the lines add up to the subtotal). */
  lineTotal: string;
  discount: string | null;
  tax: string | null;
  options: Array<{ name: string; value: string }>;
  quantities: LineQuantitiesView;
}

export interface LineQuantitiesView {
  ordered: number; allocated: number; backordered: number; shipped: number; cancelled: number; returned: number;
  expectedDate: string | null;
}

export interface AddressView {
  name: string | null; company: string | null; line1: string; line2: string | null; city: string;
  region: string | null; postalCode: string | null; country: string; countryName: string; phone: string | null;
  lines: string[];
}

export interface StatusView {
  state: OrderState;
  label: string;
  reason: string | null;
  shipments: ShipmentView[];
  /** The parcels in a delivery exception now (a subset of `shipments`). */
  delayed: ShipmentView[];
  backorders: BackorderView[];
}

export interface ShipmentView {
  shipmentId: string;
  number: number;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: string;
  shippedDate: string;
  delivered: boolean;
  /** The carrier's expected delivery date, formatted (and as the carrier sent it). */
  expectedDate: string | null;
  expectedDateIso: string | null;
  /** What the carrier said while the parcel is in a delivery exception, in its own words. */
  exception: { description: string; date: string } | null;
  lines: Array<{ lineId: string; sku: string; name: string; quantity: number }>;
}

export interface BackorderView {
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  expectedDate: string | null;
  expectedDateIso: string | null;
}

export interface ViewInput {
  event: NoticeEvent;
  order: CanonicalOrder;
  status: OrderStatus;
  brand: Brand;
  carriers: CarrierTemplates;
  locale: string;
  timeZone: string;
  change?: ChangeNotice;
}

/** How each state reads in "your order is now …". */
const STATE_LABELS: Record<OrderState, string> = {
  received: 'received', accepted: 'received', needs_review: 'being checked', rejected: 'not accepted',
  sent: 'received', acknowledged: 'confirmed', allocated: 'being prepared',
  backordered: 'waiting for items to come back in stock', partially_shipped: 'partly shipped',
  ready_for_pickup: 'ready for pickup', shipped: 'shipped', delivered: 'delivered', on_hold: 'on hold', cancel_requested: 'being cancelled',
  cancelled: 'cancelled', return_requested: 'awaiting your return', returned: 'returned', refunded: 'refunded',
};

export function buildView(input: ViewInput): NoticeView {
  const { order, status, brand, locale, timeZone } = input;
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const lines = order.lines.map((line, index) => lineView(line, index, status.lines[line.lineId], money, locale));
  const byId = new Map(lines.map((line) => [line.lineId, line]));
  const shipments = status.shipments.map((shipment, index) => shipmentView(shipment, index, byId, input.carriers, locale, timeZone));
  return {
    event: input.event,
    essential: isEssential(input.event),
    locale,
    brand: {
      id: brand.id, name: brand.name, from: brand.from,
      replyTo: brand.replyTo ?? null, supportUrl: supportLink(brand.supportUrl),
    },
    customer: { name: customerName(order), email: order.customer.email ?? null },
    order: {
      hubOrderId: order.hubOrderId,
      confirmation: order.confirmation,
      externalId: order.externalId,
      channel: order.channel,
      currency: order.currency,
      placedAt: order.placedAt,
      placedDate: formatDate(order.placedAt, locale, timeZone),
      lines,
      itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
      totals: {
        subtotal: money(order.totals.subtotal),
        shipping: money(order.totals.shipping),
        tax: money(order.totals.tax),
        discount: money(order.totals.discount),
        grandTotal: money(order.totals.grandTotal),
        hasShipping: order.totals.shipping !== 0,
        hasTax: order.totals.tax !== 0,
        hasDiscount: order.totals.discount !== 0,
      },
      shipTo: order.shipTo ? addressView(order.shipTo, locale) : null,
      billTo: order.billTo ? addressView(order.billTo, locale) : null,
      fulfilment: order.fulfilment ? {
        method: order.fulfilment.method,
        serviceLevel: order.fulfilment.serviceLevel ?? null,
        requestedDate: order.fulfilment.requestedDate ? formatDate(order.fulfilment.requestedDate, locale, 'UTC') : null,
        pickupStore: order.fulfilment.pickupStore ?? null,
      } : null,
      payment: order.payment ? { method: order.payment.method, lastFour: order.payment.lastFour ?? null } : null,
      notes: present(order.notes),
    },
    status: {
      state: status.state,
      label: STATE_LABELS[status.state] ?? status.state,
      reason: present(status.reason),
      shipments,
      delayed: shipments.filter((shipment) => shipment.exception !== null),
      backorders: lines
        .filter((line) => line.quantities.backordered > 0)
        .map((line) => ({
          lineId: line.lineId, sku: line.sku, name: line.name, quantity: line.quantities.backordered,
          expectedDate: line.quantities.expectedDate,
          expectedDateIso: status.lines[line.lineId]?.expectedDate ?? null,
        })),
    },
    change: input.change ? { summary: input.change.summary, reason: input.change.reason ?? null } : null,
  };
}

/**
 * Whom to greet: the customer's name, else the bill-to name (the person who paid).
 * Never the ship-to name, which may be a gift's recipient. `null`: greet without a name.
 */
export function customerName(order: Pick<CanonicalOrder, 'customer' | 'billTo'>): string | null {
  return present(order.customer.name) ?? present(order.billTo?.name);
}

function lineView(
  line: OrderLine, index: number, quantities: LineQuantities | undefined,
  money: (minor: number) => string, locale: string,
): LineView {
  const description = present(line.description);
  const q = quantities ?? { ordered: line.quantity, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0 };
  return {
    lineId: line.lineId,
    number: index + 1,
    sku: line.sku,
    description,
    name: description ?? line.sku,
    quantity: line.quantity,
    unitPrice: money(line.unitPrice),
    lineTotal: money(line.unitPrice * line.quantity),
    discount: line.discount ? money(line.discount) : null,
    tax: line.tax ? money(line.tax) : null,
    options: Object.entries(line.options ?? {}).map(([name, value]) => ({ name, value })),
    quantities: {
      ordered: q.ordered, allocated: q.allocated, backordered: q.backordered, shipped: q.shipped,
      cancelled: q.cancelled, returned: q.returned,
      expectedDate: q.expectedDate ? formatDate(q.expectedDate, locale, 'UTC') : null,
    },
  };
}

function addressView(address: Address, locale: string): AddressView {
  return {
    name: present(address.name), company: present(address.company), line1: address.line1,
    line2: present(address.line2), city: address.city, region: present(address.region),
    postalCode: present(address.postalCode), country: address.country,
    countryName: countryName(address.country, locale), phone: present(address.phone),
    lines: addressLines(address, locale),
  };
}

function shipmentView(
  shipment: Shipment, index: number, lines: Map<string, LineView>, carriers: CarrierTemplates,
  locale: string, timeZone: string,
): ShipmentView {
  return {
    shipmentId: shipment.shipmentId,
    number: index + 1,
    carrier: present(shipment.carrier),
    trackingNumber: present(shipment.trackingNumber),
    trackingUrl: trackingLink(shipment, carriers) ?? null,
    shippedAt: shipment.shippedAt,
    shippedDate: formatDate(shipment.shippedAt, locale, timeZone),
    delivered: shipment.delivered === true,
    expectedDate: shipment.expectedDate ? formatDate(shipment.expectedDate, locale, 'UTC') : null,
    expectedDateIso: present(shipment.expectedDate),
    exception: shipment.exception ? {
      description: present(shipment.exception.description) ?? 'a delivery problem',
      date: formatDate(shipment.exception.at, locale, timeZone),
    } : null,
    lines: shipment.lines.map(({ lineId, quantity }) => {
      const line = lines.get(lineId);
      return { lineId, sku: line?.sku ?? lineId, name: line?.name ?? lineId, quantity };
    }),
  };
}

/** "2026-11-23T10:00:00Z" → "November 23, 2026" (en-US); the text itself when it is no date. */
export function formatDate(value: string, locale: string, timeZone: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const zone = /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : timeZone;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: zone }).format(date);
}

/** Only http(s) and mailto links go into an `href`. */
function supportLink(value: string | undefined): string | null {
  if (value?.trim().toLowerCase().startsWith('mailto:')) return value.trim();
  return httpUrl(value) ?? null;
}

function present(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
