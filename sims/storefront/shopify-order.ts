/**
 * Sample orders shaped like Shopify's REST `orders/create` webhook payload:
 * amounts as decimal strings, the shop's time zone in timestamps, and large
 * (but still JSON-safe) integer ids.
 */
import { formatCents } from './money.js';
import { planOrder, type OrderPlan, type PlanPerson } from './order-plan.js';
import type { Address } from './catalog.js';

/**
 * Shopify's documentation samples use ids like 820982911946154508, which are
 * above Number.MAX_SAFE_INTEGER and would be rounded by JSON.parse; the
 * generated ids keep the look but stay exact (15 digits).
 */
export const SHOPIFY_ORDER_ID_BASE = 820_982_911_946_154;
const LINE_ITEM_ID_BASE = 466_157_049_000;
const CUSTOMER_ID_BASE = 207_119_551_000;

export interface ShopifyAddress {
  first_name: string;
  last_name: string;
  name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  province_code: string;
  zip: string;
  country: string;
  country_code: string;
  phone: string;
}

export interface ShopifyLineItem {
  id: number;
  variant_id: number;
  product_id: number;
  sku: string;
  title: string;
  variant_title: string;
  name: string;
  quantity: number;
  price: string;
  total_discount: string;
  grams: number;
  taxable: boolean;
  requires_shipping: boolean;
  fulfillment_status: string | null;
  tax_lines: Array<{ title: string; price: string; rate: number }>;
}

export interface ShopifyMoneySet {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
}

export interface ShopifyOrder {
  id: number;
  admin_graphql_api_id: string;
  order_number: number;
  name: string;
  email: string;
  phone: string;
  created_at: string;
  updated_at: string;
  processed_at: string;
  currency: string;
  presentment_currency: string;
  subtotal_price: string;
  total_line_items_price: string;
  total_price: string;
  total_tax: string;
  total_discounts: string;
  total_weight: number;
  taxes_included: boolean;
  total_shipping_price_set: ShopifyMoneySet;
  note: string | null;
  tags: string;
  financial_status: string;
  fulfillment_status: string | null;
  payment_gateway_names: string[];
  customer: { id: number; first_name: string; last_name: string; email: string; phone: string };
  billing_address: ShopifyAddress;
  shipping_address: ShopifyAddress;
  line_items: ShopifyLineItem[];
  shipping_lines: Array<{ id: number; code: string; title: string; price: string; source: string }>;
}

const GATEWAYS: Record<OrderPlan['paymentMethod'], string> = { card: 'shopify_payments', paypal: 'paypal', bank_transfer: 'manual' };

/** Order n (n ≥ 1) as Shopify would send it; `overrides` replace top-level fields as given. */
export function makeShopifyOrder(n: number, overrides: Partial<ShopifyOrder> = {}): ShopifyOrder {
  const plan = planOrder(n);
  const id = SHOPIFY_ORDER_ID_BASE + n;
  const placed = shopTime(plan.placedAt);
  const order: ShopifyOrder = {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    order_number: 1000 + n,
    name: `#${1000 + n}`,
    email: plan.customer.email,
    phone: plan.customer.phone,
    created_at: placed,
    updated_at: placed,
    processed_at: placed,
    currency: 'USD',
    presentment_currency: 'USD',
    subtotal_price: formatCents(plan.subtotalCents),
    total_line_items_price: formatCents(plan.itemsCents),
    total_price: formatCents(plan.totalCents),
    total_tax: formatCents(plan.taxCents),
    total_discounts: formatCents(plan.discountCents),
    total_weight: plan.lines.reduce((grams, line) => grams + line.product.grams * line.quantity, 0),
    taxes_included: false,
    total_shipping_price_set: moneySet(plan.shipping.cents),
    note: plan.note,
    tags: n % 5 === 0 ? 'gift' : '',
    financial_status: plan.paymentMethod === 'bank_transfer' ? 'pending' : 'paid',
    fulfillment_status: null,
    payment_gateway_names: [GATEWAYS[plan.paymentMethod]],
    customer: {
      id: CUSTOMER_ID_BASE + n, first_name: plan.customer.firstName, last_name: plan.customer.lastName,
      email: plan.customer.email, phone: plan.customer.phone,
    },
    billing_address: address(plan.billTo, plan.billTo.address),
    shipping_address: address(plan.shipTo, plan.shipTo.address),
    line_items: lineItems(plan, n),
    shipping_lines: [{ id: LINE_ITEM_ID_BASE + n * 100 + 99, code: plan.shipping.code, title: plan.shipping.title, price: formatCents(plan.shipping.cents), source: 'shopify' }],
  };
  return { ...order, ...overrides };
}

function lineItems(plan: OrderPlan, n: number): ShopifyLineItem[] {
  const rate = plan.shipTo.address.taxRate;
  return plan.lines.map((line, index) => ({
    id: LINE_ITEM_ID_BASE + n * 100 + index,
    variant_id: 39_072_856_000 + Number(line.product.sku.slice(4)),
    product_id: 7_513_594_000 + Number(line.product.sku.slice(4)),
    sku: line.product.sku,
    title: line.product.title,
    variant_title: line.product.variant,
    name: `${line.product.title} - ${line.product.variant}`,
    quantity: line.quantity,
    price: formatCents(line.product.priceCents),
    total_discount: formatCents(line.discountCents),
    grams: line.product.grams,
    taxable: true,
    requires_shipping: true,
    fulfillment_status: null,
    tax_lines: rate > 0 ? [{ title: `${plan.shipTo.address.provinceCode} State Tax`, price: formatCents(line.taxCents), rate }] : [],
  }));
}

function address(person: PlanPerson, where: Address): ShopifyAddress {
  return {
    first_name: person.firstName, last_name: person.lastName, name: `${person.firstName} ${person.lastName}`,
    company: where.company, address1: where.address1, address2: where.address2, city: where.city,
    province: where.province, province_code: where.provinceCode, zip: where.zip,
    country: 'United States', country_code: 'US', phone: person.phone,
  };
}

function moneySet(cents: number): ShopifyMoneySet {
  const amount = formatCents(cents);
  return { shop_money: { amount, currency_code: 'USD' }, presentment_money: { amount, currency_code: 'USD' } };
}

/** ISO 8601 in the shop's zone (US Eastern, standard time in November). */
function shopTime(at: Date): string {
  return `${new Date(at.getTime() - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00`;
}
