/**
 * Renders stock files: UTF-8 CSV with the header row of the spec, CRLF line ends, and
 * RFC 4180 quoting; one row per SKU×DC, on hand absolute, the restock date only while
 * nothing is on hand, and the same as_of on every row.
 */
import { csvField } from './status-csv.js';
import type { StockItem } from './types.js';

export const STOCK_CSV_HEADER = ['sku', 'dc', 'on_hand', 'expected_date', 'as_of'] as const;

/** The item as a file carries it: the restock date only while `onHand` is 0. */
export function asWritten(item: StockItem): StockItem {
  const { sku, dc, onHand, expectedDate } = item;
  return onHand === 0 && expectedDate !== undefined ? { sku, dc, onHand, expectedDate } : { sku, dc, onHand };
}

export function renderStockCsv(items: StockItem[], asOf: string): string {
  const rows = items.map((item) => [item.sku, item.dc, String(item.onHand), item.expectedDate ?? '', asOf].map(csvField).join(','));
  return [STOCK_CSV_HEADER.join(','), ...rows].map((line) => `${line}\r\n`).join('');
}
