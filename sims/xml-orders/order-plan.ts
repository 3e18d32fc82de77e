/**
 * The plan of sample XML order number n: who, where, 3–8 lines with options, and
 * every amount in cents, so the rendered document adds up and tests can check what
 * the OMS should receive. Deterministic (picked by a hash of n), no randomness.
 */
import { ADDRESSES, FIRST_NAMES, LAST_NAMES, PRODUCTS, mix, phoneFor, pick, type Address } from '../storefront/catalog.js';

export interface XmlOrderLinePlan {
  number: number;
  sku: string;
  description: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  taxCents: number;
  options: Array<[name: string, value: string]>;
}

export interface XmlOrderPartyPlan {
  name: string;
  company: string | null;
  address: Address;
  phone: string;
}

export interface XmlOrderPlan {
  n: number;
  orderId: string;
  placedAt: string;
  currency: 'USD';
  customer: { id: string; name: string; email: string; phone: string };
  billTo: XmlOrderPartyPlan;
  shipTo: XmlOrderPartyPlan;
  lines: XmlOrderLinePlan[];
  /** Lines before discounts: Σ unit price × quantity. */
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
  discountCents: number;
  /** subtotal + shipping + tax − discount */
  grandTotalCents: number;
  /** `Pickup`: the customer collects the order at `pickupStore` (plans are shipped unless a test says so). */
  shippingMethod: 'Standard' | 'Express' | 'Overnight' | 'Pickup';
  /** The store of a pickup order (`<PickupStore>`); absent from shipped plans. */
  pickupStore?: string;
  notes: string | null;
}

const FIRST_ORDER_AT = Date.UTC(2026, 10, 23, 14, 0, 0);
const SHIPPING = [['Standard', 795], ['Express', 1995], ['Overnight', 3450]] as const;
const NOTES = [
  'Deliver to the loading dock, 8:00–16:00 only.',
  'Entered by the call centre; customer confirmed the address by phone.',
  'PO must appear on the invoice & packing slip.',
  'Call the front desk on arrival: <ext. 214>.',
];
const ENGRAVINGS = ['For A. L., with thanks', 'Team "Ops" 2026', 'R&D <3'];

/** The sender's order id of sample n (unique per n). */
export function xmlOrderIdFor(n: number): string {
  return `XO-${String(n).padStart(8, '0')}`;
}

export function planXmlOrder(n: number): XmlOrderPlan {
  const first = pick(FIRST_NAMES, n, 61);
  const last = pick(LAST_NAMES, n, 62);
  const billAddress = pick(ADDRESSES, n, 63);
  const shipAddress = n % 3 === 0 ? pick(ADDRESSES, n + 1, 63) : billAddress;
  const company = billAddress.company ?? `${last} Trading`;
  const lines = planLines(n, shipAddress.taxRate);
  const [shippingMethod, shippingCents] = pick(SHIPPING, n, 64);
  const subtotalCents = sum(lines.map((line) => line.unitPriceCents * line.quantity));
  const discountCents = sum(lines.map((line) => line.discountCents));
  const taxCents = sum(lines.map((line) => line.taxCents));
  return {
    n,
    orderId: xmlOrderIdFor(n),
    placedAt: new Date(FIRST_ORDER_AT + n * 7 * 60_000).toISOString().replace('.000Z', 'Z'),
    currency: 'USD',
    customer: { id: `ACCT-${String(1000 + (mix(n, 65) % 9000))}`, name: `${first} ${last}`, email: `buyer${n}@example.com`, phone: phoneFor(n) },
    billTo: { name: `${first} ${last}`, company, address: billAddress, phone: phoneFor(n + 7) },
    shipTo: { name: n % 3 === 0 ? 'Receiving' : `${first} ${last}`, company, address: shipAddress, phone: phoneFor(n + 13) },
    lines,
    subtotalCents, shippingCents, taxCents, discountCents,
    grandTotalCents: subtotalCents + shippingCents + taxCents - discountCents,
    shippingMethod,
    notes: n % 5 === 0 ? null : pick(NOTES, n, 66),
  };
}

/** 3–8 distinct products; some lines 10 % off; options from the variant, sometimes gift wrap or an engraving. */
function planLines(n: number, taxRate: number): XmlOrderLinePlan[] {
  const count = 3 + (mix(n, 67) % 6);
  const start = mix(n, 68) % PRODUCTS.length;
  return Array.from({ length: count }, (_, index) => {
    const product = PRODUCTS[(start + index) % PRODUCTS.length];
    if (!product) throw new Error('empty catalog');
    const quantity = 1 + (mix(n, 70 + index) % 12);
    const gross = product.priceCents * quantity;
    const discountCents = mix(n, 90 + index) % 4 === 0 ? Math.round(gross / 10) : 0;
    const options: Array<[string, string]> = [['Variant', product.variant]];
    if (mix(n, 110 + index) % 5 === 0) options.push(['Gift wrap', 'yes']);
    if (mix(n, 130 + index) % 7 === 0) options.push(['Engraving', pick(ENGRAVINGS, n + index, 69)]);
    return {
      number: index + 1, sku: product.sku, description: `${product.title} – ${product.variant}`, quantity, unitPriceCents: product.priceCents,
      discountCents, taxCents: Math.round((gross - discountCents) * taxRate), options,
    };
  });
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
