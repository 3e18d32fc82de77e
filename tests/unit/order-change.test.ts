/**
 * Changes to an order, pure: applying accepted operations to the canonical order and its
 * line quantities (totals follow), and judging a request before it is recorded (state,
 * shipped lines, stock, open changes before it).
 */
import { describe, expect, it } from 'vitest';
import { judgeChange, type ChangeSubject } from '../../src/changes/judge-change.js';
import type { Availability } from '../../src/inventory/availability.js';
import { applyChange, type ChangeRecord } from '../../src/model/order-change.js';
import type { CanonicalOrder } from '../../src/model/order.js';
import { initialStatus } from '../../src/model/state-machine.js';
import type { OrderState, OrderStatus } from '../../src/model/status.js';
import { newConfirmation } from '../../src/model/ids.js';

const ORDER_ID = '01KAAAAAAAAAAAAAAAAAAAAAAA';
const CONFIRMATION = newConfirmation();

function order(): CanonicalOrder {
  return {
    schemaVersion: 1, hubOrderId: ORDER_ID, confirmation: CONFIRMATION, channel: 'web', source: 'web-shop', externalId: 'S-1',
    placedAt: '2026-12-01T10:00:00.000Z', currency: 'USD', customer: { email: 'ada@example.com' },
    shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '62701', country: 'US' },
    lines: [
      { lineId: 'a', sku: 'BLOUSE-RED-M', quantity: 2, unitPrice: 4000, options: { colour: 'red' } },
      { lineId: 'b', sku: 'SCARF-NVY', quantity: 1, unitPrice: 2000 },
    ],
    totals: { subtotal: 10000, shipping: 500, tax: 1000, discount: 0, grandTotal: 11500 },
    provenance: { rawRef: 'r', mappingId: 'm', mappingVersion: '1' },
  };
}

function statusIn(state: OrderState, changes: Partial<Record<'a' | 'b', Partial<OrderStatus['lines'][string]>>> = {}): OrderStatus {
  const status = { ...initialStatus(order().lines), state };
  for (const [id, q] of Object.entries(changes)) status.lines[id] = { ...status.lines[id]!, ...q };
  return status;
}

function stock(entries: Array<[string, number, string[]?]>): Map<string, Availability> {
  return new Map(entries.map(([sku, available, alternatives = []]) => [sku, {
    sku, available, byDc: {}, availableByDc: {}, reserved: 0, known: true,
    ...(available === 0 ? { expectedDate: '2027-01-15' } : {}),
    alternatives: alternatives.map((a) => ({ sku: a, available: 5 })),
  }]));
}

function subject(state: OrderState, lines: Parameters<typeof statusIn>[1] = {}, changes: ChangeRecord[] = []): ChangeSubject {
  return { hubOrderId: ORDER_ID, order: order(), status: statusIn(state, lines), changes };
}

describe('applying a change', () => {
  it('changes a variant: new SKU and price, the old options and allocation gone', () => {
    const changed = applyChange(order(), statusIn('allocated', { a: { allocated: 2 } }), [
      { op: 'change_sku', lineId: 'a', lineNumber: 1, fromSku: 'BLOUSE-RED-M', sku: 'BLOUSE-NVY-M', unitPrice: 4500 },
    ]);
    expect(changed.order.lines[0]).toEqual({ lineId: 'a', sku: 'BLOUSE-NVY-M', quantity: 2, unitPrice: 4500 });
    expect(changed.lines.a).toMatchObject({ ordered: 2, allocated: 0 });
    // +10.00 merchandise; tax follows the subtotal in proportion.
    expect(changed.order.totals).toEqual({ subtotal: 11000, shipping: 500, tax: 1100, discount: 0, grandTotal: 12600 });
  });

  it('cancels a line: its units cancelled, the line kept, the totals without it', () => {
    const changed = applyChange(order(), statusIn('acknowledged'), [{ op: 'cancel_line', lineId: 'b', lineNumber: 2, sku: 'SCARF-NVY', quantity: 1 }]);
    expect(changed.order.lines).toHaveLength(2);
    expect(changed.lines.b).toMatchObject({ ordered: 1, cancelled: 1 });
    expect(changed.order.totals).toMatchObject({ subtotal: 8000, tax: 800, grandTotal: 9300 });
  });

  it('adds a line with its own quantities, and sets another line\'s quantity', () => {
    const changed = applyChange(order(), statusIn('acknowledged'), [
      { op: 'add_line', lineId: 'c1-1', lineNumber: 3, sku: 'BELT', quantity: 1, unitPrice: 1500 },
      { op: 'set_quantity', lineId: 'a', lineNumber: 1, sku: 'BLOUSE-RED-M', quantity: 1 },
    ]);
    expect(changed.order.lines.map((l) => [l.sku, l.quantity])).toEqual([['BLOUSE-RED-M', 1], ['SCARF-NVY', 1], ['BELT', 1]]);
    expect(changed.lines['c1-1']).toEqual({ ordered: 1, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0 });
    expect(changed.order.totals.subtotal).toBe(10000 - 4000 + 1500);
  });

  it('cancels the whole order: every open unit cancelled', () => {
    const changed = applyChange(order(), statusIn('backordered', { a: { backordered: 2, expectedDate: '2027-01-15' } }), [{ op: 'cancel_order' }]);
    expect(changed.lines.a).toEqual({ ordered: 2, allocated: 0, backordered: 0, shipped: 0, cancelled: 2, returned: 0 });
    expect(changed.lines.b).toMatchObject({ cancelled: 1 });
    expect(changed.order.totals).toMatchObject({ subtotal: 0, tax: 0, grandTotal: 500 });
  });
});

describe('judging a change', () => {
  it('refuses an out-of-stock variant with its alternatives and restock date', () => {
    const verdict = judgeChange(subject('acknowledged'), { operations: [{ op: 'change_sku', lineNumber: 1, sku: 'BLOUSE-GRN-M' }] }, stock([['BLOUSE-GRN-M', 0, ['BLOUSE-NVY-M']]]), 1);
    expect(verdict).toMatchObject({ ok: false, code: 'OUT_OF_STOCK', stock: [{ sku: 'BLOUSE-GRN-M', wanted: 2, available: 0, expectedDate: '2027-01-15' }] });
    expect(!verdict.ok && verdict.message).toBe('not enough stock: BLOUSE-GRN-M: 2 wanted, 0 available, more expected 2027-01-15; in stock instead: BLOUSE-NVY-M');
  });

  it('asks only for the extra units of a larger quantity, and leaves unknown SKUs to the OMS', () => {
    expect(judgeChange(subject('acknowledged'), { operations: [{ op: 'set_quantity', lineId: 'a', quantity: 3 }] }, stock([['BLOUSE-RED-M', 1]]), 1).ok).toBe(true);
    expect(judgeChange(subject('acknowledged'), { operations: [{ op: 'set_quantity', lineId: 'a', quantity: 4 }] }, stock([['BLOUSE-RED-M', 1]]), 1).ok).toBe(false);
    expect(judgeChange(subject('acknowledged'), { operations: [{ op: 'add_line', sku: 'NEVER-REPORTED', quantity: 9, unitPrice: 100 }] }, new Map(), 1).ok).toBe(true);
  });

  it('refuses changes to a shipped line, the address or the whole order once anything shipped', () => {
    const partly = subject('partially_shipped', { a: { shipped: 2 } });
    for (const op of [{ op: 'cancel_line', lineNumber: 1 }, { op: 'change_address', shipTo: { line1: 'x', city: 'y', country: 'US' } }, { op: 'cancel_order' }] as const) {
      expect(judgeChange(partly, { operations: [op] }, new Map(), 1)).toMatchObject({ ok: false, code: 'SHIPPED' });
    }
    expect(judgeChange(partly, { operations: [{ op: 'cancel_line', lineNumber: 2 }] }, new Map(), 1).ok).toBe(true);
    expect(judgeChange(subject('shipped'), { operations: [{ op: 'cancel_order' }] }, new Map(), 1)).toMatchObject({ ok: false, code: 'NOT_CHANGEABLE' });
  });

  it('refuses every change and the cancellation once a pickup order is ready at the store', () => {
    const ready = subject('ready_for_pickup', { a: { allocated: 2 }, b: { allocated: 1 } });
    for (const op of [{ op: 'cancel_order' }, { op: 'cancel_line', lineNumber: 2 }, { op: 'set_quantity', lineNumber: 1, quantity: 1 }] as const) {
      expect(judgeChange(ready, { operations: [op] }, new Map(), 1)).toEqual({
        ok: false, code: 'NOT_CHANGEABLE', message: 'the order cannot be changed: the order is already ready for pickup',
      });
    }
  });

  it('judges a request against the changes still open before it', () => {
    const open: ChangeRecord = {
      changeId: `${ORDER_ID}.c1`, seq: 1, state: 'sent', summary: 'cancel line 2', requestedAt: '', requestedBy: 'ann', via: 'phone',
      operations: [{ op: 'cancel_line', lineId: 'b', lineNumber: 2, sku: 'SCARF-NVY', quantity: 1 }],
    };
    expect(judgeChange(subject('acknowledged', {}, [open]), { operations: [{ op: 'set_quantity', lineNumber: 2, quantity: 2 }] }, new Map(), 2))
      .toMatchObject({ ok: false, code: 'NOTHING_TO_CHANGE' });
    const added = judgeChange(subject('acknowledged', {}, [open]), { operations: [{ op: 'add_line', sku: 'BELT', quantity: 1, unitPrice: 1500 }] }, new Map(), 2);
    expect(added.ok && added.operations).toEqual([{ op: 'add_line', lineId: 'c2-1', lineNumber: 3, sku: 'BELT', quantity: 1, unitPrice: 1500 }]);
  });

  it('refuses an address the canonical order cannot hold', () => {
    const verdict = judgeChange(subject('acknowledged'), { operations: [{ op: 'change_address', shipTo: { line1: '1 Main St', city: 'Springfield', country: 'usa' } as never }] }, new Map(), 1);
    expect(verdict).toMatchObject({ ok: false, code: 'INVALID_RESULT' });
    expect(!verdict.ok && verdict.message).toContain('/shipTo/country');
  });
});
