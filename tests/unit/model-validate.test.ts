/** Canonical order validation: a full order passes; typical mistakes give sentences naming the field. */
import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../../src/model/order.js';
import { validateCanonicalOrder } from '../../src/model/validate.js';

function fullOrder(): CanonicalOrder {
  return {
    schemaVersion: 1,
    hubOrderId: '01HZX3K9Q8M2N4P6R8T0V2W4Y6',
    confirmation: '7KQ4-M2XAA',
    channel: 'phone',
    source: 'phone-desk',
    externalId: 'PH-1001',
    placedAt: '2024-05-01T10:00:00.000Z',
    currency: 'EUR',
    customer: { id: 'C-9', accountNumber: 'ACME-1', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442071234567' },
    billTo: { name: 'Ada Lovelace', company: 'Analytical Ltd', line1: '1 Main St', line2: 'Floor 2', city: 'London', region: 'LDN', postalCode: 'SW1A 1AA', country: 'GB', phone: '+442071234567' },
    shipTo: { line1: '2 Side St', city: 'Paris', country: 'FR' },
    lines: [
      { lineId: '1', sku: 'MUG-RED', description: 'Red mug', quantity: 2, unitPrice: 1200, discount: 100, tax: 200, options: { colour: 'red', size: 'L' } },
      { lineId: '2', sku: 'TEE', quantity: 1, unitPrice: 0 },
    ],
    totals: { subtotal: 2400, shipping: 495, tax: 400, discount: 100, grandTotal: 3195 },
    payment: { method: 'card', token: 'tok_abc', lastFour: '1111', authorizedAmount: 3195 },
    fulfilment: { method: 'ship', serviceLevel: 'express', requestedDate: '2024-05-03' },
    notes: 'leave at the door',
    provenance: { rawRef: 'raw:1', mappingId: 'phone/form', mappingVersion: '3', confidence: { '/customer/name': 0.98 } },
  };
}

type Mutable = Record<string, unknown> & { lines: Array<Record<string, unknown>>; customer: Record<string, unknown>; totals?: Record<string, unknown> };

/** The errors of a full order after `change`; fails the test when it still validates. */
function errorsAfter(change: (order: Mutable) => void): string[] {
  const order = fullOrder() as unknown as Mutable;
  change(order);
  const result = validateCanonicalOrder(order);
  if (result.ok) throw new Error('expected the order to be refused');
  return result.errors;
}

describe('validateCanonicalOrder', () => {
  it('passes a complete order and hands it back', () => {
    const order = fullOrder();
    expect(validateCanonicalOrder(order)).toEqual({ ok: true, order });
  });

  it('passes a minimal order (optional parts left out)', () => {
    const { billTo, shipTo, payment, fulfilment, notes, ...minimal } = fullOrder();
    expect([billTo, shipTo, payment, fulfilment, notes].every((part) => part !== undefined)).toBe(true);
    expect(validateCanonicalOrder({ ...minimal, customer: {} }).ok).toBe(true);
  });

  it.each<[string, (o: Mutable) => void, string]>([
    ['a zero quantity', (o) => { o.lines[0]!.quantity = 0; }, '/lines/0/quantity must be >= 1'],
    ['a fractional quantity', (o) => { o.lines[1]!.quantity = 1.5; }, '/lines/1/quantity must be integer'],
    ['a quantity as text', (o) => { o.lines[0]!.quantity = '2'; }, '/lines/0/quantity must be integer'],
    ['money with decimals', (o) => { o.lines[0]!.unitPrice = 12.5; }, '/lines/0/unitPrice must be integer'],
    ['a negative price', (o) => { o.lines[0]!.unitPrice = -1; }, '/lines/0/unitPrice must be >= 0'],
    ['an unknown line field', (o) => { o.lines[0]!.colour = 'red'; }, '/lines/0 has an unknown field "colour"'],
    ['an unknown top-level field', (o) => { o.customerEmail = 'x@y.z'; }, '/ has an unknown field "customerEmail"'],
    ['a missing sku', (o) => { delete o.lines[1]!.sku; }, '/lines/1 is missing "sku"'],
    ['missing totals', (o) => { delete o.totals; }, '/ is missing "totals"'],
    ['a missing total', (o) => { delete o.totals!.tax; }, '/totals is missing "tax"'],
    ['a lower-case currency', (o) => { o.currency = 'eur'; }, '/currency must match pattern "^[A-Z]{3}$"'],
    ['a currency symbol', (o) => { o.currency = '€'; }, '/currency must match pattern'],
    ['a national phone number', (o) => { o.customer.phone = '020 7123 4567'; }, '/customer/phone must match pattern'],
    ['a phone with dashes', (o) => { o.customer.phone = '+1-415-555-0123'; }, '/customer/phone must match pattern'],
    ['a bad e-mail', (o) => { o.customer.email = 'ada(at)example.com'; }, '/customer/email must match format "email"'],
    ['a three-letter country', (o) => { (o.shipTo as Record<string, unknown>).country = 'FRA'; }, '/shipTo/country must match pattern "^[A-Z]{2}$"'],
    ['a lower-case country', (o) => { (o.billTo as Record<string, unknown>).country = 'gb'; }, '/billTo/country must match pattern'],
    ['an address without a city', (o) => { delete (o.shipTo as Record<string, unknown>).city; }, '/shipTo is missing "city"'],
    ['no lines', (o) => { o.lines = []; }, '/lines must NOT have fewer than 1 items'],
    ['an unknown channel', (o) => { o.channel = 'pigeon'; }, '/channel must be equal to one of the allowed values'],
    ['a date without time zone', (o) => { o.placedAt = '2024-05-01 10:00'; }, '/placedAt must match format "date-time"'],
    ['an impossible requested date', (o) => { (o.fulfilment as Record<string, unknown>).requestedDate = '2024-02-30'; }, '/fulfilment/requestedDate must match format "date"'],
    ['a card number instead of the last four', (o) => { (o.payment as Record<string, unknown>).lastFour = '4111111111111111'; }, '/payment/lastFour must match pattern'],
    ['a confidence above 1', (o) => { (o.provenance as { confidence: Record<string, number> }).confidence['/x'] = 1.2; }, '/provenance/confidence/~1x must be <= 1'],
    ['a wrong schema version', (o) => { o.schemaVersion = 2; }, '/schemaVersion must be equal to constant'],
    ['a malformed confirmation', (o) => { o.confirmation = '7KQ4M2XAA'; }, '/confirmation must match pattern'],
    ['a lower-case hub order id', (o) => { o.hubOrderId = (o.hubOrderId as string).toLowerCase(); }, '/hubOrderId must match pattern'],
  ])('names the field for %s', (_what, change, message) => {
    const errors = errorsAfter(change);
    expect(errors.some((e) => e.startsWith(message)), errors.join('\n')).toBe(true);
  });

  it('reports every problem at once, one sentence each', () => {
    const errors = errorsAfter((o) => {
      o.lines[0]!.quantity = 0;
      o.currency = 'usd';
      o.customer.phone = '555-0123';
    });
    expect(errors).toEqual([
      '/currency must match pattern "^[A-Z]{3}$"',
      '/customer/phone must match pattern "^\\+[1-9][0-9]{6,14}$"',
      '/lines/0/quantity must be >= 1',
    ]);
  });

  it('refuses what is not an object at all', () => {
    expect(validateCanonicalOrder(null)).toEqual({ ok: false, errors: ['/ must be object'] });
    expect(validateCanonicalOrder('order')).toEqual({ ok: false, errors: ['/ must be object'] });
  });
});
