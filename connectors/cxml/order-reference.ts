/**
 * How a status document names the buyer's order: `OrderReference` with the buyer's
 * `orderID` and order date, and the `DocumentReference` to the OrderRequest's payloadID.
 * The inbound mapping keeps that payloadID as the order's `sourceDocument`, and the
 * orderID as its `externalId`. Also the unit of measure a line was ordered in (`EA` when none).
 */
import type { CanonicalOrder, OrderLine } from '../../src/sdk/index.js';
import { element, type XmlNode } from './xml-writer.js';

export const DEFAULT_UNIT = 'EA';

export function orderReference(order: CanonicalOrder): XmlNode {
  return element('OrderReference', { orderID: order.externalId, orderDate: order.placedAt },
    element('DocumentReference', { payloadID: sourceDocumentOf(order) }));
}

/** Orders mapped by cxml-order-to-canonical 1.0.0 kept the payloadID in `customer.id`. */
function sourceDocumentOf(order: CanonicalOrder): string {
  return order.sourceDocument ?? order.customer.id ?? '';
}

export function unitOf(line: OrderLine | undefined): string {
  return line?.options?.UnitOfMeasure ?? DEFAULT_UNIT;
}
