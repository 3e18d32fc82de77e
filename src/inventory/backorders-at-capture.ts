/**
 * At capture, each line of an accepted order is checked against the inventory view: the
 * units no DC can fill now are marked backordered on the line, with the soonest restock
 * date, so the customer's acknowledgement says so at once. Lines of one SKU share its
 * stock in line order. A SKU the OMS never reported is not judged (the OMS decides).
 * Only with `inventory.checkAtCapture`: it costs one Redis round trip per order.
 */
import type { OrderLine } from '../model/order.js';
import type { LineQuantities, OrderStatus } from '../model/status.js';
import type { SkuStock } from '../store/stock-store.js';

export function markBackorders(status: OrderStatus, lines: OrderLine[], stock: SkuStock[]): { status: OrderStatus; short: Array<{ lineId: string; sku: string; backordered: number; expectedDate?: string }> } {
  const left = new Map(stock.filter((s) => s.known).map((s) => [s.sku, s.available]));
  const dates = new Map(stock.map((s) => [s.sku, s.expectedDate]));
  const quantities: Record<string, LineQuantities> = { ...status.lines };
  const short: Array<{ lineId: string; sku: string; backordered: number; expectedDate?: string }> = [];
  for (const line of lines) {
    const available = left.get(line.sku);
    if (available === undefined) continue;
    const filled = Math.min(available, line.quantity);
    left.set(line.sku, available - filled);
    const backordered = line.quantity - filled;
    const current = quantities[line.lineId];
    if (backordered === 0 || !current) continue;
    const expectedDate = dates.get(line.sku);
    quantities[line.lineId] = { ...current, backordered, ...(expectedDate ? { expectedDate } : {}) };
    short.push({ lineId: line.lineId, sku: line.sku, backordered, ...(expectedDate ? { expectedDate } : {}) });
  }
  return { status: short.length > 0 ? { ...status, lines: quantities } : status, short };
}
