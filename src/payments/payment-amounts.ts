/**
 * What an order's card should carry at any moment, from its lines and their quantities:
 * `authorize` — the value of every unit that can ship now or has shipped (not the
 * backordered, not the cancelled); `capture` — the value of the units shipped. A unit is
 * worth its price less its share of the line discount, plus its share of shipping, tax
 * and order discount (in the proportion the order's totals give them to its subtotal).
 * An order whose every unit can ship is authorized for its exact total. Pure.
 */
import type { CanonicalOrder, MinorUnits } from '../model/order.js';
import type { LineQuantities, OrderStatus } from '../model/status.js';

export interface PaymentTargets {
  authorize: MinorUnits;
  capture: MinorUnits;
}

type UnitCount = (q: LineQuantities) => number;

const PAYABLE: UnitCount = (q) => Math.max(0, q.ordered - q.cancelled - q.backordered);
const SHIPPED: UnitCount = (q) => q.shipped;

export function paymentTargets(order: CanonicalOrder, status: Pick<OrderStatus, 'lines'>): PaymentTargets {
  const everyUnitPayable = order.lines.every((l) => {
    const q = quantitiesOf(order, status, l.lineId);
    return q.cancelled === 0 && q.backordered === 0;
  });
  const authorize = everyUnitPayable ? order.totals.grandTotal : worth(order, status, PAYABLE);
  return { authorize, capture: Math.min(authorize, worth(order, status, SHIPPED)) };
}

/** What `count` units of every line are worth, with their share of shipping, tax and discounts. */
function worth(order: CanonicalOrder, status: Pick<OrderStatus, 'lines'>, count: UnitCount): MinorUnits {
  let merchandise = 0;
  for (const line of order.lines) {
    const units = Math.min(line.quantity, count(quantitiesOf(order, status, line.lineId)));
    const discount = line.discount ? Math.round((line.discount * units) / line.quantity) : 0;
    merchandise += line.unitPrice * units - discount;
  }
  const { subtotal, grandTotal } = order.totals;
  if (subtotal <= 0) return Math.min(merchandise, grandTotal);
  return Math.max(0, Math.round((merchandise * grandTotal) / subtotal));
}

function quantitiesOf(order: CanonicalOrder, status: Pick<OrderStatus, 'lines'>, lineId: string): LineQuantities {
  const line = order.lines.find((l) => l.lineId === lineId);
  return status.lines[lineId] ?? { ordered: line?.quantity ?? 0, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0 };
}
