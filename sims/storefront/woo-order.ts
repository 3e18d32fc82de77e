/**
 * Sample orders shaped like WooCommerce REST v3 orders: totals as decimal
 * strings, line `price` as a number, GMT timestamps without a zone suffix.
 */
import { formatCents } from './money.js';
import { planOrder, type OrderPlan, type PlanPerson } from './order-plan.js';
import { mix, type Address } from './catalog.js';

export const WOO_ORDER_ID_BASE = 4100;

export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phone: string;
}

export interface WooLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  sku: string;
  price: number;
}

export interface WooOrder {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  status: string;
  currency: string;
  date_created: string;
  date_created_gmt: string;
  prices_include_tax: boolean;
  discount_total: string;
  shipping_total: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  customer_id: number;
  customer_note: string;
  billing: WooAddress & { email: string };
  shipping: WooAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  line_items: WooLineItem[];
  shipping_lines: Array<{ id: number; method_title: string; method_id: string; total: string; total_tax: string }>;
}

const PAYMENT: Record<OrderPlan['paymentMethod'], [string, string]> = {
  card: ['stripe', 'Credit Card (Stripe)'],
  paypal: ['ppcp-gateway', 'PayPal'],
  bank_transfer: ['bacs', 'Direct bank transfer'],
};

/** Order n (n ≥ 1) as WooCommerce would send it; `overrides` replace top-level fields as given. */
export function makeWooOrder(n: number, overrides: Partial<WooOrder> = {}): WooOrder {
  const plan = planOrder(n);
  const id = WOO_ORDER_ID_BASE + n;
  const [paymentMethod, paymentTitle] = PAYMENT[plan.paymentMethod];
  const gmt = plan.placedAt.toISOString().slice(0, 19);
  const order: WooOrder = {
    id,
    parent_id: 0,
    number: String(id),
    order_key: `wc_order_${mix(n, 90).toString(36)}${mix(n, 91).toString(36)}`.slice(0, 22),
    created_via: 'checkout',
    status: plan.paymentMethod === 'bank_transfer' ? 'on-hold' : 'processing',
    currency: 'USD',
    date_created: new Date(plan.placedAt.getTime() - 5 * 3_600_000).toISOString().slice(0, 19),
    date_created_gmt: gmt,
    prices_include_tax: false,
    discount_total: formatCents(plan.discountCents),
    shipping_total: formatCents(plan.shipping.cents),
    cart_tax: formatCents(plan.taxCents),
    total: formatCents(plan.totalCents),
    total_tax: formatCents(plan.taxCents),
    customer_id: n % 4 === 0 ? 0 : 200 + n,
    customer_note: plan.note ?? '',
    billing: { ...address(plan.billTo, plan.billTo.address), email: plan.customer.email },
    shipping: address(plan.shipTo, plan.shipTo.address),
    payment_method: paymentMethod,
    payment_method_title: paymentTitle,
    transaction_id: plan.paymentMethod === 'card' ? `ch_${mix(n, 92).toString(16).padStart(8, '0')}` : '',
    line_items: plan.lines.map((line, index) => ({
      id: id * 10 + index,
      name: `${line.product.title} - ${line.product.variant}`,
      product_id: 500 + Number(line.product.sku.slice(4)),
      variation_id: 0,
      quantity: line.quantity,
      tax_class: '',
      subtotal: formatCents(line.grossCents),
      subtotal_tax: formatCents(Math.round(line.grossCents * plan.shipTo.address.taxRate)),
      total: formatCents(line.netCents),
      total_tax: formatCents(line.taxCents),
      sku: line.product.sku,
      price: line.product.priceCents / 100,
    })),
    shipping_lines: [{
      id: id * 10 + 9, method_title: plan.shipping.title, method_id: plan.shipping.code,
      total: formatCents(plan.shipping.cents), total_tax: '0.00',
    }],
  };
  return { ...order, ...overrides };
}

function address(person: PlanPerson, where: Address): WooAddress {
  return {
    first_name: person.firstName, last_name: person.lastName, company: where.company ?? '',
    address_1: where.address1, address_2: where.address2 ?? '', city: where.city, state: where.provinceCode,
    postcode: where.zip, country: 'US', phone: person.phone,
  };
}
