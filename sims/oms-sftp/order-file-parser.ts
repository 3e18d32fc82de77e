/**
 * Reads an order file (ISO-8859-1, CRLF, 200-character H/O/D/T records) and checks
 * it the way the OMS does: record lengths, record order (H first, T last, each D
 * after its O), the D count of each O, and the trailer's counts and hash totals.
 * Problems are short codes that fit the 46-character ACK reason field; counts are
 * given as `<declared> != <counted>`, e.g. `TRAILER_MISMATCH detail-count 749 != 750`
 * means the trailer says 749 and the file holds 750 D records.
 */
import { numberField, textField, type FieldSpec } from './fixed-width.js';
import { DETAIL, HEADER, ORDER, ORDER_LAYOUT_VERSION, ORDER_RECORD_LENGTH, TRAILER } from './order-layout.js';
import type { OmsSftpLine, OmsSftpOrder } from './types.js';

/** A line as the order file has it (nothing shipped or cancelled yet). */
export type ParsedLine = Omit<OmsSftpLine, 'shipped' | 'cancelled'>;

export type ParsedOrder = Omit<OmsSftpOrder, 'omsOrderNumber' | 'file' | 'receivedAt' | 'state' | 'changes' | 'lines'> & { lines: ParsedLine[] };

export interface OrderFileHeader {
  batchId: string;
  createdDate: string;
  createdTime: string;
  sender: string;
  layoutVersion: string;
}

export type OrderFileReading =
  | { readable: false; reason: string }
  | { readable: true; header: OrderFileHeader | undefined; orders: ParsedOrder[]; problems: string[] };

interface Counted {
  orders: number;
  details: number;
  quantity: number;
  amount: number;
}

interface OpenOrder {
  order: ParsedOrder;
  line: number;
  declaredLines: number | undefined;
}

export function parseOrderFile(content: Buffer): OrderFileReading {
  const text = content.toString('latin1');
  if (text.length === 0) return { readable: false, reason: 'EMPTY_FILE' };
  const reader = new OrderFileReader();
  const records = text.split('\r\n');
  if (records.at(-1) === '') records.pop();
  else reader.problem('RECORD_END last record has no CRLF');
  records.forEach((record, index) => reader.read(record, index + 1, records.length));
  return reader.finish();
}

class OrderFileReader {
  readonly #problems: string[] = [];
  readonly #orders: ParsedOrder[] = [];
  readonly #counted: Counted = { orders: 0, details: 0, quantity: 0, amount: 0 };
  #header: OrderFileHeader | undefined;
  #open: OpenOrder | undefined;
  #trailer: { record: string; line: number } | undefined;

  problem(message: string): void {
    this.#problems.push(message);
  }

  read(record: string, line: number, lastLine: number): void {
    if (record.length !== ORDER_RECORD_LENGTH) this.problem(`RECORD_LENGTH line ${line} ${record.length} != ${ORDER_RECORD_LENGTH}`);
    if (this.#trailer && record[0] !== 'T') this.problem(`RECORD_ORDER line ${line} after T`);
    switch (record[0]) {
      case 'H': return this.#readHeader(record, line);
      case 'O': return this.#readOrder(record, line);
      case 'D': return this.#readDetail(record, line);
      case 'T': return this.#readTrailer(record, line, lastLine);
      default: return this.problem(`RECORD_TYPE line ${line} '${record.slice(0, 1)}'`);
    }
  }

  finish(): OrderFileReading {
    this.#closeOrder();
    if (!this.#header) this.#problems.unshift('RECORD_ORDER line 1 no H record');
    if (this.#orders.length === 0) {
      const first = this.#problems[0];
      return { readable: false, reason: first ? `NO_ORDERS; ${first}` : 'NO_ORDERS' };
    }
    this.#checkTrailer();
    return { readable: true, header: this.#header, orders: this.#orders, problems: this.#problems };
  }

  #readHeader(record: string, line: number): void {
    if (line !== 1 || this.#header) this.problem(`RECORD_ORDER line ${line} H not first`);
    this.#header = {
      batchId: textField(record, HEADER.batchId),
      createdDate: textField(record, HEADER.createdDate),
      createdTime: textField(record, HEADER.createdTime),
      sender: textField(record, HEADER.sender),
      layoutVersion: textField(record, HEADER.layoutVersion),
    };
    if (this.#header.layoutVersion !== ORDER_LAYOUT_VERSION) {
      this.problem(`LAYOUT_VERSION ${this.#header.layoutVersion || '?'} != ${ORDER_LAYOUT_VERSION}`);
    }
  }

  #readOrder(record: string, line: number): void {
    this.#closeOrder();
    this.#counted.orders += 1;
    const total = this.#number(record, ORDER.total, line, 'order-total') ?? 0;
    const declaredLines = this.#number(record, ORDER.detailCount, line, 'detail-count');
    this.#counted.amount += total;
    const order = orderFromRecord(record, total);
    if (order.hubOrderId === '') {
      this.problem(`NO_HUB_ORDER_ID line ${line}`);
      return;
    }
    this.#orders.push(order);
    this.#open = { order, line, declaredLines };
  }

  #readDetail(record: string, line: number): void {
    this.#counted.details += 1;
    const quantity = this.#number(record, DETAIL.quantity, line, 'quantity') ?? 0;
    this.#counted.quantity += quantity;
    const open = this.#open;
    if (!open) return this.problem(`RECORD_ORDER line ${line} D before any O`);
    if (textField(record, DETAIL.hubOrderId) !== open.order.hubOrderId) return this.problem(`RECORD_ORDER line ${line} D of another order`);
    const number = this.#number(record, DETAIL.lineNumber, line, 'line-number') ?? 0;
    const expected = open.order.lines.length + 1;
    if (number !== expected) this.problem(`LINE_NUMBER line ${line} ${number} != ${expected}`);
    open.order.lines.push(lineFromRecord(record, number, quantity, this.#number(record, DETAIL.unitPrice, line, 'unit-price') ?? 0));
  }

  #readTrailer(record: string, line: number, lastLine: number): void {
    this.#closeOrder();
    if (line !== lastLine || this.#trailer) this.problem(`RECORD_ORDER line ${line} T not last`);
    this.#trailer = { record, line };
  }

  #closeOrder(): void {
    const open = this.#open;
    this.#open = undefined;
    if (!open || open.declaredLines === undefined) return;
    if (open.declaredLines !== open.order.lines.length) {
      this.problem(`DETAIL_COUNT line ${open.line} ${open.declaredLines} != ${open.order.lines.length}`);
    }
  }

  #checkTrailer(): void {
    const trailer = this.#trailer;
    if (!trailer) return this.problem('TRAILER_MISSING');
    const checks: Array<[string, FieldSpec, number]> = [
      ['order-count', TRAILER.orderCount, this.#counted.orders],
      ['detail-count', TRAILER.detailCount, this.#counted.details],
      ['qty-hash', TRAILER.quantityHash, this.#counted.quantity],
      ['total-hash', TRAILER.totalHash, this.#counted.amount],
    ];
    for (const [name, spec, counted] of checks) {
      const declared = this.#number(trailer.record, spec, trailer.line, name);
      if (declared !== undefined && declared !== counted) this.problem(`TRAILER_MISMATCH ${name} ${declared} != ${counted}`);
    }
  }

  #number(record: string, spec: FieldSpec, line: number, name: string): number | undefined {
    const value = numberField(record, spec);
    if (value === undefined) this.problem(`BAD_NUMBER line ${line} ${name}`);
    return value;
  }
}

function orderFromRecord(record: string, total: number): ParsedOrder {
  const text = (spec: FieldSpec): string => textField(record, spec);
  return {
    hubOrderId: text(ORDER.hubOrderId),
    confirmation: text(ORDER.confirmation),
    orderDate: text(ORDER.orderDate),
    channel: text(ORDER.channel),
    currency: text(ORDER.currency),
    shipVia: text(ORDER.shipVia),
    shipTo: {
      name: text(ORDER.shipToName),
      street1: text(ORDER.shipToStreet1),
      street2: text(ORDER.shipToStreet2),
      city: text(ORDER.shipToCity),
      region: text(ORDER.shipToRegion),
      postalCode: text(ORDER.shipToPostalCode),
      country: text(ORDER.shipToCountry),
    },
    lines: [],
    total,
    pickup: text(ORDER.pickup) === 'P',
  };
}

function lineFromRecord(record: string, number: number, qty: number, unitPrice: number): ParsedLine {
  return { number, sku: textField(record, DETAIL.sku), qty, unitPrice, description: textField(record, DETAIL.description) };
}
