/**
 * The X12 documents one status change calls for, for the partner an order came from
 * (which documents: `planPartnerDocuments`, shared with cXML; which of them the partner
 * takes: its profile's `documents`):
 * - an 855 when the order's confirmation changes: AD (every line IA) once the OMS
 *   accepts it, AC line by line while units are backordered (IB, with the expected date)
 *   or cancelled (IQ for part of a line, IR for all of it), RJ when it is rejected or cancelled;
 * - per new shipment, an 856 ship notice (carrier, tracking number, the lines in it) and an
 *   810 invoice for what it carries. The first shipment's invoice also bills the order's
 *   shipping and tax, and takes its discount off.
 * Lines are named by the buyer's PO line numbers (the order's line ids), items by our
 * SKU (VP) and the buyer's part number and UPC when the order kept them.
 */
import {
  fromMinorUnits, planPartnerDocuments, type CanonicalOrder, type Confirmation, type Notice, type OrderLine, type Shipment,
} from '../../src/sdk/index.js';
import type { OutboundDocument, X12Partner } from './config.js';
import {
  invoice810, poAck855, shipNotice856, type Invoice810Charge, type PartyDetails, type PoAck855Line,
} from './edi/index.js';

export interface PlannedDocument {
  type: OutboundDocument;
  /** Names the document within the notice: the same notice tried again writes the same one. */
  suffix: string;
  functionalId: 'PR' | 'SH' | 'IN';
  /** For people: "855 acknowledgement (AD)", "856 ship notice 1Z…", "810 invoice 7K3M-QX2PA-1". */
  name: string;
  segments: string[][];
}

const DEFAULT_UNIT = 'EA';

export function planOrderDocuments(partner: X12Partner, notice: Notice): PlannedDocument[] {
  const takes = new Set(partner.documents);
  const documents: PlannedDocument[] = [];
  for (const planned of planPartnerDocuments(notice)) {
    if (planned.kind === 'confirmation') {
      if (takes.has('855')) documents.push(acknowledgement(partner, notice, planned.confirmation));
      continue;
    }
    const number = shipmentNumber(notice, planned.shipment);
    if (takes.has('856')) documents.push(shipNotice(partner, notice, planned.shipment, number));
    if (takes.has('810')) documents.push(invoice(partner, notice, planned.shipment, number));
  }
  return documents;
}

function acknowledgement(partner: X12Partner, notice: Notice, confirmation: Confirmation): PlannedDocument {
  const { order } = notice;
  const ackType = confirmation.type === 'reject' ? 'RJ' : confirmation.type === 'detail' ? 'AC' : 'AD';
  const lines = ackType === 'RJ' ? [] : order.lines.map((line) => acknowledgedLine(order, line, confirmation));
  return {
    type: '855', suffix: '855', functionalId: 'PR', name: `855 acknowledgement (${ackType})`,
    segments: poAck855({
      purpose: '00', ackType, poNumber: order.externalId, poDate: dateOf(order.placedAt), ackDate: dateOf(notice.occurredAt), reference: order.confirmation, lines,
    }, partner.version),
  };
}

function acknowledgedLine(order: CanonicalOrder, line: OrderLine, confirmation: Confirmation): PoAck855Line {
  const exception = confirmation.lines[line.lineId];
  const uom = unitOf(line);
  const base = { lineNumber: line.lineId, quantity: line.quantity, uom, unitPrice: fromMinorUnits(line.unitPrice, order.currency), priceBasis: 'PE', ids: itemIds(line) };
  if (!exception) return { ...base, ack: { status: 'IA', quantity: line.quantity, uom } };
  if (exception.backordered > 0) {
    return { ...base, ack: { status: 'IB', quantity: exception.backordered, uom, ...(exception.expectedDate ? { date: exception.expectedDate } : {}) } };
  }
  const kept = Math.max(0, line.quantity - exception.cancelled);
  return { ...base, ack: kept === 0 ? { status: 'IR', quantity: 0, uom } : { status: 'IQ', quantity: kept, uom } };
}

function shipNotice(partner: X12Partner, notice: Notice, shipment: Shipment, number: number): PlannedDocument {
  const { order } = notice;
  const shipTo = partyOf(order.shipTo);
  return {
    type: '856', suffix: `856-${number}`, functionalId: 'SH', name: `856 ship notice ${shipment.trackingNumber ?? shipment.shipmentId}`,
    segments: shipNotice856({
      shipmentId: shipment.shipmentId, shipDate: dateOf(shipment.shippedAt), time: shipment.shippedAt.slice(11, 16),
      poNumber: order.externalId, poDate: dateOf(order.placedAt),
      carrier: { ...(shipment.carrier ? { name: shipment.carrier } : {}) },
      ...(shipment.trackingNumber ? { trackingNumber: shipment.trackingNumber, pack: { trackingNumber: shipment.trackingNumber } } : {}),
      packages: 1,
      ...(shipTo ? { shipTo } : {}),
      lines: shippedLines(order, shipment).map(({ line, quantity }) => ({
        lineNumber: line.lineId, ids: itemIds(line), quantityShipped: quantity, uom: unitOf(line), quantityOrdered: line.quantity,
      })),
    }, partner.version),
  };
}

function invoice(partner: X12Partner, notice: Notice, shipment: Shipment, number: number): PlannedDocument {
  const { order } = notice;
  const shipped = shippedLines(order, shipment);
  const charges = number === 1 ? orderCharges(order) : [];
  const items = shipped.reduce((sum, { line, quantity }) => sum + line.unitPrice * quantity, 0);
  const totalMinor = charges.reduce((sum, c) => sum + (c.kind === 'C' ? c.amountMinor : -c.amountMinor), items);
  const invoiceNumber = `${order.confirmation}-${number}`;
  const [billTo, shipTo] = [partyOf(order.billTo), partyOf(order.shipTo)];
  return {
    type: '810', suffix: `810-${number}`, functionalId: 'IN', name: `810 invoice ${invoiceNumber}`,
    segments: invoice810({
      invoiceNumber, invoiceDate: dateOf(notice.occurredAt), poNumber: order.externalId, poDate: dateOf(order.placedAt),
      currency: order.currency, shipDate: dateOf(shipment.shippedAt),
      ...(billTo ? { billTo } : {}), ...(shipTo ? { shipTo } : {}),
      lines: shipped.map(({ line, quantity }) => ({
        lineNumber: line.lineId, quantity, uom: unitOf(line), unitPrice: fromMinorUnits(line.unitPrice, order.currency), priceBasis: 'PE',
        ids: itemIds(line), ...(line.description ? { description: line.description } : {}),
      })),
      charges, totalMinor: Math.max(0, totalMinor),
    }, partner.version),
  };
}

/** Shipping, tax and discount of the whole order, billed once (on the first shipment's invoice). */
function orderCharges(order: CanonicalOrder): Invoice810Charge[] {
  const charges: Invoice810Charge[] = [];
  if (order.totals.shipping > 0) charges.push({ kind: 'C', code: 'D240', amountMinor: order.totals.shipping, description: 'Freight' });
  if (order.totals.tax > 0) charges.push({ kind: 'C', code: 'H850', amountMinor: order.totals.tax, description: 'Tax' });
  if (order.totals.discount > 0) charges.push({ kind: 'A', code: 'C310', amountMinor: order.totals.discount, description: 'Discount' });
  return charges;
}

/** 1 for the order's first shipment, 2 for its second…: the invoice number's suffix. */
function shipmentNumber(notice: Notice, shipment: Shipment): number {
  return notice.status.shipments.findIndex((s) => s.shipmentId === shipment.shipmentId) + 1;
}

function shippedLines(order: CanonicalOrder, shipment: Shipment): Array<{ line: OrderLine; quantity: number }> {
  const carried = shipment.lines.length > 0 ? shipment.lines : order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  return carried.flatMap(({ lineId, quantity }) => {
    const line = order.lines.find((l) => l.lineId === lineId);
    return line && quantity > 0 ? [{ line, quantity }] : [];
  });
}

/** Our SKU as the vendor's part number, and the buyer's own ids when the order kept them. */
function itemIds(line: OrderLine): Record<string, string> {
  return {
    VP: line.sku,
    ...(line.options?.BuyerPart ? { BP: line.options.BuyerPart } : {}),
    ...(line.options?.UPC ? { UP: line.options.UPC } : {}),
  };
}

function unitOf(line: OrderLine): string {
  return line.options?.UnitOfMeasure ?? DEFAULT_UNIT;
}

function partyOf(address: CanonicalOrder['shipTo']): PartyDetails | undefined {
  if (!address) return undefined;
  return {
    name: address.company ?? address.name ?? address.line1,
    ...(address.company && address.name ? { name2: address.name } : {}),
    address: {
      line1: address.line1, ...(address.line2 ? { line2: address.line2 } : {}), city: address.city,
      ...(address.region ? { region: address.region } : {}), ...(address.postalCode ? { postalCode: address.postalCode } : {}), country: address.country,
    },
  };
}

function dateOf(instant: string): string {
  return instant.slice(0, 10);
}
