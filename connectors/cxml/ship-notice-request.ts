/**
 * The ShipNoticeRequest for one shipment: its id and dates in the ShipNoticeHeader, the
 * carrier and tracking number in ShipControl (left out when the OMS gave no tracking
 * number), and a ShipNoticeItem per line in the parcel under the buyer's OrderReference.
 */
import type { Notice, Shipment } from '../../src/sdk/index.js';
import { orderReference, unitOf } from './order-reference.js';
import { element, type XmlNode } from './xml-writer.js';

export function shipNoticeRequest(notice: Notice, shipment: Shipment): XmlNode {
  const { order } = notice;
  return element('ShipNoticeRequest', {},
    element('ShipNoticeHeader', {
      shipmentID: shipment.shipmentId, operation: 'new', noticeDate: notice.occurredAt,
      shipmentDate: shipment.shippedAt, deliveryDate: shipment.expectedDate,
    }),
    shipControl(shipment),
    element('ShipNoticePortion', {},
      orderReference(order),
      ...shipment.lines.map((shipped) => element('ShipNoticeItem', { quantity: shipped.quantity, lineNumber: shipped.lineId },
        element('UnitOfMeasure', {}, unitOf(order.lines.find((line) => line.lineId === shipped.lineId)))))));
}

function shipControl(shipment: Shipment): XmlNode | undefined {
  if (!shipment.trackingNumber) return undefined;
  return element('ShipControl', {},
    element('CarrierIdentifier', { domain: 'companyName' }, shipment.carrier ?? 'unknown'),
    element('ShipmentIdentifier', {}, shipment.trackingNumber));
}
