/**
 * The catalog the hub knows prices from (`inventory.catalog`: a CSV with columns `sku`,
 * `description`, `unit_price` as a decimal and `currency`): what the agent desk offers
 * and adds to an order at its price. Optional; without it the desk asks for a price.
 */
import { readFile } from 'node:fs/promises';
import { toMinorUnits } from '../model/money.js';
import { readCsvTable } from '../sdk/csv-table.js';

export interface CatalogItem {
  sku: string;
  description: string;
  /** Minor units of `currency`. */
  unitPrice: number;
  currency: string;
}

export type Catalog = ReadonlyMap<string, CatalogItem>;

export async function loadCatalog(file: string | undefined): Promise<Catalog> {
  if (!file) return new Map();
  const table = readCsvTable(await readFile(file));
  if (table.problems.length > 0) throw new Error(`${file}: ${table.problems.join('; ')}`);
  const items = new Map<string, CatalogItem>();
  for (const row of table.rows) {
    const sku = (row.cells.sku ?? '').trim();
    const currency = (row.cells.currency ?? '').trim().toUpperCase();
    if (!sku || !currency) throw new Error(`${file} line ${row.line}: sku and currency are required`);
    items.set(sku, { sku, description: (row.cells.description ?? '').trim(), unitPrice: toMinorUnits((row.cells.unit_price ?? '').trim(), currency), currency });
  }
  return items;
}
