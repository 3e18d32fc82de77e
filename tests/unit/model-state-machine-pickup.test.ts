/**
 * Pickup orders in the state machine: `ready_for_pickup` sets every open unit aside at the
 * store (from sent, acknowledged, allocated or backordered, and from accepted when the OMS
 * reports before the delivery receipt), `delivered` on a ready order is the customer
 * collecting it, and once ready no cancellation, earlier state or repeat applies.
 */
import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../src/model/order.js';
import { applyEvent, initialStatus, rankOf, recordDelivery, step, withLines, type Outcome } from '../../src/model/state-machine.js';
import type { OrderState, OrderStatus, StatusEvent, StatusEventType } from '../../src/model/status.js';

const LINES: OrderLine[] = [
  { lineId: 'L1', sku: 'MUG-RED', quantity: 2, unitPrice: 1200 },
  { lineId: 'L2', sku: 'TEE-M', quantity: 3, unitPrice: 2500 },
];

let clock = Date.UTC(2026, 10, 1, 9, 0, 0);
let counter = 0;

function event(type: StatusEventType, spec: Partial<StatusEvent> = {}): StatusEvent {
  clock += 1000;
  counter += 1;
  return { eventId: `ev-${counter}`, source: 'oms', occurredAt: new Date(clock).toISOString(), type, ...spec };
}

function applied(outcome: Outcome): OrderStatus {
  if (outcome.outcome !== 'applied') throw new Error(`expected applied, got ${outcome.outcome}: ${outcome.reason}`);
  return outcome.status;
}

function accepted(): OrderStatus {
  return applied(step(withLines(initialStatus(), LINES), 'accept'));
}

function sent(): OrderStatus {
  return recordDelivery(accepted(), 'oms', 'OMS-1', '2026-11-01T08:00:00.000Z');
}

function after(start: OrderStatus, ...types: StatusEventType[]): OrderStatus {
  return types.reduce((status, type) => applied(applyEvent(status, LINES, event(type))), start);
}

function ready(): OrderStatus {
  return after(sent(), 'acknowledged', 'ready_for_pickup');
}

describe('ready_for_pickup', () => {
  it.each<[string, () => OrderStatus]>([
    ['accepted (the OMS reported before the receipt)', accepted],
    ['sent', sent],
    ['acknowledged', () => after(sent(), 'acknowledged')],
    ['allocated', () => after(sent(), 'allocated')],
    ['backordered', () => after(sent(), 'backordered')],
  ])('moves an order that is %s to ready_for_pickup', (_name, start) => {
    const before = start();
    const status = applied(applyEvent(before, LINES, event('ready_for_pickup')));
    expect(status.state).toBe('ready_for_pickup');
    expect(status.version).toBe(before.version + 1);
  });

  it('sets every open unit aside: allocated at the store, nothing backordered, no restock date', () => {
    const backordered = applied(applyEvent(after(sent(), 'acknowledged'), LINES, event('backordered', { lines: [{ lineId: 'L2', quantity: 3 }], expectedDate: '2026-12-01' })));
    const cancelledOne = applied(applyEvent(backordered, LINES, event('cancelled', { lines: [{ lineId: 'L1', quantity: 1 }] })));
    const status = applied(applyEvent(cancelledOne, LINES, event('ready_for_pickup')));
    expect(status.lines).toEqual({
      L1: { ordered: 2, allocated: 1, backordered: 0, shipped: 0, cancelled: 1, returned: 0 },
      L2: { ordered: 3, allocated: 3, backordered: 0, shipped: 0, cancelled: 0, returned: 0 },
    });
  });

  it('ranks after every change and before shipped', () => {
    expect(rankOf('ready_for_pickup')).toBeGreaterThan(rankOf('partially_shipped'));
    expect(rankOf('ready_for_pickup')).toBeLessThan(rankOf('shipped'));
  });

  it('a repeat, or a report after the order moved on, is stale', () => {
    expect(applyEvent(ready(), LINES, event('ready_for_pickup'))).toEqual({ outcome: 'stale', reason: 'order is already ready for pickup' });
    const collected = after(ready(), 'delivered');
    expect(applyEvent(collected, LINES, event('ready_for_pickup'))).toEqual({ outcome: 'stale', reason: 'order is already delivered' });
  });

  it.each<OrderState>(['on_hold', 'cancel_requested'])('is refused while the order is %s', (state) => {
    const status: OrderStatus = { ...after(sent(), 'acknowledged'), state };
    expect(applyEvent(status, LINES, event('ready_for_pickup'))).toEqual({
      outcome: 'refused', reason: `an order that is ${state.replace('_', ' ')} cannot be ready for pickup`,
    });
  });

  it('an older report from the same source is stale, as for every event', () => {
    const status = ready();
    const earlier = new Date(Date.parse(status.lastEventAt.oms!) - 1).toISOString();
    expect(applyEvent(status, LINES, { ...event('delivered'), occurredAt: earlier }).outcome).toBe('stale');
  });
});

describe('once ready for pickup', () => {
  it('delivered means the customer collected it: every open unit leaves with them', () => {
    const status = applied(applyEvent(ready(), LINES, event('delivered')));
    expect(status.state).toBe('delivered');
    expect(Object.values(status.lines).map((q) => [q.shipped, q.allocated])).toEqual([[2, 0], [3, 0]]);
    expect(status.shipments).toEqual([]);
    expect(applyEvent(status, LINES, event('delivered'))).toEqual({ outcome: 'stale', reason: 'order is already delivered' });
  });

  it('the customer can no longer cancel, but the OMS can cancel an order never collected', () => {
    const status = ready();
    expect(step(status, 'requestCancel').outcome).toBe('refused');
    const cancelled = applied(applyEvent(status, LINES, event('cancelled')));
    expect(cancelled.state).toBe('cancelled');
    expect(Object.values(cancelled.lines).map((q) => q.cancelled)).toEqual([2, 3]);
  });

  it('earlier states are stale: no backwards moves', () => {
    const status = ready();
    for (const type of ['acknowledged', 'allocated', 'backordered'] as const) {
      expect(applyEvent(status, LINES, event(type))).toEqual({ outcome: 'stale', reason: 'order is already ready for pickup' });
    }
  });

  it('a hold returns to ready for pickup when released; a return needs the order collected first', () => {
    const held = after(ready(), 'on_hold');
    expect(held.resumeState).toBe('ready_for_pickup');
    expect(after(held, 'released').state).toBe('ready_for_pickup');
    expect(applyEvent(ready(), LINES, event('returned'))).toEqual({ outcome: 'refused', reason: 'cannot return an order that is ready_for_pickup' });
    expect(after(ready(), 'delivered', 'returned').state).toBe('returned');
  });
});
