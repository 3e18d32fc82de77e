/**
 * The ConfirmationRequest for a confirmation the order now stands at (planPartnerDocuments in the SDK):
 * `accept` or `reject` for the whole order (a reject says why, when the hub knows), or
 * `detail` with a ConfirmationItem per line: the units accepted, the units backordered
 * (with their expected date) and the units cancelled, each a ConfirmationStatus.
 */
import type { Notice, OrderLine } from '../../src/sdk/index.js';
import type { Confirmation, LineConfirmation } from '../../src/sdk/index.js';
import { orderReference, unitOf } from './order-reference.js';
import { element, type XmlNode } from './xml-writer.js';

export function confirmationRequest(notice: Notice, confirmation: Confirmation): XmlNode {
  const { order, status } = notice;
  const reason = confirmation.type === 'reject' ? status.reason ?? notice.change?.reason : undefined;
  return element('ConfirmationRequest', {},
    element('ConfirmationHeader', {
      type: confirmation.type, noticeDate: notice.occurredAt, confirmID: `${order.hubOrderId}-${status.version}`, operation: 'new',
    }, reason === undefined ? undefined : element('Comments', { 'xml:lang': 'en' }, reason)),
    orderReference(order),
    ...(confirmation.type === 'detail' ? order.lines.map((line) => confirmationItem(line, confirmation.lines[line.lineId])) : []));
}

function confirmationItem(line: OrderLine, exception: LineConfirmation | undefined): XmlNode {
  const unit = unitOf(line);
  const backordered = Math.min(exception?.backordered ?? 0, line.quantity);
  const cancelled = Math.min(exception?.cancelled ?? 0, line.quantity - backordered);
  const accepted = line.quantity - backordered - cancelled;
  const status = (type: string, quantity: number, deliveryDate?: string) => (quantity > 0
    ? element('ConfirmationStatus', { type, quantity, deliveryDate }, element('UnitOfMeasure', {}, unit))
    : undefined);
  return element('ConfirmationItem', { lineNumber: line.lineId, quantity: line.quantity },
    element('UnitOfMeasure', {}, unit),
    status('accept', accepted),
    status('backordered', backordered, exception?.expectedDate),
    status('reject', cancelled));
}
