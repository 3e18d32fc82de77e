/**
 * Readers of the single segments of an 850 (BEG, CUR, REF, PER, DTM, TD5, N1…N4, PO1,
 * PID, SAC, CTT, AMT): each checks its segment with the set checker and gives its good
 * values as plain data. Errors in BEG and PO1 make the order unusable; errors elsewhere
 * are noted and the bad value is left out.
 */
import type { AllowanceCharge850, Carrier850, Contact850, OrderLine850, Party850 } from './purchase-order-850-types.js';
import { element, type Segment } from './segments.js';
import { lastPairPosition } from './element-table.js';
import type { SetChecker } from './set-checker.js';
import { isoDateOf } from './x12-dates.js';

/** BEG01 purposes accepted: original, cancellation, replace, confirmation, duplicate. */
export const PURPOSE_CODES = ['00', '01', '05', '06', '07'] as const;

export interface OrderHeading {
  purpose: string;
  type: string;
  poNumber: string;
  releaseNumber?: string;
  poDate: string;
}

const NOTED = false;
const REJECTING = true;

export function readHeading(checker: SetChecker, segment: Segment): OrderHeading | undefined {
  const beg = checker.check(segment, { required: [1, 2, 3, 5], codes: { 1: PURPOSE_CODES }, rejects: REJECTING });
  const [purpose, type, poNumber, poDate] = [beg.value(1), beg.value(2), beg.value(3), isoDateOf(beg.value(5) ?? '')];
  if (purpose === undefined || type === undefined || poNumber === undefined || poDate === undefined) return undefined;
  const releaseNumber = beg.value(4);
  return { purpose, type, poNumber, ...(releaseNumber ? { releaseNumber } : {}), poDate };
}

export function readCurrency(checker: SetChecker, segment: Segment): string | undefined {
  return checker.check(segment, { required: [1, 2], rejects: NOTED }).value(2);
}

/** REF: [qualifier, value]; REF03 stands in for an empty REF02. */
export function readReference(checker: SetChecker, segment: Segment): [string, string] | undefined {
  const ref = checker.check(segment, { required: [1], rejects: NOTED });
  const qualifier = ref.value(1);
  const value = ref.value(2) ?? ref.value(3);
  if (element(segment, 2) === '' && element(segment, 3) === '') checker.elementError(segment, 2, '2', NOTED);
  return qualifier !== undefined && value !== undefined ? [qualifier, value] : undefined;
}

export function readContact(checker: SetChecker, segment: Segment): Contact850 | undefined {
  const per = checker.check(segment, { required: [1], rejects: NOTED });
  const role = per.value(1);
  const numbers = checker.pairs(per, [[3, 4], [5, 6], [7, 8]], NOTED);
  if (role === undefined) return undefined;
  const name = per.value(2);
  return { function: role, ...(name ? { name } : {}), communications: Object.fromEntries(numbers) };
}

/** DTM: [qualifier, ISO date]; DTM02 is conditional in the standard, but without it there is no date (AK403 2). */
export function readDate(checker: SetChecker, segment: Segment): [string, string] | undefined {
  const dtm = checker.check(segment, { required: [1], rejects: NOTED });
  if (element(segment, 2) === '') checker.elementError(segment, 2, '2', NOTED);
  const qualifier = dtm.value(1);
  const date = isoDateOf(dtm.value(2) ?? '');
  return qualifier !== undefined && date !== undefined ? [qualifier, date] : undefined;
}

export function readCarrier(checker: SetChecker, segment: Segment): Carrier850 {
  const td5 = checker.check(segment, { rejects: NOTED });
  const [pair] = checker.pairs(td5, [[2, 3]], NOTED);
  const fields: [keyof Carrier850, string | undefined][] = [
    ['routingSequence', td5.value(1)], ['idQualifier', pair?.[0]], ['id', pair?.[1]],
    ['transportationMethod', td5.value(4)], ['routing', td5.value(5)], ['serviceLevel', td5.value(12)],
  ];
  return Object.fromEntries(fields.filter(([, value]) => value !== undefined));
}

export function readPartyName(checker: SetChecker, segment: Segment): Party850 | undefined {
  const n1 = checker.check(segment, { required: [1], rejects: NOTED });
  const entity = n1.value(1);
  const [pair] = checker.pairs(n1, [[3, 4]], NOTED);
  const name = n1.value(2);
  if (element(segment, 2) === '' && element(segment, 3) === '' && element(segment, 4) === '') checker.elementError(segment, 2, '2', NOTED);
  if (entity === undefined) return undefined;
  return { entity, ...(name ? { name } : {}), ...(pair ? { idQualifier: pair[0], id: pair[1] } : {}), address: {}, contacts: [] };
}

export function addName2(checker: SetChecker, party: Party850, segment: Segment): void {
  const n2 = checker.check(segment, { required: [1], rejects: NOTED });
  const text = [n2.value(1), n2.value(2)].filter((value) => value !== undefined).join(' ');
  if (text !== '') party.name2 = party.name2 === undefined ? text : `${party.name2} ${text}`;
}

export function addAddressLines(checker: SetChecker, party: Party850, segment: Segment): void {
  const n3 = checker.check(segment, { required: [1], rejects: NOTED });
  for (const line of [n3.value(1), n3.value(2)]) {
    if (line === undefined) continue;
    if (party.address.line1 === undefined) party.address.line1 = line;
    else party.address.line2 = party.address.line2 === undefined ? line : `${party.address.line2}, ${line}`;
  }
}

export function addPlace(checker: SetChecker, party: Party850, segment: Segment): void {
  const n4 = checker.check(segment, { rejects: NOTED });
  const fields: [keyof Party850['address'], string | undefined][] = [
    ['city', n4.value(1)], ['region', n4.value(2)], ['postalCode', n4.value(3)], ['country', n4.value(4)],
  ];
  for (const [field, value] of fields) if (value !== undefined) party.address[field] = value;
}

/** PO1: line number, quantity (> 0), unit with the quantity, price, basis, identifier pairs. */
export function readLine(checker: SetChecker, segment: Segment): OrderLine850 | undefined {
  const po1 = checker.check(segment, { required: [1, 2], rejects: (position) => position <= 5 });
  const [lineNumber, quantity, uom, unitPrice, priceBasis] = [po1.value(1), po1.value(2), po1.value(3), po1.value(4), po1.value(5)];
  if (quantity !== undefined && !(Number(quantity) > 0)) checker.elementError(segment, 2, '7', REJECTING);
  if (element(segment, 2) !== '' && element(segment, 3) === '') checker.elementError(segment, 3, '2', REJECTING);
  const ids: Record<string, string> = {};
  for (const [qualifier, id] of checker.pairs(po1, identifierPairs('PO1'), NOTED)) ids[qualifier] ??= id;
  if (lineNumber === undefined || quantity === undefined || uom === undefined) return undefined;
  return {
    lineNumber, quantity, uom, ...(unitPrice ? { unitPrice } : {}), ...(priceBasis ? { priceBasis } : {}),
    ids, dates: {}, allowances: [], references: {}, parties: [],
  };
}

/** Positions of the (qualifier, identifier) pairs of a segment: PO106/PO107 … PO124/PO125. */
function identifierPairs(segmentId: string): [number, number][] {
  const pairs: [number, number][] = [];
  const last = lastPairPosition(segmentId) ?? 0;
  for (let position = 6; position < last; position += 2) pairs.push([position, position + 1]);
  return pairs;
}

/** PID: the free-form description (PID05). */
export function readDescription(checker: SetChecker, segment: Segment): string | undefined {
  return checker.check(segment, { required: [1], rejects: NOTED }).value(5);
}

export function readAllowance(checker: SetChecker, segment: Segment): AllowanceCharge850 | undefined {
  const sac = checker.check(segment, { required: [1], codes: { 1: ['A', 'C', 'N'] }, rejects: NOTED });
  const indicator = sac.value(1);
  if (indicator === undefined) return undefined;
  const [code, amount, description] = [sac.value(2), sac.value(5), sac.value(15)];
  if (element(segment, 2) === '' && element(segment, 3) === '') checker.elementError(segment, 2, '2', NOTED);
  return {
    indicator, ...(code ? { code } : {}), ...(amount ? { amount: fromImpliedDecimals(amount) } : {}), ...(description ? { description } : {}),
  };
}

/** CTT01 as sent. */
export function readLineCount(checker: SetChecker, segment: Segment): string | undefined {
  return checker.check(segment, { required: [1], rejects: REJECTING }).value(1);
}

/** AMT: [qualifier, amount]. */
export function readAmount(checker: SetChecker, segment: Segment): [string, string] | undefined {
  const amt = checker.check(segment, { required: [1, 2], rejects: NOTED });
  const [qualifier, amount] = [amt.value(1), amt.value(2)];
  return qualifier !== undefined && amount !== undefined ? [qualifier, amount] : undefined;
}

/** An N2 value (two implied decimals) as a decimal string: `1500` → `15.00`, `-5` → `-0.05`. */
export function fromImpliedDecimals(value: string): string {
  const negative = value.startsWith('-');
  const digits = (negative ? value.slice(1) : value).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${whole}.${digits.slice(-2)}`;
}
