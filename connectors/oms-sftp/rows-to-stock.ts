/**
 * Rows of a stock file into stock updates: the kind and sequence come from the file
 * name, `asOf` from the rows' as_of (a delta may hold several moments: one update per
 * as_of, oldest first; a snapshot is one moment). A file with only its header row is an
 * update without items at the time in its name: a snapshot of nothing still tells the
 * hub to ignore older deltas.
 */
import { BadInputError, type ParsedFile, type StockItem, type StockUpdate } from '../../src/sdk/index.js';
import type { StockFileName } from './stock-file-name.js';

type Row = ParsedFile['rows'][number];

interface StockRow {
  sku?: unknown;
  dc?: unknown;
  onHand?: unknown;
  expectedDate?: unknown;
  asOf?: unknown;
}

export function rowsToStock(fileName: string, name: StockFileName, rows: Row[]): StockUpdate[] {
  const byMoment = new Map<string, StockItem[]>();
  for (const row of rows) {
    const { asOf, item } = stockItemOf(fileName, row);
    byMoment.set(asOf, [...(byMoment.get(asOf) ?? []), item]);
  }
  if (byMoment.size === 0) byMoment.set(name.writtenAt, []);
  if (name.kind === 'snapshot' && byMoment.size > 1) {
    throw new BadInputError(`${fileName}: a snapshot is one moment, but its rows have ${byMoment.size} different as_of times (${[...byMoment.keys()].join(', ')})`, {
      code: 'SNAPSHOT_TIMES', hint: 'give every row of a snapshot the same as_of, or send the rows that differ as a delta',
    });
  }
  return [...byMoment.entries()]
    .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
    .map(([asOf, items]) => ({ kind: name.kind, asOf, sequence: name.sequence, items }));
}

function stockItemOf(fileName: string, row: Row): { asOf: string; item: StockItem } {
  const value = row.value as StockRow;
  const where = `${fileName} line ${row.line}`;
  if (typeof value.sku !== 'string' || value.sku === '' || typeof value.dc !== 'string' || value.dc === '') {
    throw new BadInputError(`${where}: a stock row needs a sku and a dc`, { code: 'BAD_STOCK_ROW' });
  }
  const label = `${where} (${value.sku} at ${value.dc})`;
  if (typeof value.onHand !== 'number' || !Number.isInteger(value.onHand) || value.onHand < 0) {
    throw new BadInputError(`${label}: on_hand must be a whole number of units ≥ 0, got ${String(value.onHand)}`, { code: 'BAD_STOCK_ROW' });
  }
  if (typeof value.asOf !== 'string' || Number.isNaN(Date.parse(value.asOf))) {
    throw new BadInputError(`${label}: as_of must be a time`, { code: 'BAD_STOCK_ROW' });
  }
  const item: StockItem = { sku: value.sku, dc: value.dc, onHand: value.onHand };
  if (typeof value.expectedDate === 'string' && value.expectedDate !== '') item.expectedDate = value.expectedDate;
  return { asOf: new Date(value.asOf).toISOString(), item };
}
