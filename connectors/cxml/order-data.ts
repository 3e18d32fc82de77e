/**
 * The plain data the inbound mapping (`mappings/cxml-order-to-canonical.json`) reads
 * for one OrderRequest: the document's `payloadID` and `timestamp`, the trading
 * partner it was authenticated as, and the `OrderRequestHeader` and `ItemOut` elements
 * as parsed (attributes as `@name`, text beside attributes as `#text`, repeated elements
 * as lists). The Header, with its shared secret, is left out. Amounts in more than one
 * currency send the order to review: the mapping converts every amount in the order's.
 */
import { NeedsReviewError, type RawEnvelope } from '../../src/sdk/index.js';
import type { CxmlIdentity } from './config.js';
import { readCxml, type XmlElement } from './read-cxml.js';
import { attribute, child, descend, list, text } from './xml-values.js';

export interface CxmlOrderData {
  payloadID: string;
  timestamp?: string;
  partner: CxmlIdentity;
  OrderRequestHeader: unknown;
  ItemOut: unknown[];
}

export function orderData(root: XmlElement, partner: CxmlIdentity): CxmlOrderData {
  const orderRequest = descend(root, 'Request', 'OrderRequest');
  const timestamp = attribute(root, 'timestamp');
  const data: CxmlOrderData = {
    payloadID: attribute(root, 'payloadID') ?? '',
    ...(timestamp === undefined ? {} : { timestamp }),
    partner: { identity: partner.identity, domain: partner.domain },
    OrderRequestHeader: child(orderRequest, 'OrderRequestHeader') ?? {},
    ItemOut: list(child(orderRequest, 'ItemOut')),
  };
  const doubts = currencyDoubts(data);
  if (doubts.length > 0) throw new NeedsReviewError(doubts, data, { hint: 'ask the buyer for the order in one currency, or key it by hand' });
  return data;
}

/** The same data from the stored envelope (normalize worker, review, replay): the partner as authenticated at the door. */
export function parseStoredOrder(raw: RawEnvelope): CxmlOrderData {
  const root = readCxml(raw.body);
  const identity = raw.meta.partner;
  const domain = raw.meta.partnerDomain;
  return orderData(root, identity !== undefined && domain !== undefined ? { identity, domain } : firstFrom(root));
}

function firstFrom(root: XmlElement): CxmlIdentity {
  const credential = list(descend(root, 'Header', 'From', 'Credential'))[0];
  return { identity: text(child(credential, 'Identity')) ?? '', domain: attribute(credential, 'domain') ?? '' };
}

/** One reason per amount whose currency is not the order total's. */
function currencyDoubts(data: CxmlOrderData): string[] {
  const header = data.OrderRequestHeader;
  const orderCurrency = currencyOf(descend(header, 'Total', 'Money'));
  const amounts: Array<[string, unknown]> = [
    ['Shipping', descend(header, 'Shipping', 'Money')],
    ['Tax', descend(header, 'Tax', 'Money')],
    ...data.ItemOut.flatMap((item, index): Array<[string, unknown]> => [
      [`ItemOut ${index + 1} UnitPrice`, descend(item, 'ItemDetail', 'UnitPrice', 'Money')],
      [`ItemOut ${index + 1} Tax`, descend(item, 'Tax', 'Money')],
    ]),
  ];
  return amounts.flatMap(([where, money]) => {
    const currency = currencyOf(money);
    return currency !== undefined && orderCurrency !== undefined && currency !== orderCurrency
      ? [`${where} is in ${currency}, the order total in ${orderCurrency}: amounts in several currencies cannot be taken`]
      : [];
  });
}

function currencyOf(money: unknown): string | undefined {
  return attribute(money, 'currency')?.toUpperCase();
}
