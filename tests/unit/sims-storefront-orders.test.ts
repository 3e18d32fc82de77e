/**
 * The storefront simulator's sample orders: deterministic, realistic in shape,
 * and with totals that add up in both the Shopify and the WooCommerce form.
 */
import { describe, expect, it } from 'vitest';
import { SHOPIFY_ORDER_ID_BASE, makeShopifyOrder, makeWooOrder, parseCents } from '../../sims/storefront/index.js';

const NUMBERS = Array.from({ length: 60 }, (_, index) => index + 1);
const AMOUNT = /^[0-9]+\.[0-9]{2}$/;

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('makeShopifyOrder', () => {
  it.each(NUMBERS)('order %i has totals that add up', (n) => {
    const order = makeShopifyOrder(n);
    const gross = sum(order.line_items.map((line) => parseCents(line.price) * line.quantity));
    const discounts = sum(order.line_items.map((line) => parseCents(line.total_discount)));
    const lineTax = sum(order.line_items.flatMap((line) => line.tax_lines.map((tax) => parseCents(tax.price))));
    const shipping = parseCents(order.total_shipping_price_set.shop_money.amount);
    expect(parseCents(order.total_line_items_price)).toBe(gross);
    expect(parseCents(order.total_discounts)).toBe(discounts);
    expect(parseCents(order.subtotal_price)).toBe(gross - discounts);
    expect(parseCents(order.total_tax)).toBe(lineTax);
    expect(parseCents(order.total_price)).toBe(parseCents(order.subtotal_price) + shipping + parseCents(order.total_tax));
    expect(sum(order.shipping_lines.map((line) => parseCents(line.price)))).toBe(shipping);
    for (const amount of [order.subtotal_price, order.total_price, order.total_tax, order.total_discounts, ...order.line_items.map((l) => l.price)]) {
      expect(amount).toMatch(AMOUNT);
    }
  });

  it('has the Shopify fields with realistic values', () => {
    const order = makeShopifyOrder(1);
    expect(order.id).toBe(SHOPIFY_ORDER_ID_BASE + 1);
    expect(Number.isSafeInteger(order.id)).toBe(true);
    expect(JSON.parse(JSON.stringify(order))).toEqual(order);
    expect(order).toMatchObject({ order_number: 1001, name: '#1001', email: 'customer1@example.com', currency: 'USD' });
    expect(order.created_at).toMatch(/^2026-11-23T\d{2}:\d{2}:\d{2}-05:00$/);
    expect(order.customer).toMatchObject({ email: 'customer1@example.com' });
    expect(order.customer.phone.replace(/\D/g, '')).toMatch(/^1?4155550101$/);
    for (const address of [order.billing_address, order.shipping_address]) {
      expect(address.country_code).toBe('US');
      expect(address.province_code).toMatch(/^[A-Z]{2}$/);
      expect(address.zip).toMatch(/^\d{5}$/);
      expect(address.name).toBe(`${address.first_name} ${address.last_name}`);
    }
    expect(order.line_items.length).toBeGreaterThanOrEqual(1);
    expect(order.line_items.length).toBeLessThanOrEqual(8);
    for (const line of order.line_items) {
      expect(line.sku).toMatch(/^SKU-\d{4}$/);
      expect(Number.isInteger(line.quantity) && line.quantity > 0).toBe(true);
    }
    expect(['standard', 'express']).toContain(order.shipping_lines[0]?.code);
    expect(order.payment_gateway_names.length).toBe(1);
  });

  it('is deterministic and varied across numbers', () => {
    expect(makeShopifyOrder(17)).toEqual(makeShopifyOrder(17));
    const orders = NUMBERS.map((n) => makeShopifyOrder(n));
    expect(new Set(orders.map((o) => o.line_items.length)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(orders.map((o) => o.shipping_lines[0]?.code))).toEqual(new Set(['standard', 'express']));
    expect(new Set(orders.map((o) => o.phone.replace(/[0-9]/g, '9'))).size).toBeGreaterThanOrEqual(4);
    expect(orders.some((o) => Number(o.total_discounts) > 0)).toBe(true);
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
    expect(orders.every((o, index) => o.email === `customer${index + 1}@example.com`)).toBe(true);
  });

  it('applies overrides', () => {
    const order = makeShopifyOrder(3, { email: 'other@example.com', note: 'rush' });
    expect(order.email).toBe('other@example.com');
    expect(order.note).toBe('rush');
    expect(order.id).toBe(SHOPIFY_ORDER_ID_BASE + 3);
  });
});

describe('makeWooOrder', () => {
  it.each(NUMBERS)('order %i has totals that add up', (n) => {
    const order = makeWooOrder(n);
    const lineTotals = sum(order.line_items.map((line) => parseCents(line.total)));
    const lineTax = sum(order.line_items.map((line) => parseCents(line.total_tax)));
    const discounts = sum(order.line_items.map((line) => parseCents(line.subtotal) - parseCents(line.total)));
    for (const line of order.line_items) {
      expect(typeof line.price).toBe('number');
      expect(parseCents(line.subtotal)).toBe(parseCents(line.price) * line.quantity);
      expect(line.subtotal).toMatch(AMOUNT);
    }
    expect(parseCents(order.discount_total)).toBe(discounts);
    expect(parseCents(order.total_tax)).toBe(lineTax);
    expect(parseCents(order.shipping_total)).toBe(sum(order.shipping_lines.map((line) => parseCents(line.total))));
    expect(parseCents(order.total)).toBe(lineTotals + parseCents(order.shipping_total) + parseCents(order.total_tax));
  });

  it('has the WooCommerce fields with realistic values', () => {
    const order = makeWooOrder(2);
    expect(order.number).toBe(String(order.id));
    expect(order.date_created_gmt).toMatch(/^2026-11-23T\d{2}:\d{2}:\d{2}$/);
    expect(order.billing.email).toBe('customer2@example.com');
    expect(order.billing.country).toBe('US');
    expect(order.shipping.postcode).toMatch(/^\d{5}$/);
    expect(['standard', 'express']).toContain(order.shipping_lines[0]?.method_id);
    expect(order.payment_method_title.length).toBeGreaterThan(0);
    expect(order.line_items.every((line) => /^SKU-\d{4}$/.test(line.sku))).toBe(true);
    expect(makeWooOrder(2)).toEqual(order);
  });

  it('describes the same purchase as the Shopify order of the same number', () => {
    const shopify = makeShopifyOrder(9);
    const woo = makeWooOrder(9);
    expect(woo.line_items.map((l) => [l.sku, l.quantity])).toEqual(shopify.line_items.map((l) => [l.sku, l.quantity]));
    expect(woo.total).toBe(shopify.total_price);
  });
});
