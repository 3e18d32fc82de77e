/**
 * The style-neutral plan of sample order number n: who, where, which lines,
 * and every amount in cents. The Shopify and WooCommerce shapers render it;
 * computing amounts once here is what makes both shapes add up.
 */
import { ADDRESSES, FIRST_NAMES, LAST_NAMES, PRODUCTS, mix, phoneFor, pick, type Address, type Product } from './catalog.js';

export interface PlanPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export interface PlanLine {
  product: Product;
  quantity: number;
  /** price × quantity */
  grossCents: number;
  discountCents: number;
  /** gross − discount */
  netCents: number;
  taxCents: number;
}

export interface OrderPlan {
  n: number;
  placedAt: Date;
  customer: PlanPerson;
  billTo: PlanPerson & { address: Address };
  shipTo: PlanPerson & { address: Address };
  lines: PlanLine[];
  shipping: { code: 'standard' | 'express'; title: string; cents: number };
  itemsCents: number;
  discountCents: number;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  note: string | null;
  paymentMethod: 'card' | 'paypal' | 'bank_transfer';
}

/** 2026-11-23T15:00:00Z, plus 7 minutes per order number. */
const FIRST_ORDER_AT = Date.UTC(2026, 10, 23, 15, 0, 0);
const NOTES = ['Please leave the parcel at the side door.', 'Gift — no prices on the packing slip, please.', 'Call before delivery: 415 555 0199'];

export function planOrder(n: number): OrderPlan {
  const customer = personFor(n, 0);
  const billAddress = pick(ADDRESSES, n, 3);
  const isGift = n % 5 === 0;
  const shipTo = isGift ? personFor(n, 50) : customer;
  const shipAddress = isGift ? pick(ADDRESSES, n + 1, 3) : billAddress;
  const lines = planLines(n, shipAddress.taxRate);
  const shipping = n % 3 === 0
    ? { code: 'express' as const, title: 'Express Shipping (2 days)', cents: 1995 }
    : { code: 'standard' as const, title: 'Standard Shipping', cents: 595 };
  const itemsCents = sum(lines.map((line) => line.grossCents));
  const discountCents = sum(lines.map((line) => line.discountCents));
  const subtotalCents = itemsCents - discountCents;
  const taxCents = sum(lines.map((line) => line.taxCents));
  return {
    n, customer, lines, shipping, itemsCents, discountCents, subtotalCents, taxCents,
    placedAt: new Date(FIRST_ORDER_AT + n * 7 * 60_000),
    billTo: { ...customer, address: billAddress },
    shipTo: { ...shipTo, address: shipAddress },
    totalCents: subtotalCents + shipping.cents + taxCents,
    note: n % 4 === 0 ? pick(NOTES, n, 7) : null,
    paymentMethod: pick(['card', 'card', 'paypal', 'bank_transfer'] as const, n, 8),
  };
}

function personFor(n: number, salt: number): PlanPerson {
  const firstName = pick(FIRST_NAMES, n, salt + 1);
  const lastName = pick(LAST_NAMES, n, salt + 2);
  const email = salt === 0 ? `customer${n}@example.com` : `recipient${n}@example.com`;
  return { firstName, lastName, email, phone: phoneFor(n + salt) };
}

/** 1–8 distinct products; every fourth line or so gets 10 % off. */
function planLines(n: number, taxRate: number): PlanLine[] {
  const count = 1 + (mix(n, 11) % 8);
  const start = mix(n, 12) % PRODUCTS.length;
  return Array.from({ length: count }, (_, index) => {
    const product = PRODUCTS[(start + index) % PRODUCTS.length] ?? PRODUCTS[0];
    if (!product) throw new Error('empty catalog');
    const quantity = 1 + (mix(n, 20 + index) % 3);
    const grossCents = product.priceCents * quantity;
    const discountCents = mix(n, 40 + index) % 4 === 0 ? Math.round(grossCents / 10) : 0;
    const netCents = grossCents - discountCents;
    return { product, quantity, grossCents, discountCents, netCents, taxCents: Math.round(netCents * taxRate) };
  });
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
