/** What an order's card should carry: the shippable units authorized, the shipped captured. */
import { describe, expect, it } from 'vitest';
import { initialStatus } from '../../src/model/state-machine.js';
import type { CanonicalOrder } from '../../src/model/order.js';
import { paymentTargets } from '../../src/payments/payment-amounts.js';

const order = {
  hubOrderId: 'O1', currency: 'USD',
  lines: [{ lineId: 'a', sku: 'LAMP', quantity: 1, unitPrice: 3000 }, { lineId: 'b', sku: 'SHADE', quantity: 2, unitPrice: 1000, discount: 200 }],
  totals: { subtotal: 5000, shipping: 1000, tax: 0, discount: 0, grandTotal: 6000 },
} as unknown as CanonicalOrder;

function status(b: Partial<{ backordered: number; cancelled: number; shipped: number }> = {}, a: Partial<{ shipped: number }> = {}) {
  const s = initialStatus(order.lines);
  s.lines.a = { ...s.lines.a!, ...a };
  s.lines.b = { ...s.lines.b!, ...b };
  return s;
}

describe('payment targets', () => {
  it('an order that can ship whole: its exact total, nothing captured', () => {
    expect(paymentTargets(order, status())).toEqual({ authorize: 6000, capture: 0 });
  });

  it('backordered units are not authorized; each unit carries its share of shipping', () => {
    // lamp 30.00 of 50.00 merchandise → 36.00 of the 60.00 total.
    expect(paymentTargets(order, status({ backordered: 2 }))).toEqual({ authorize: 3600, capture: 0 });
    // one shade of two (line discount 2.00 shared): 30.00 + 9.00 = 39.00 → 46.80.
    expect(paymentTargets(order, status({ backordered: 1 }))).toEqual({ authorize: 4680, capture: 0 });
  });

  it('cancelled units are released, shipped ones captured', () => {
    expect(paymentTargets(order, status({ cancelled: 2 }, { shipped: 1 }))).toEqual({ authorize: 3600, capture: 3600 });
  });
});
