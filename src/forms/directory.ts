/**
 * What a form is checked against: the catalog (SKU, description, unit price, currency)
 * and the customer directory (account number, phone, name, address, e-mail), read from
 * CSV files with a header row. A form order must name items of the catalog at their
 * catalog price, and a customer the directory knows by account number or phone.
 */
import { readFile } from 'node:fs/promises';
import { readCsvTable } from '../sdk/csv-table.js';

export interface CatalogItem {
  sku: string;
  description: string;
  /** Decimal text, e.g. `24.90`. */
  unitPrice: string;
  currency: string;
}

export interface CustomerRecord {
  account: string;
  /** E.164 digits without `+`. */
  phone: string;
  name: string;
  line1: string;
  city: string;
  postcode: string;
  country: string;
  email?: string;
}

export interface Directory {
  catalog: Map<string, CatalogItem>;
  byAccount: Map<string, CustomerRecord>;
  byPhone: Map<string, CustomerRecord>;
}

export async function loadDirectory(files: { catalog: string; customers: string }): Promise<Directory> {
  const [catalogRows, customerRows] = await Promise.all([rows(files.catalog), rows(files.customers)]);
  const catalog = new Map(catalogRows.map((r) => [r.sku!.trim().toUpperCase(), {
    sku: r.sku!.trim().toUpperCase(), description: r.description?.trim() ?? '', unitPrice: r.unit_price!.trim(), currency: (r.currency ?? 'EUR').trim().toUpperCase(),
  }]));
  const customers: CustomerRecord[] = customerRows.map((r) => ({
    account: (r.account ?? '').trim(), phone: (r.phone ?? '').replace(/\D/g, ''), name: (r.name ?? '').trim(), line1: (r.line1 ?? '').trim(),
    city: (r.city ?? '').trim(), postcode: (r.postcode ?? '').trim(), country: (r.country ?? '').trim().toUpperCase(),
    ...(r.email?.trim() ? { email: r.email.trim().toLowerCase() } : {}),
  }));
  return {
    catalog,
    byAccount: new Map(customers.filter((c) => c.account).map((c) => [c.account, c])),
    byPhone: new Map(customers.filter((c) => c.phone).map((c) => [c.phone, c])),
  };
}

async function rows(file: string): Promise<Array<Record<string, string>>> {
  const table = readCsvTable(await readFile(file));
  if (table.problems.length > 0) throw new Error(`${file}: ${table.problems.join('; ')}`);
  return table.rows.map((row) => row.cells);
}
