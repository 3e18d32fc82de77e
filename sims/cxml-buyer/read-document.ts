/**
 * What the buyer makes of a status document from its supplier: which request it is,
 * the purchase order it is about (orderID and the OrderRequest's payloadID), the
 * confirmation type and per-line statuses, or the shipment, carrier and tracking number.
 */
import type { ReceivedDocument } from './types.js';
import { attrOf, childOf, listOf, textOf, type XmlValue } from './xml.js';

export type DocumentFacts = Omit<ReceivedDocument, 'receivedAt' | 'answered' | 'duplicate' | 'xml'>;

export function readDocument(root: XmlValue): DocumentFacts {
  const request = childOf(root, 'Request');
  const kind = typeof request === 'object' && request !== null && !Array.isArray(request)
    ? Object.keys(request).find((name) => !name.startsWith('@')) ?? 'empty Request'
    : 'no Request';
  const facts: DocumentFacts = { payloadID: attrOf(root, 'payloadID') ?? '', kind, items: [] };
  if (kind === 'ConfirmationRequest') return { ...facts, ...confirmation(childOf(request, kind)) };
  if (kind === 'ShipNoticeRequest') return { ...facts, ...shipNotice(childOf(request, kind)) };
  return facts;
}

function reference(orderReference: XmlValue): Pick<DocumentFacts, 'orderID' | 'orderPayloadID'> {
  const orderID = attrOf(orderReference, 'orderID');
  const orderPayloadID = attrOf(childOf(orderReference, 'DocumentReference'), 'payloadID');
  return { ...(orderID ? { orderID } : {}), ...(orderPayloadID ? { orderPayloadID } : {}) };
}

function confirmation(document: XmlValue): Partial<DocumentFacts> {
  const type = attrOf(childOf(document, 'ConfirmationHeader'), 'type');
  const items = listOf(childOf(document, 'ConfirmationItem')).flatMap((item) => listOf(childOf(item, 'ConfirmationStatus')).map((status) => ({
    lineNumber: attrOf(item, 'lineNumber') ?? '', quantity: Number(attrOf(status, 'quantity')), status: attrOf(status, 'type') ?? '',
  })));
  return { ...reference(childOf(document, 'OrderReference')), ...(type ? { confirmationType: type } : {}), items };
}

function shipNotice(document: XmlValue): Partial<DocumentFacts> {
  const portion = listOf(childOf(document, 'ShipNoticePortion'))[0];
  const control = childOf(document, 'ShipControl');
  const shipmentID = attrOf(childOf(document, 'ShipNoticeHeader'), 'shipmentID');
  const carrier = textOf(childOf(control, 'CarrierIdentifier'));
  const trackingNumber = textOf(childOf(control, 'ShipmentIdentifier'));
  const items = listOf(childOf(portion, 'ShipNoticeItem')).map((item) => ({
    lineNumber: attrOf(item, 'lineNumber') ?? '', quantity: Number(attrOf(item, 'quantity')),
  }));
  return {
    ...reference(childOf(portion, 'OrderReference')), items,
    ...(shipmentID ? { shipmentID } : {}), ...(carrier ? { carrier } : {}), ...(trackingNumber ? { trackingNumber } : {}),
  };
}
