/**
 * The plain data the inbound mapping (`mappings/x12-850-to-canonical.json`) reads for
 * one 850 purchase order: the trading partner it came from, the document's control
 * numbers (its `sourceDocument`), the order as the 850 reader gives it (strings as sent,
 * ISO dates), and what the mapping language cannot work out itself: each line's amount
 * (quantity × unit price, exact), the ship-to and bill-to parties, the buyer's contact,
 * and the totals (SAC charges and allowances of the header and the lines). A line without
 * a price has no amount, and the order no subtotal: the mapping then sends the order to
 * review. So does a stated total (AMT TT) other than the one worked out.
 */
import { BadInputError, NeedsReviewError, type RawEnvelope } from '../../src/sdk/index.js';
import type { X12Config, X12Partner } from './config.js';
import { multiplyDecimal, subtractDecimal, sumDecimals } from './edi/decimal-text.js';
import {
  readInterchange, readPurchaseOrder850, type Contact850, type FunctionalGroup, type InterchangeReading, type OrderLine850, type Party850,
  type PurchaseOrder850, type TransactionSet,
} from './edi/index.js';
import { partnerById, partnerBySender, partnerLabel } from './partners.js';

/** Where an 850 sits in its interchange: ISA06, ISA13, GS06, ST02 as sent. */
export interface SetPlace {
  sender: string;
  interchange: string;
  group: string;
  set: string;
  version: string;
}

export interface X12OrderData {
  partner: { id: string; name: string; interchangeId: string };
  sourceDocument: string;
  version: string;
  purpose: string;
  type: string;
  poNumber: string;
  releaseNumber?: string;
  poDate: string;
  currency: string;
  contact?: { name?: string; phone?: string; email?: string };
  shipTo?: X12Party;
  billTo?: X12Party;
  requestedDelivery?: string;
  carrier?: PurchaseOrder850['carrier'];
  references: Record<string, string>;
  lines: X12Line[];
  subtotal?: string;
  charges: string;
  allowances: string;
  total?: string;
}

interface X12Party {
  /** N102: the organization or place. */
  name?: string;
  /** N2: who to send it for (a second name). */
  attention?: string;
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  phone?: string;
}

interface X12Line {
  lineNumber: string;
  quantity: string;
  uom: string;
  unitPrice?: string;
  amount?: string;
  vendorPart?: string;
  buyerPart?: string;
  upc?: string;
  description?: string;
  /** The line's SAC allowances, summed (decimal text). */
  allowance?: string;
  ids: Record<string, string>;
}

export function orderData(partner: X12Partner, place: SetPlace, order: PurchaseOrder850): X12OrderData {
  const lines = order.lines.map(lineData);
  const amounts = lines.map((line) => line.amount);
  const subtotal = amounts.every((a): a is string => a !== undefined) ? sumDecimals(amounts) : undefined;
  const charges = sumDecimals(amountsOf(order, 'C'));
  const allowances = sumDecimals(amountsOf(order, 'A'));
  const total = subtotal === undefined ? undefined : subtractDecimal(sumDecimals([subtotal, charges]), allowances);
  const contact = contactData(order.contacts[0] ?? order.parties.find((p) => p.entity === 'BY')?.contacts[0]);
  const shipTo = partyOf(order, 'ST');
  const billTo = partyOf(order, 'BT');
  const requestedDelivery = order.dates['002'] ?? order.dates['010'];
  const data: X12OrderData = {
    partner: { id: partner.id, name: partnerLabel(partner), interchangeId: partner.interchange.id },
    sourceDocument: `${place.sender}/${place.interchange}/${place.group}/${place.set}`,
    version: place.version,
    purpose: order.purpose,
    type: order.type,
    poNumber: order.poNumber,
    ...(order.releaseNumber ? { releaseNumber: order.releaseNumber } : {}),
    poDate: order.poDate,
    currency: (order.currency ?? partner.currency).toUpperCase(),
    ...(contact ? { contact } : {}),
    ...(shipTo ? { shipTo } : {}),
    ...(billTo ? { billTo } : {}),
    ...(requestedDelivery ? { requestedDelivery } : {}),
    ...(order.carrier ? { carrier: order.carrier } : {}),
    references: order.references,
    lines,
    ...(subtotal !== undefined && total !== undefined ? { subtotal, total } : {}),
    charges,
    allowances,
  };
  const stated = order.amounts.TT;
  if (stated !== undefined && total !== undefined && !sameAmount(stated, total)) {
    throw new NeedsReviewError([`the 850's total (AMT TT) is ${stated}, but its lines, charges and allowances make ${total}`], data, {
      hint: 'check the prices and charges against the original; ask the buyer which is right',
    });
  }
  return data;
}

function sameAmount(one: string, other: string): boolean {
  return /^0(?:\.0*)?$/.test(subtractDecimal(one, other).replace('-', ''));
}

/**
 * The same data from the stored envelope (normalize worker, review, replay): the
 * interchange is read again and the set found by its control numbers. Bytes without
 * them (`hub dry-run` of a file) are read as their sender's first 850.
 */
export function parseStoredOrder(config: X12Config, raw: RawEnvelope): X12OrderData {
  const reading = readInterchange(raw.body, { maxBytes: config.maxInterchangeBytes });
  const header = reading.interchange;
  const partner = raw.meta.partner !== undefined
    ? partnerById(config, raw.meta.partner)
    : header && partnerBySender(config, { qualifier: header.senderQualifier, id: header.senderId });
  if (!partner) {
    const who = raw.meta.partner ?? (header ? `${header.senderQualifier}/${header.senderId}` : 'an unreadable sender');
    throw new BadInputError(`the order came from X12 partner "${who}", who is not configured`, {
      code: 'X12_UNKNOWN_PARTNER', hint: 'configure the partner (settings.partners), then replay',
    });
  }
  const found = findSet(reading, raw.meta);
  const order = found ? readPurchaseOrder850(found.set).order : undefined;
  if (reading.rejection) {
    throw new BadInputError(`the interchange is refused (TA1 ${reading.rejection.noteCode}): ${reading.rejection.message}`, {
      code: 'X12_INTERCHANGE_REFUSED', hint: 'ask the partner to send the interchange again with a correct envelope',
    });
  }
  if (!header || !found || !order) {
    throw new BadInputError(`the interchange holds no readable 850${raw.meta.set ? ` at group ${raw.meta.group ?? '?'}, set ${raw.meta.set}` : ''}`, {
      code: 'X12_SET_NOT_FOUND', hint: 'look at the raw bytes of the order; ask the partner to send the purchase order again',
    });
  }
  const { group, set } = found;
  return orderData(partner, { sender: header.senderId, interchange: header.controlNumber, group: group.controlNumber, set: set.controlNumber, version: group.version }, order);
}

/** The set the envelope's meta names, or the first 850 when it names none. */
function findSet(reading: InterchangeReading, meta: Record<string, string>): { group: FunctionalGroup; set: TransactionSet } | undefined {
  for (const group of reading.groups) {
    for (const set of group.sets) {
      const named = meta.set !== undefined ? group.controlNumber === meta.group && set.controlNumber === meta.set : set.id === '850';
      if (named) return { group, set };
    }
  }
  return undefined;
}

function lineData(line: OrderLine850): X12Line {
  const amount = line.unitPrice !== undefined ? multiplyDecimal(line.unitPrice, line.quantity) : undefined;
  return {
    lineNumber: line.lineNumber,
    quantity: line.quantity,
    uom: line.uom,
    ...(line.unitPrice !== undefined ? { unitPrice: line.unitPrice } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(line.ids.VP ? { vendorPart: line.ids.VP } : {}),
    ...(line.ids.BP ? { buyerPart: line.ids.BP } : {}),
    ...(line.ids.UP ? { upc: line.ids.UP } : {}),
    ...(line.description ? { description: line.description } : {}),
    ...(lineAllowances(line).length > 0 ? { allowance: sumDecimals(lineAllowances(line)) } : {}),
    ids: line.ids,
  };
}

/** The header's and every line's SAC amounts of one kind: A allowance, C charge. */
function amountsOf(order: PurchaseOrder850, indicator: 'A' | 'C'): string[] {
  const all = [...order.allowances, ...order.lines.flatMap((line) => line.allowances)];
  return all.filter((a) => a.indicator === indicator && a.amount !== undefined).map((a) => a.amount!);
}

function lineAllowances(line: OrderLine850): string[] {
  return line.allowances.filter((a) => a.indicator === 'A' && a.amount !== undefined).map((a) => a.amount!);
}

function partyOf(order: PurchaseOrder850, entity: string): X12Party | undefined {
  const party: Party850 | undefined = order.parties.find((p) => p.entity === entity);
  if (!party) return undefined;
  const phone = party.contacts.map((c) => c.communications.TE).find(Boolean);
  const fields: X12Party = {
    ...(party.name ? { name: party.name } : {}),
    ...(party.name2 ? { attention: party.name2 } : {}),
    ...party.address,
    ...(phone ? { phone } : {}),
  };
  return fields;
}

function contactData(contact: Contact850 | undefined): X12OrderData['contact'] {
  if (!contact) return undefined;
  const { TE: phone, EM: email } = contact.communications;
  const data = { ...(contact.name ? { name: contact.name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
  return Object.keys(data).length > 0 ? data : undefined;
}
