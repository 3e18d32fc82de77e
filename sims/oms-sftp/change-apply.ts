/**
 * Applies an accepted change to the OMS's own order, in place: quantities (the new
 * quantity counts open units, as the hub asks it), SKUs and prices, added lines, the
 * ship-to address, cancelled lines or the whole order. The order total moves by what
 * the kept units are worth more or less. Stock follows: more units are allocated, fewer
 * or cancelled ones put back, a changed SKU swaps its units.
 */
import type { ChangeFile, ChangeOperation } from './change-file.js';
import { openUnits, settleState } from './order-progress.js';
import type { StockBook } from '../shared/stock-book.js';
import type { OmsSftpLine, OmsSftpOrder } from './types.js';

/** Decimal places of currencies that do not have two. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

export function applyChange(order: OmsSftpOrder, change: ChangeFile, stock: StockBook | undefined): void {
  const before = merchandise(order);
  for (const operation of change.operations) applyOperation(order, operation, stock);
  order.total = Math.max(0, order.total + merchandise(order) - before);
  order.changes.push(change.changeId);
  settleState(order);
}

function applyOperation(order: OmsSftpOrder, operation: ChangeOperation, stock: StockBook | undefined): void {
  const number = order.omsOrderNumber;
  switch (operation.op) {
    case 'SET_QUANTITY': {
      const line = lineOf(order, operation.lineNumber);
      const more = operation.quantity - openUnits(line);
      line.qty += more;
      if (more > 0) stock?.allocateLine(number, line.number, line.sku, more);
      if (more < 0) stock?.releaseLine(number, line.number, -more);
      return;
    }
    case 'CHANGE_SKU': {
      const line = lineOf(order, operation.lineNumber);
      stock?.releaseLine(number, line.number);
      line.sku = operation.sku;
      if (operation.unitPrice !== undefined) line.unitPrice = minorUnits(operation.unitPrice, order.currency);
      if (operation.description !== undefined) line.description = operation.description;
      stock?.allocateLine(number, line.number, line.sku, openUnits(line));
      return;
    }
    case 'ADD_LINE': {
      const { lineNumber, sku, quantity, unitPrice, description } = operation;
      order.lines.push({ number: lineNumber, sku, qty: quantity, unitPrice: minorUnits(unitPrice, order.currency), description, shipped: 0, cancelled: 0 });
      stock?.allocateLine(number, lineNumber, sku, quantity);
      return;
    }
    case 'CHANGE_ADDRESS':
      order.shipTo = { ...operation.shipTo };
      return;
    case 'CANCEL_LINE':
      cancelLine(order, lineOf(order, operation.lineNumber), stock);
      return;
    case 'CANCEL_ORDER':
      for (const line of order.lines) cancelLine(order, line, stock);
      order.state = 'cancelled';
      return;
  }
}

function cancelLine(order: OmsSftpOrder, line: OmsSftpLine, stock: StockBook | undefined): void {
  line.cancelled += openUnits(line);
  stock?.releaseLine(order.omsOrderNumber, line.number);
}

function lineOf(order: OmsSftpOrder, lineNumber: number): OmsSftpLine {
  const line = order.lines.find((candidate) => candidate.number === lineNumber);
  if (!line) throw new Error(`order ${order.omsOrderNumber} has no line ${lineNumber} (the change was not judged first)`);
  return line;
}

/** Σ unit price × units not cancelled. */
function merchandise(order: OmsSftpOrder): number {
  return order.lines.reduce((sum, line) => sum + line.unitPrice * (line.qty - line.cancelled), 0);
}

/** `12.50` in USD → 1250; `1200` in JPY → 1200. */
export function minorUnits(decimal: string, currency: string): number {
  const exponent = EXPONENTS[currency.toUpperCase()] ?? 2;
  const [whole = '0', fraction = ''] = decimal.trim().split('.');
  return Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0').slice(0, exponent) || '0');
}
