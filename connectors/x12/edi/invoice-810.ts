/**
 * The 810 invoice, as segments between ST and SE: BIG (invoice date and number, PO date
 * and number), CUR when a currency is given, REF per reference, N1 loops (RI remit-to, BT
 * bill-to, ST ship-to), ITD terms, DTM 011 ship date, IT1 per line (with PID for its
 * description), TDS total (minor units: two implied decimals), SAC per allowance or
 * charge, CTT (number of IT1 lines). The total must equal the lines (quantity × price,
 * each rounded half up to cents) plus charges minus allowances.
 */
import { amountInMinorUnits } from './decimal-text.js';
import { checkedSegments, decimalText, identifierPairs, quantityText, refusal, requiredText, x12Date, type DocumentContext } from './outbound-values.js';
import { partySegments, type PartyDetails } from './party-segments.js';
import type { X12Version } from './versions.js';

export interface Invoice810Line {
  /** IT101: the buyer's PO line number. */
  lineNumber: string;
  quantity: number;
  uom: string;
  /** IT104, a decimal string such as `12.50`. */
  unitPrice: string;
  /** IT105, e.g. PE price per each. */
  priceBasis?: string;
  /** IT106/IT107…: BP buyer part, VP vendor part, UP UPC… (at most 10). */
  ids: Readonly<Record<string, string>>;
  /** PID05 (free form). */
  description?: string;
}

export interface Invoice810Charge {
  /** SAC01: C charge, A allowance. */
  kind: 'C' | 'A';
  /** SAC02, e.g. D240 freight, H850 tax, C310 discount. */
  code: string;
  /** SAC05 in minor units (cents), not negative. */
  amountMinor: number;
  /** SAC15. */
  description?: string;
}

export interface Invoice810Terms {
  /** ITD01, e.g. 01 basic, 05 discount not applicable, 14 previously agreed upon. */
  type: string;
  /** ITD02, default 3 (invoice date). */
  basisDate?: string;
  /** ITD03, a decimal string such as `2`. */
  discountPercent?: string;
  /** ITD05. */
  discountDays?: number;
  /** ITD07. */
  netDays?: number;
  /** ITD12, e.g. `2% 10 NET 30`. */
  description?: string;
}

export interface Invoice810Input {
  invoiceNumber: string;
  /** ISO dates. */
  invoiceDate: string;
  poNumber: string;
  poDate: string;
  /** CUR02 with CUR01 SE (selling party). */
  currency?: string;
  /** DTM 011, ISO date. */
  shipDate?: string;
  references?: Readonly<Record<string, string>>;
  terms?: Invoice810Terms;
  remitTo?: PartyDetails;
  billTo?: PartyDetails;
  shipTo?: PartyDetails;
  lines: readonly Invoice810Line[];
  charges: readonly Invoice810Charge[];
  /** TDS01: total in minor units (two implied decimals). */
  totalMinor: number;
}

export function invoice810(input: Invoice810Input, version: X12Version = '004010'): string[][] {
  const context: DocumentContext = { document: '810 invoice', version };
  if (input.lines.length === 0) throw refusal(context, 'lines must not be empty');
  checkTotal(context, input);
  const segments: string[][] = [[
    'BIG', x12Date(context, 'invoiceDate', input.invoiceDate), requiredText(context, 'invoiceNumber', input.invoiceNumber),
    x12Date(context, 'poDate', input.poDate), requiredText(context, 'poNumber', input.poNumber),
  ]];
  if (input.currency !== undefined) segments.push(['CUR', 'SE', input.currency]);
  for (const [qualifier, value] of Object.entries(input.references ?? {})) segments.push(['REF', qualifier, value]);
  const parties: [string, string, PartyDetails | undefined][] = [['remitTo', 'RI', input.remitTo], ['billTo', 'BT', input.billTo], ['shipTo', 'ST', input.shipTo]];
  for (const [field, entity, party] of parties) if (party) segments.push(...partySegments(context, field, entity, party));
  if (input.terms) segments.push(termsSegment(context, input.terms));
  if (input.shipDate !== undefined) segments.push(['DTM', '011', x12Date(context, 'shipDate', input.shipDate)]);
  input.lines.forEach((line, at) => segments.push(...lineSegments(context, line, `lines[${at}]`)));
  segments.push(['TDS', String(input.totalMinor)]);
  for (const charge of input.charges) segments.push(chargeSegment(charge));
  segments.push(['CTT', String(input.lines.length)]);
  return checkedSegments(context, segments);
}

function checkTotal(context: DocumentContext, input: Invoice810Input): void {
  if (!Number.isSafeInteger(input.totalMinor)) throw refusal(context, 'totalMinor must be a whole number of minor units');
  const numbers = input.lines.map((line) => line.lineNumber);
  const repeated = numbers.find((number, at) => numbers.indexOf(number) !== at);
  if (repeated !== undefined) throw refusal(context, `line number ${repeated} appears twice`);
  let expected = 0n;
  input.lines.forEach((line, at) => {
    const quantity = quantityText(context, `lines[${at}].quantity`, line.quantity);
    expected += amountInMinorUnits(quantity, decimalText(context, `lines[${at}].unitPrice`, line.unitPrice));
  });
  input.charges.forEach((charge, at) => {
    if (!Number.isSafeInteger(charge.amountMinor) || charge.amountMinor < 0) throw refusal(context, `charges[${at}].amountMinor must be a whole number, not negative`);
    if (charge.kind !== 'A' && charge.kind !== 'C') throw refusal(context, `charges[${at}].kind must be C (charge) or A (allowance)`);
    expected += (charge.kind === 'C' ? 1n : -1n) * BigInt(charge.amountMinor);
  });
  if (expected !== BigInt(input.totalMinor)) {
    throw refusal(context, `totalMinor ${input.totalMinor} differs from lines + charges - allowances = ${expected}`);
  }
}

/** SAC: indicator, code, amount in minor units (SAC05), description (SAC15). */
function chargeSegment(charge: Invoice810Charge): string[] {
  const description = charge.description ? [...Array<string>(9).fill(''), charge.description] : [];
  return ['SAC', charge.kind, charge.code, '', '', String(charge.amountMinor), ...description];
}

function termsSegment(context: DocumentContext, terms: Invoice810Terms): string[] {
  const count = (value: number | undefined, field: string): string => (value === undefined ? '' : quantityText(context, field, value, { allowZero: true }));
  return [
    'ITD', terms.type, terms.basisDate ?? '3', terms.discountPercent === undefined ? '' : decimalText(context, 'terms.discountPercent', terms.discountPercent), '',
    count(terms.discountDays, 'terms.discountDays'), '', count(terms.netDays, 'terms.netDays'), '', '', '', '', terms.description ?? '',
  ];
}

function lineSegments(context: DocumentContext, line: Invoice810Line, field: string): string[][] {
  const it1 = [
    'IT1', requiredText(context, `${field}.lineNumber`, line.lineNumber), quantityText(context, `${field}.quantity`, line.quantity),
    requiredText(context, `${field}.uom`, line.uom), line.unitPrice, line.priceBasis ?? '', ...identifierPairs(context, `${field}.ids`, line.ids, 10),
  ];
  return line.description === undefined ? [it1] : [it1, ['PID', 'F', '', '', '', line.description]];
}
