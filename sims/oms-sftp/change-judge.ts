/**
 * Whether the OMS can apply a change, all operations judged before any is applied:
 * not when the order is unknown, shipped or cancelled, when a line it touches is
 * unknown, has shipped units or has nothing left open, when an added line takes a
 * number already used, or (when the OMS keeps stock) when a new or changed SKU is in
 * stock in no DC. Answers the first reason as a short code, or undefined to accept.
 */
import type { ChangeFile, ChangeOperation } from './change-file.js';
import { openUnits } from './order-progress.js';
import type { StockBook } from '../shared/stock-book.js';
import type { OmsSftpOrder } from './types.js';

export function judgeChange(order: OmsSftpOrder | undefined, change: ChangeFile, stock: StockBook | undefined): string | undefined {
  if (!order) return `UNKNOWN_ORDER ${change.omsOrderNumber || change.hubOrderId}`;
  if (order.state === 'cancelled') return 'ORDER_CANCELLED';
  if (order.state === 'shipped') return 'ORDER_SHIPPED';
  for (const operation of change.operations) {
    const reason = judgeOperation(order, operation, stock);
    if (reason) return reason;
  }
  return undefined;
}

function judgeOperation(order: OmsSftpOrder, operation: ChangeOperation, stock: StockBook | undefined): string | undefined {
  switch (operation.op) {
    case 'SET_QUANTITY':
      return judgeLine(order, operation.lineNumber) ?? (operation.quantity < 1 ? `BAD_QUANTITY line ${operation.lineNumber}` : undefined);
    case 'CHANGE_SKU':
      return judgeLine(order, operation.lineNumber) ?? judgeStock(operation.sku, stock);
    case 'ADD_LINE':
      if (order.lines.some((line) => line.number === operation.lineNumber)) return `LINE_EXISTS line ${operation.lineNumber}`;
      return operation.quantity < 1 ? `BAD_QUANTITY line ${operation.lineNumber}` : judgeStock(operation.sku, stock);
    case 'CANCEL_LINE':
      return judgeLine(order, operation.lineNumber);
    case 'CANCEL_ORDER':
      return order.lines.map((line) => (line.shipped > 0 ? `LINE_SHIPPED line ${line.number}` : undefined)).find(Boolean);
    case 'CHANGE_ADDRESS':
      return undefined;
  }
}

function judgeLine(order: OmsSftpOrder, lineNumber: number): string | undefined {
  const line = order.lines.find((candidate) => candidate.number === lineNumber);
  if (!line) return `UNKNOWN_LINE line ${lineNumber}`;
  if (line.shipped > 0) return `LINE_SHIPPED line ${lineNumber}`;
  if (openUnits(line) === 0) return `LINE_CANCELLED line ${lineNumber}`;
  return undefined;
}

function judgeStock(sku: string, stock: StockBook | undefined): string | undefined {
  return stock && !stock.hasStock(sku) ? `NO_STOCK ${sku}` : undefined;
}
