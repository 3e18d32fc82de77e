/**
 * What a kiosk sells by default (a small merch catalog, prices in cents) and the sample
 * people and US addresses its orders are made of. Tests pass their own catalog (SKUs the
 * hub knows) through the kiosk options.
 */

export interface CatalogItem {
  sku: string;
  description: string;
  /** Cents. */
  unitPrice: number;
}

export const DEFAULT_CATALOG: readonly CatalogItem[] = [
  { sku: 'KIOSK-TEE-S', description: 'Store Tee, small', unitPrice: 1999 },
  { sku: 'KIOSK-TEE-M', description: 'Store Tee, medium', unitPrice: 1999 },
  { sku: 'KIOSK-TEE-L', description: 'Store Tee, large', unitPrice: 2199 },
  { sku: 'KIOSK-MUG', description: 'Enamel Mug', unitPrice: 1250 },
  { sku: 'KIOSK-CAP', description: 'Embroidered Cap', unitPrice: 1599 },
  { sku: 'KIOSK-TOTE', description: 'Canvas Tote', unitPrice: 1800 },
  { sku: 'KIOSK-STICKERS', description: 'Sticker Pack', unitPrice: 499 },
];

export const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Radia', 'Tim', 'Frances'] as const;
export const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Perlman', 'Berners-Lee', 'Allen'] as const;

export interface SampleAddress {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
}

export const ADDRESSES: readonly SampleAddress[] = [
  { line1: '150 Elgin Street', city: 'San Francisco', region: 'CA', postalCode: '94110' },
  { line1: '1 Infinite Loop', city: 'Cupertino', region: 'CA', postalCode: '95014' },
  { line1: '350 Fifth Avenue', city: 'New York', region: 'NY', postalCode: '10118' },
  { line1: '2100 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701' },
  { line1: '400 Broad St', city: 'Seattle', region: 'WA', postalCode: '98109' },
  { line1: '1120 SW 5th Ave', city: 'Portland', region: 'OR', postalCode: '97204' },
];
