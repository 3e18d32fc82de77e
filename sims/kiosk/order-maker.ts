/**
 * Making the order a customer just submitted at a kiosk: one to three lines from the catalog,
 * pickup or shipping (with an address), a customer with e-mail and E.164 phone, and often a
 * tokenised card payment. Every choice is drawn from the kiosk's seeded Rng.
 */
import { ADDRESSES, DEFAULT_CATALOG, FIRST_NAMES, LAST_NAMES, type CatalogItem } from './catalog.js';
import type { Rng } from './prng.js';
import type { KioskOrder, KioskOrderLine } from './types.js';

export interface OrderMakerOptions {
  catalog?: readonly CatalogItem[];
  /** Default 'USD'. */
  currency?: string;
  /** Share of orders shipped rather than picked up; default 0.4. */
  shipRate?: number;
  /** Share of orders carrying a card payment; default 0.6. */
  paymentRate?: number;
  /** Most lines per order (distinct SKUs, capped by the catalog size); default 3. */
  maxLines?: number;
}

const TEST_CARD_ENDINGS = ['4242', '1881', '0005', '4444'] as const;

export function makeKioskOrder(seq: number, placedAt: Date, rng: Rng, options: OrderMakerOptions = {}): KioskOrder {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  if (catalog.length === 0) throw new Error('makeKioskOrder: the catalog is empty');
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const name = `${first} ${last}`;
  const lineCount = rng.between(1, Math.min(options.maxLines ?? 3, catalog.length));
  const lines: KioskOrderLine[] = rng.shuffle(catalog).slice(0, lineCount).map((item) => ({
    sku: item.sku,
    description: item.description,
    quantity: rng.between(1, 3),
    unitPrice: item.unitPrice,
  }));
  const ship = rng.chance(options.shipRate ?? 0.4);
  const order: KioskOrder = {
    seq,
    placedAt: placedAt.toISOString(),
    currency: options.currency ?? 'USD',
    fulfilment: ship ? 'ship' : 'pickup',
    customer: {
      name,
      email: `${first}.${last}${rng.between(1, 99)}@example.test`.toLowerCase(),
      phone: `+1415555${String(rng.between(0, 9999)).padStart(4, '0')}`,
    },
    lines,
  };
  if (ship) {
    const address = rng.pick(ADDRESSES);
    order.shipTo = { name, ...address, country: 'US' };
  }
  if (rng.chance(options.paymentRate ?? 0.6)) {
    const token = Array.from({ length: 24 }, () => rng.pick('abcdefghijklmnopqrstuvwxyz0123456789'.split(''))).join('');
    order.payment = { method: 'card', token: `tok_${token}`, lastFour: rng.pick(TEST_CARD_ENDINGS) };
  }
  return order;
}
