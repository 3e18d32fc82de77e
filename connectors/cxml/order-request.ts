/**
 * Is an authenticated cXML document an order the hub can take? A `Request` holding an
 * `OrderRequest` of type `new` (or no type), with a `payloadID` (the dedup key), an
 * `OrderRequestHeader/@orderID` (the order's external id) and at least one `ItemOut`,
 * each with its own `lineNumber` (confirmations and ship notices name lines by it).
 * Anything else is a BadInputError saying what is wrong; the caller files the document.
 */
import { BadInputError } from '../../src/sdk/index.js';
import { isElement, type XmlElement } from './read-cxml.js';
import { attribute, child, list } from './xml-values.js';

export interface OrderRequestFacts {
  payloadID: string;
  orderID: string;
  /** `Request/@deploymentMode`: `production` (the default) or `test`. */
  deploymentMode: string;
}

const MAX_ID_LENGTH = 100;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const LINE_NUMBER = /^[1-9][0-9]{0,8}$/;

/** The document's payloadID, when it has a usable one (also for filing what is not an order). */
export function payloadIdOf(root: XmlElement): string | undefined {
  const id = attribute(root, 'payloadID');
  return id !== undefined && id.length <= MAX_ID_LENGTH && !CONTROL_CHARACTERS.test(id) ? id : undefined;
}

export function orderRequestFacts(root: XmlElement): OrderRequestFacts {
  const payloadID = payloadIdOf(root);
  if (payloadID === undefined) {
    throw refusal('BAD_PAYLOAD_ID', `the <cXML> root has no usable payloadID (1 to ${MAX_ID_LENGTH} printable characters)`,
      'give every document its own payloadID, e.g. "1732371065.4471@procurement.example.com", and keep it when sending the same document again');
  }
  const request = child(root, 'Request');
  const orderRequest = child(request, 'OrderRequest');
  if (!isElement(orderRequest)) throw notAnOrderRequest(root, request);
  const header = child(orderRequest, 'OrderRequestHeader');
  const orderID = attribute(header, 'orderID');
  if (orderID === undefined || orderID.length > MAX_ID_LENGTH || CONTROL_CHARACTERS.test(orderID)) {
    throw refusal('MISSING_ORDER_ID', `the OrderRequestHeader has no usable orderID (1 to ${MAX_ID_LENGTH} printable characters)`,
      'put the purchase order number in OrderRequestHeader/@orderID');
  }
  const type = attribute(header, 'type') ?? 'new';
  if (type !== 'new') {
    throw refusal('ORDER_CHANGE_NOT_TAKEN', `OrderRequest ${orderID} has type="${type.slice(0, 20)}": only new orders are taken by cXML`,
      'the document is kept for a person; ask the supplier to change or cancel the order, or send it as a new purchase order');
  }
  checkItems(orderID, list(child(orderRequest, 'ItemOut')));
  return { payloadID, orderID, deploymentMode: attribute(request, 'deploymentMode') ?? 'production' };
}

function checkItems(orderID: string, items: unknown[]): void {
  if (items.length === 0) {
    throw refusal('NO_ITEMS', `OrderRequest ${orderID} has no ItemOut`, 'send at least one ItemOut per OrderRequest');
  }
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const lineNumber = attribute(item, 'lineNumber');
    if (lineNumber === undefined || !LINE_NUMBER.test(lineNumber) || seen.has(lineNumber)) {
      throw refusal('BAD_LINE_NUMBER', `ItemOut ${index + 1} of OrderRequest ${orderID} has no lineNumber of its own (a positive whole number, once per order)`,
        'number the ItemOut elements with lineNumber="1", "2", …: confirmations and ship notices name lines by it');
    }
    seen.add(lineNumber);
  });
}

function notAnOrderRequest(root: XmlElement, request: unknown): BadInputError {
  const kind = isElement(request)
    ? Object.keys(request).find((name) => !name.startsWith('@') && !name.startsWith('#'))
    : Object.keys(root).find((name) => !name.startsWith('@') && !name.startsWith('#') && name !== 'Header');
  return refusal('NOT_AN_ORDER_REQUEST', `the document is ${kind ? `a <${kind.slice(0, 40)}>` : 'empty'}, not an OrderRequest: only purchase orders are taken here`,
    'send purchase orders as <Request><OrderRequest>…</OrderRequest></Request>');
}

function refusal(code: string, message: string, hint: string): BadInputError {
  return new BadInputError(message, { code, hint });
}
