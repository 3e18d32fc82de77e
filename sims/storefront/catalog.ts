/**
 * Deterministic sample data for generated storefront orders: products, names,
 * US addresses and phone formats, picked by a small integer hash of the order
 * number (no randomness, so tests are reproducible).
 */

export interface Product {
  sku: string;
  title: string;
  variant: string;
  priceCents: number;
  grams: number;
}

export interface Address {
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  provinceCode: string;
  province: string;
  zip: string;
  /** Sales tax rate applied to goods shipped there. */
  taxRate: number;
}

const PRODUCT_TITLES: Array<[string, string, number, number]> = [
  ['Organic Cotton Tee', 'Navy / M', 2400, 180],
  ['Merino Wool Beanie', 'Charcoal', 2850, 90],
  ['Canvas Tote Bag', 'Natural', 1800, 300],
  ['Ceramic Pour-Over Set', 'White', 4999, 1100],
  ['Stainless Water Bottle', '750 ml / Sage', 3200, 420],
  ['Recycled Notebook', 'A5 / Dotted', 1250, 250],
  ['Bamboo Cutting Board', 'Large', 3995, 1400],
  ['Trail Running Socks', 'L / Black', 1499, 80],
  ['Linen Apron', 'Rust', 3600, 260],
  ['Espresso Beans 1 kg', 'Dark Roast', 2699, 1000],
  ['Desk Lamp', 'Brass', 8900, 1900],
  ['Wool Throw Blanket', 'Oatmeal', 11900, 1600],
];

export const PRODUCTS: Product[] = PRODUCT_TITLES.map(([title, variant, priceCents, grams], index) => ({
  sku: `SKU-${String(index + 1).padStart(4, '0')}`, title, variant, priceCents, grams,
}));

export const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Radia', 'Tim', 'Frances'];
export const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Perlman', "O'Neil", 'Allen'];

export const ADDRESSES: Address[] = [
  { company: null, address1: '150 Elgin Street', address2: 'Apt 4B', city: 'San Francisco', provinceCode: 'CA', province: 'California', zip: '94110', taxRate: 0.08625 },
  { company: 'Acme Corp', address1: '1 Infinite Loop', address2: null, city: 'Cupertino', provinceCode: 'CA', province: 'California', zip: '95014', taxRate: 0.09125 },
  { company: null, address1: '350 Fifth Avenue', address2: 'Floor 21', city: 'New York', provinceCode: 'NY', province: 'New York', zip: '10118', taxRate: 0.08875 },
  { company: null, address1: '2100 Congress Ave', address2: null, city: 'Austin', provinceCode: 'TX', province: 'Texas', zip: '78701', taxRate: 0.0825 },
  { company: 'Rainier Supply Co.', address1: '400 Broad St', address2: 'Suite 300', city: 'Seattle', provinceCode: 'WA', province: 'Washington', zip: '98109', taxRate: 0.1035 },
  { company: null, address1: '1120 SW 5th Ave', address2: null, city: 'Portland', provinceCode: 'OR', province: 'Oregon', zip: '97204', taxRate: 0 },
];

/** A small deterministic integer hash of (n, salt), uniform enough for sample data. */
export function mix(n: number, salt: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function pick<T>(list: readonly T[], n: number, salt: number): T {
  const item = list[mix(n, salt) % list.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** `+1 415-555-01xx` in one of several formats people actually type. */
export function phoneFor(n: number): string {
  const last = String(n % 100).padStart(2, '0');
  const formats = [
    `+1 415-555-01${last}`,
    `(415) 555-01${last}`,
    `415.555.01${last}`,
    `+141555501${last}`,
    `415-555-01${last}`,
    `1 (415) 555 01${last}`,
  ];
  return formats[n % formats.length] ?? formats[0] ?? '';
}
