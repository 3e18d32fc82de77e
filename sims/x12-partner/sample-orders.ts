/**
 * Sample purchase orders for the demo: a small built-in catalog (or the SKUs given),
 * 1–3 lines each, a store to ship to and head office to bill, all picked by a seeded
 * generator so the same seed and number give the same order.
 */
import type { PartyAddress, PurchaseOrderPlan } from './types.js';

export interface CatalogEntry {
  sku: string;
  description: string;
  /** Decimal text. */
  unitPrice: string;
}

export const SAMPLE_CATALOG: CatalogEntry[] = [
  { sku: 'PEN2041K', description: 'Ballpoint pen blue (box of 50)', unitPrice: '24.90' },
  { sku: 'GEL3310K', description: 'Gel pen black (box of 12)', unitPrice: '11.40' },
  { sku: 'MRK7730B', description: 'Permanent marker black (pack of 10)', unitPrice: '13.75' },
  { sku: 'HLT4402Y', description: 'Highlighter yellow (pack of 10)', unitPrice: '7.85' },
  { sku: 'PCL1208H', description: 'Pencil HB (box of 72)', unitPrice: '18.30' },
  { sku: 'NTB5120A', description: 'Notebook A4 ruled 96 pages', unitPrice: '3.45' },
];

const STORES: PartyAddress[] = [
  { name: 'Receiving', company: 'Northwind Stores #0142', line1: '1200 Harbor Blvd', city: 'Oakland', state: 'CA', postalCode: '94607', country: 'US' },
  { name: 'Receiving', company: 'Northwind Stores #0311', line1: '88 Elm Street', line2: 'Dock 3', city: 'Columbus', state: 'OH', postalCode: '43215', country: 'US' },
  { name: 'Receiving', company: 'Northwind Stores #0527', line1: '4500 Ridge Road', city: 'Denver', state: 'CO', postalCode: '80216', country: 'US' },
];

const HEAD_OFFICE: PartyAddress = {
  name: 'Accounts Payable', company: 'Northwind Stores Inc', line1: '500 Market Street', line2: 'Floor 9', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US',
};

const BUYERS = [
  { name: 'Dana Whitfield', phone: '4155550142', email: 'dana.whitfield@northwind.example' },
  { name: 'Ravi Menon', phone: '4155550199', email: 'ravi.menon@northwind.example' },
];

export interface SampleOptions {
  seed: number;
  /** The catalog to pick from; default `SAMPLE_CATALOG`. */
  catalog?: CatalogEntry[];
  /** The order date; default today. */
  date?: Date;
  currency?: string;
}

/** Sample order `n` (1, 2, …) of a seed: PO number `NW<seed>-<n>`. */
export function samplePurchaseOrder(n: number, options: SampleOptions): PurchaseOrderPlan {
  const random = seededRandom(options.seed * 100_003 + n);
  const catalog = options.catalog ?? SAMPLE_CATALOG;
  if (catalog.length === 0) throw new Error('the sample catalog is empty');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const entries = shuffled(catalog, random).slice(0, 1 + Math.floor(random() * Math.min(3, catalog.length)));
  const date = options.date ?? new Date();
  return {
    poNumber: `NW${options.seed}-${String(n).padStart(5, '0')}`,
    date: isoDate(date),
    ...(options.currency ? { currency: options.currency } : {}),
    department: String(100 + Math.floor(random() * 9)),
    contact: pick(BUYERS),
    requestedDeliveryDate: isoDate(new Date(date.getTime() + (5 + Math.floor(random() * 10)) * 86_400_000)),
    shipTo: pick(STORES),
    billTo: HEAD_OFFICE,
    lines: entries.map((entry, index) => ({
      lineNumber: String(index + 1), quantity: 1 + Math.floor(random() * 24), uom: 'EA', unitPrice: entry.unitPrice,
      vendorPart: entry.sku, buyerPart: `NW-${entry.sku}`, description: entry.description,
    })),
  };
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
