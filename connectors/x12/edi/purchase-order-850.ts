/**
 * One received 850 transaction set → the purchase order as plain data, with the AK3/AK4
 * errors a 997 reports. BEG must come first and once; at least one PO1 loop must follow;
 * PO101 line numbers must be unique; CTT01 must equal the number of PO1 segments. Any of
 * these failing, or a bad BEG or PO1 element, makes the order unusable (`order` is then
 * undefined and the 997 says R). Other segment errors are noted (997 E) and their bad
 * values left out. Segments the reader does not use (TAX, FOB, ITD, MSG, LIN…) are ignored.
 */
import type { TransactionSet } from './envelope-types.js';
import {
  addAddressLines, addName2, addPlace, readAllowance, readAmount, readCarrier, readContact, readCurrency, readDate, readDescription,
  readHeading, readLine, readLineCount, readPartyName, readReference, type OrderHeading,
} from './purchase-order-850-segments.js';
import type { AllowanceCharge850, Carrier850, Contact850, OrderLine850, Party850, PurchaseOrder850 } from './purchase-order-850-types.js';
import type { Segment } from './segments.js';
import { SetChecker } from './set-checker.js';
import type { SegmentError } from './syntax-errors.js';

export type * from './purchase-order-850-types.js';

export interface PurchaseOrderReading {
  /** The order; undefined when an error makes it unusable. */
  order?: PurchaseOrder850;
  /** AK3/AK4 errors for the 997, by position. */
  errors: SegmentError[];
}

/** Segments of the N1 loop after N1 (the loop ends at any other segment). */
const PARTY_LOOP = new Set(['N2', 'N3', 'N4', 'NX2', 'REF', 'PER', 'SI', 'FOB', 'TD1', 'TD5', 'TD3', 'TD4', 'PKG']);

export function readPurchaseOrder850(set: TransactionSet): PurchaseOrderReading {
  const walk = new OrderWalk(new SetChecker(set));
  for (const segment of set.segments) walk.take(segment);
  return walk.finish();
}

class OrderWalk {
  private heading: OrderHeading | undefined;
  private begSeen = false;
  private currency: string | undefined;
  private readonly references: Record<string, string> = {};
  private readonly contacts: Contact850[] = [];
  private readonly dates: Record<string, string> = {};
  private carrier: Carrier850 | undefined;
  private readonly parties: Party850[] = [];
  private readonly lines: OrderLine850[] = [];
  private readonly lineSegments: Segment[] = [];
  private readonly allowances: AllowanceCharge850[] = [];
  private readonly amounts: Record<string, string> = {};
  private lineCount: Segment | undefined;
  private totalLineItems: string | undefined;
  private party: Party850 | undefined;
  private line: OrderLine850 | undefined;
  private firstSegment = true;

  constructor(private readonly checker: SetChecker) {}

  take(segment: Segment): void {
    if (this.party && !PARTY_LOOP.has(segment.id)) this.party = undefined;
    const first = this.firstSegment;
    this.firstSegment = false;
    if (segment.id === 'BEG') return this.takeHeading(segment, first);
    if (this.lineCount && segment.id !== 'AMT') return this.takeAfterSummary(segment);
    if (this.line) return this.takeInLine(this.line, segment);
    this.takeInHeader(segment);
  }

  finish(): { order?: PurchaseOrder850; errors: SegmentError[] } {
    this.checkMandatorySegments();
    this.checkLineCount();
    const errors = this.checker.errors;
    if (!this.heading || errors.some((error) => error.rejectsSet)) return { errors };
    return { order: this.order(this.heading), errors };
  }

  private order(heading: OrderHeading): PurchaseOrder850 {
    return {
      ...heading, ...(this.currency ? { currency: this.currency } : {}), references: this.references, contacts: this.contacts,
      dates: this.dates, ...(this.carrier ? { carrier: this.carrier } : {}), parties: this.parties.map(inFieldOrder),
      lines: this.lines.map(lineInFieldOrder),
      allowances: this.allowances, amounts: this.amounts, ...(this.totalLineItems ? { totalLineItems: this.totalLineItems } : {}),
    };
  }

  private takeHeading(segment: Segment, first: boolean): void {
    const position = this.checker.position(segment);
    if (this.begSeen) return this.checker.segmentError('BEG', position, '5', true);
    this.begSeen = true;
    if (!first) this.checker.segmentError('BEG', position, '2', true);
    this.heading = readHeading(this.checker, segment);
  }

  private takeInHeader(segment: Segment): void {
    const { checker } = this;
    switch (segment.id) {
      case 'CUR':
        if (this.currency !== undefined) return checker.segmentError('CUR', checker.position(segment), '5', false);
        this.currency = readCurrency(checker, segment);
        return;
      case 'REF': return this.party ? undefined : addFirst(this.references, readReference(checker, segment));
      case 'PER': return addContact(this.party?.contacts ?? this.contacts, readContact(checker, segment));
      case 'DTM': return addFirst(this.dates, readDate(checker, segment));
      case 'TD5':
        if (!this.party && !this.carrier) this.carrier = readCarrier(checker, segment);
        return;
      case 'SAC': return addAllowance(this.allowances, readAllowance(checker, segment));
      case 'AMT': return addFirst(this.amounts, readAmount(checker, segment));
      case 'PO1': return this.openLine(segment);
      case 'CTT': return this.takeLineCount(segment);
      default: return this.takePartySegment(this.parties, segment);
    }
  }

  private takeInLine(line: OrderLine850, segment: Segment): void {
    const { checker } = this;
    switch (segment.id) {
      case 'PO1': return this.openLine(segment);
      case 'PID': {
        const text = readDescription(checker, segment);
        if (text !== undefined) line.description = line.description === undefined ? text : `${line.description} ${text}`;
        return;
      }
      case 'DTM': return addFirst(line.dates, readDate(checker, segment));
      case 'SAC': return addAllowance(line.allowances, readAllowance(checker, segment));
      case 'REF': return this.party ? undefined : addFirst(line.references, readReference(checker, segment));
      case 'PER': return this.party ? addContact(this.party.contacts, readContact(checker, segment)) : undefined;
      case 'CTT': return this.takeLineCount(segment);
      default: return this.takePartySegment(line.parties, segment);
    }
  }

  /** N1, N2, N3, N4: parties of the header or of the current line. */
  private takePartySegment(parties: Party850[], segment: Segment): void {
    const { checker } = this;
    if (segment.id === 'N1') {
      this.party = readPartyName(checker, segment);
      if (this.party) parties.push(this.party);
      return;
    }
    if (!['N2', 'N3', 'N4'].includes(segment.id)) return;
    if (!this.party) return checker.segmentError(segment.id, checker.position(segment), '2', false);
    if (segment.id === 'N2') addName2(checker, this.party, segment);
    if (segment.id === 'N3') addAddressLines(checker, this.party, segment);
    if (segment.id === 'N4') addPlace(checker, this.party, segment);
  }

  private openLine(segment: Segment): void {
    this.party = undefined;
    this.lineSegments.push(segment);
    const line = readLine(this.checker, segment);
    const duplicate = line !== undefined && this.lines.some((other) => other.lineNumber === line.lineNumber);
    if (duplicate) this.checker.elementError(segment, 1, '7', true);
    if (line) this.lines.push(line);
    this.line = line ?? unreadLine();
  }

  private takeLineCount(segment: Segment): void {
    this.line = undefined;
    this.lineCount = segment;
    this.totalLineItems = readLineCount(this.checker, segment);
  }

  /** After CTT only AMT belongs; anything this reader uses is out of place there. */
  private takeAfterSummary(segment: Segment): void {
    const { checker } = this;
    if (segment.id === 'CTT') return checker.segmentError('CTT', checker.position(segment), '5', true);
    if (['PO1', 'N1', 'N2', 'N3', 'N4', 'REF', 'PER', 'DTM', 'SAC', 'PID', 'CUR', 'TD5'].includes(segment.id)) {
      checker.segmentError(segment.id, checker.position(segment), '2', segment.id === 'PO1');
    }
  }

  private checkMandatorySegments(): void {
    if (!this.begSeen) this.checker.segmentError('BEG', 2, '3', true);
    if (this.lineSegments.length === 0) {
      const position = this.lineCount ? this.checker.position(this.lineCount) : this.checker.endPosition();
      this.checker.segmentError('PO1', position, '3', true);
    }
  }

  /** CTT01 counts the PO1 segments; another count is reported as AK403 7 on CTT01. */
  private checkLineCount(): void {
    if (!this.lineCount || this.totalLineItems === undefined) return;
    if (Number(this.totalLineItems) !== this.lineSegments.length) this.checker.elementError(this.lineCount, 1, '7', true);
  }
}

/** The party with its fields in the documented order (N2 read after N3 still comes before the address). */
function inFieldOrder(party: Party850): Party850 {
  const { entity, name, idQualifier, id, name2, address, contacts } = party;
  return { entity, ...(name ? { name } : {}), ...(idQualifier ? { idQualifier } : {}), ...(id ? { id } : {}), ...(name2 ? { name2 } : {}), address, contacts };
}

function lineInFieldOrder(line: OrderLine850): OrderLine850 {
  const { lineNumber, quantity, uom, unitPrice, priceBasis, ids, description, dates, allowances, references, parties } = line;
  return {
    lineNumber, quantity, uom, ...(unitPrice ? { unitPrice } : {}), ...(priceBasis ? { priceBasis } : {}), ids,
    ...(description ? { description } : {}), dates, allowances, references, parties: parties.map(inFieldOrder),
  };
}

/** Stands for a PO1 that could not be read, so its PID, DTM… do not land on the line before. */
function unreadLine(): OrderLine850 {
  return { lineNumber: '', quantity: '', uom: '', ids: {}, dates: {}, allowances: [], references: {}, parties: [] };
}

function addFirst(map: Record<string, string>, entry: [string, string] | undefined): void {
  if (entry && !Object.hasOwn(map, entry[0])) map[entry[0]] = entry[1];
}

function addContact(contacts: Contact850[], contact: Contact850 | undefined): void {
  if (contact) contacts.push(contact);
}

function addAllowance(allowances: AllowanceCharge850[], allowance: AllowanceCharge850 | undefined): void {
  if (allowance) allowances.push(allowance);
}
