/**
 * The plan of sample purchase order number n, as a buyer's procurement system would
 * send it: a requisitioner, a plant to ship to, accounts payable to bill, 1–4 lines of
 * MRO supplies with their units of measure, and every amount in cents, so the document
 * adds up and tests know what the hub should make of it. Deterministic: picked by n.
 */
import type { OrderLinePlan, OrderRequestPlan, PostalPlan } from './types.js';

const CATALOG: Array<[sku: string, description: string, unit: string, priceCents: number]> = [
  ['SUP-10442', 'Nitrile gloves, powder-free, size L (box of 100)', 'BX', 1895],
  ['SUP-20117', 'Safety glasses, clear anti-fog lens', 'EA', 749],
  ['SUP-31008', 'Copy paper A4 80 g/m² (ream of 500)', 'RM', 612],
  ['SUP-40215', 'Shop towels, blue, roll of 55', 'RL', 1275],
  ['SUP-52090', 'Cable ties 300 mm, black (pack of 100)', 'PK', 899],
  ['SUP-60931', 'Ear plugs, corded, 32 dB (box of 100 pairs)', 'BX', 4250],
  ['SUP-71450', 'Heavy-duty stapler, 100 sheets', 'EA', 3475],
  ['SUP-88003', 'Label tape 12 mm, black on white', 'EA', 1599],
];

const REQUISITIONERS = ['Jordan Ellis', 'Priya Natarajan', 'Sam O\'Connor', 'Mei Chen', 'Luis Ortega'];
const SHIPPING: Array<[method: string, cents: number]> = [['Ground', 1500], ['2-Day', 3250]];
const FIRST_ORDER_AT = Date.UTC(2026, 10, 23, 15, 0, 0);
const TAX_RATE = 0.0825;

const PLANT: Omit<PostalPlan, 'deliverTo'> = {
  name: 'Acme Industrial, Inc. – Plant 2',
  streets: ['4100 Commerce Parkway', 'Dock B'],
  city: 'Fort Worth', state: 'TX', postalCode: '76177', country: 'US', countryName: 'United States',
  email: 'receiving.plant2@acme-industrial.example',
  phone: { countryCode: '1', area: '817', number: '5550143' },
};

const ACCOUNTS_PAYABLE: PostalPlan = {
  name: 'Acme Industrial, Inc.',
  deliverTo: ['Accounts Payable'],
  streets: ['200 Main Street', 'Suite 1200'],
  city: 'Dallas', state: 'TX', postalCode: '75201', country: 'US', countryName: 'United States',
  email: 'ap@acme-industrial.example',
};

/** The buyer's purchase order number of sample n. */
export function orderIdFor(n: number): string {
  return `PO-${4_500_000_000 + n}`;
}

export function planOrderRequest(n: number): OrderRequestPlan {
  const requisitioner = REQUISITIONERS[n % REQUISITIONERS.length]!;
  const lines = planLines(n);
  const totalCents = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const [shippingMethod, shippingCents] = SHIPPING[n % SHIPPING.length]!;
  return {
    n,
    orderID: orderIdFor(n),
    orderDate: centralTime(FIRST_ORDER_AT + n * 11 * 60_000),
    currency: 'USD',
    contact: {
      name: requisitioner,
      email: `${requisitioner.toLowerCase().replace(/[^a-z]+/g, '.')}@acme-industrial.example`,
      phone: { countryCode: '1', area: '214', number: `555${String(100 + (n % 900)).padStart(4, '0')}` },
    },
    shipTo: { ...PLANT, deliverTo: [requisitioner] },
    billTo: ACCOUNTS_PAYABLE,
    lines,
    totalCents,
    shippingCents,
    shippingMethod,
    taxCents: Math.round(totalCents * TAX_RATE),
    ...(n % 2 === 0 ? { comments: `Deliver to Dock B before noon & quote PO ${orderIdFor(n)} on the packing slip.` } : {}),
  };
}

/** The instant as the buyer in Texas writes it: `2026-11-23T09:00:00-06:00`. */
function centralTime(ms: number): string {
  return `${new Date(ms - 6 * 3_600_000).toISOString().slice(0, 19)}-06:00`;
}

/** 1–4 distinct catalog items, 1–24 of each. */
function planLines(n: number): OrderLinePlan[] {
  const count = 1 + (n % 4);
  return Array.from({ length: count }, (_, index) => {
    const [sku, description, unitOfMeasure, unitPriceCents] = CATALOG[(n * 3 + index) % CATALOG.length]!;
    return {
      lineNumber: index + 1, sku, description, unitOfMeasure, unitPriceCents,
      quantity: 1 + ((n * 7 + index * 5) % 24),
      ...(unitOfMeasure === 'BX' ? { auxiliaryId: 'CASE-10' } : {}),
    };
  });
}
