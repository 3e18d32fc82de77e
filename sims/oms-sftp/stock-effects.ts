/**
 * How orders move the OMS's stock: accepted orders take their units, SHIPPED units
 * leave for good (they can no longer be put back), CANCELLED units come back. Each
 * returns the items whose on-hand changed, for a delta file.
 */
import type { MovedUnits } from './order-progress.js';
import type { StockBook } from '../shared/stock-book.js';
import type { OmsSftpOrder, StatusRequest, StockItem } from './types.js';

export function allocateAccepted(stock: StockBook, orders: OmsSftpOrder[]): StockItem[] {
  return stock.tracking(() => {
    for (const order of orders) for (const line of order.lines) stock.allocateLine(order.omsOrderNumber, line.number, line.sku, line.qty);
  });
}

export function stockForStatus(stock: StockBook, order: OmsSftpOrder, status: StatusRequest['status'], moved: MovedUnits[]): StockItem[] {
  if (status === 'SHIPPED') {
    for (const line of moved) stock.consumeLine(order.omsOrderNumber, line.number, line.qty);
    return [];
  }
  if (status !== 'CANCELLED') return [];
  return stock.tracking(() => {
    for (const line of moved) stock.releaseLine(order.omsOrderNumber, line.number, line.qty);
  });
}
