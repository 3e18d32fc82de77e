/**
 * The segments of an 850 purchase order between ST and SE, as a retailer's buying
 * system writes them: BEG, CUR, REF*DP, PER*BD, DTM*002, N9/MSG notes, the N1 loops
 * (bill-to, ship-to), a PO1 per line with its VP/BP item ids and a PID description,
 * and CTT with the number of PO1s. Free text is cleaned of delimiters.
 */
import { planDate } from './dates.js';
import { plainText } from './x12-writer.js';
import type { PartyAddress, PurchaseOrderLine, PurchaseOrderPlan, X12Separators } from './types.js';

/** MSG01 holds at most 264 characters. */
const MSG_LENGTH = 264;

export function purchaseOrderSegments(plan: PurchaseOrderPlan, separators: Required<X12Separators>): string[][] {
  checkPlan(plan);
  const text = (value: string): string => plainText(value, separators);
  return [
    ['BEG', plan.purpose ?? '00', 'SA', plan.poNumber, '', planDate(plan.date, 'date')],
    ...(plan.currency ? [['CUR', 'BY', plan.currency]] : []),
    ...(plan.department ? [['REF', 'DP', plan.department]] : []),
    ...(plan.contact ? [contactSegment(plan.contact, text)] : []),
    ...(plan.requestedDeliveryDate ? [['DTM', '002', planDate(plan.requestedDeliveryDate, 'requestedDeliveryDate')]] : []),
    ...notesSegments(plan.notes, text),
    ...(plan.billTo ? partySegments('BT', plan.billTo, text) : []),
    ...partySegments('ST', plan.shipTo, text),
    ...plan.lines.flatMap((line) => lineSegments(line, text)),
    ['CTT', String(plan.lines.length)],
  ];
}

function checkPlan(plan: PurchaseOrderPlan): void {
  if (!plan.poNumber) throw new Error('poNumber is required');
  if (plan.lines.length === 0) throw new Error(`purchase order ${plan.poNumber} has no lines`);
  for (const line of plan.lines) {
    if (!/^\d+(\.\d+)?$/.test(line.unitPrice)) throw new Error(`line ${line.lineNumber}: unitPrice must be a decimal like 12.50, got ${JSON.stringify(line.unitPrice)}`);
    if (!Number.isFinite(line.quantity) || line.quantity <= 0) throw new Error(`line ${line.lineNumber}: quantity must be a positive number`);
  }
}

function contactSegment(contact: NonNullable<PurchaseOrderPlan['contact']>, text: (value: string) => string): string[] {
  const segment = ['PER', 'BD', text(contact.name)];
  if (contact.phone) segment.push('TE', text(contact.phone));
  if (contact.email) segment.push('EM', contact.email);
  return segment;
}

function notesSegments(notes: string | undefined, text: (value: string) => string): string[][] {
  const clean = notes ? text(notes) : '';
  if (!clean) return [];
  const chunks = clean.match(new RegExp(`.{1,${MSG_LENGTH}}`, 'g')) ?? [];
  return [['N9', 'L1', 'NOTES'], ...chunks.map((chunk) => ['MSG', chunk.trim()])];
}

function partySegments(code: 'BT' | 'ST', party: PartyAddress, text: (value: string) => string): string[][] {
  return [
    ['N1', code, text(party.name)],
    ...(party.company ? [['N2', text(party.company)]] : []),
    ['N3', text(party.line1), ...(party.line2 ? [text(party.line2)] : [])],
    ['N4', text(party.city), party.state ?? '', party.postalCode ?? '', party.country],
  ];
}

function lineSegments(line: PurchaseOrderLine, text: (value: string) => string): string[][] {
  const po1 = ['PO1', line.lineNumber, String(line.quantity), line.uom ?? 'EA', line.unitPrice, 'PE', 'VP', line.vendorPart];
  if (line.buyerPart) po1.push('BP', line.buyerPart);
  const description = line.description ? text(line.description) : '';
  return description ? [po1, ['PID', 'F', '', '', '', description]] : [po1];
}
