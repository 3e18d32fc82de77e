/**
 * Alternatives per SKU: what to offer instead when an item is out of stock, from a CSV
 * file (`inventory.substitutions`: columns `sku` and `alternatives`, the alternatives
 * separated by spaces or semicolons, best first).
 */
import { readFile } from 'node:fs/promises';
import { readCsvTable } from '../sdk/csv-table.js';

export type Substitutions = ReadonlyMap<string, string[]>;

export async function loadSubstitutions(file: string | undefined): Promise<Substitutions> {
  if (!file) return new Map();
  const table = readCsvTable(await readFile(file));
  if (table.problems.length > 0) throw new Error(`${file}: ${table.problems.join('; ')}`);
  return new Map(table.rows.map((row) => [
    (row.cells.sku ?? '').trim(),
    (row.cells.alternatives ?? '').split(/[\s;]+/).map((s) => s.trim()).filter(Boolean),
  ]));
}
