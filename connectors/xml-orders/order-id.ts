/**
 * The sender's own order id (`<OrderId>`), as exact text: the dedup key and external id
 * of the order, so the same order sent again is one order. Checked at the door so a
 * usable key exists before anything is stored.
 */
import { BadInputError, xmlText } from '../../src/sdk/index.js';
import type { XmlOrderData } from './parse-order.js';

const MAX_LENGTH = 100;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function xmlOrderId(order: XmlOrderData): string {
  const raw = order.OrderId;
  if (Array.isArray(raw)) {
    throw new BadInputError('<OrderId> appears more than once', { code: 'MISSING_ORDER_ID', hint: 'send exactly one <OrderId> in the <Order>' });
  }
  const id = xmlText(raw)?.trim();
  if (!id) {
    throw new BadInputError('the order has no <OrderId>', {
      code: 'MISSING_ORDER_ID', hint: 'put the sending system\'s own order number in <OrderId>; it identifies the order if it is sent again',
    });
  }
  if (id.length > MAX_LENGTH || CONTROL_CHARACTERS.test(id)) {
    throw new BadInputError(`<OrderId> must be 1 to ${MAX_LENGTH} printable characters`, {
      code: 'BAD_ORDER_ID', hint: 'use the sending system\'s order number as plain text, without line breaks',
    });
  }
  return id;
}
