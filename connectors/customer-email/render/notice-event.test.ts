/** Which customer e-mail each order state calls for, and which are essential. */
import { describe, expect, it } from 'vitest';
import type { OrderState, OrderStatus } from '../../../src/sdk/index.js';
import { eventFor, eventForChange, isEssential, isNoticeEvent, NOTICE_EVENTS } from './notice-event.js';

describe('eventFor', () => {
  const cases: Array<[OrderState, string | undefined]> = [
    ['received', 'received'], ['accepted', 'received'], ['acknowledged', 'confirmed'],
    ['backordered', 'backordered'], ['partially_shipped', 'shipped'], ['shipped', 'shipped'],
    ['ready_for_pickup', 'ready_for_pickup'], ['delivered', 'delivered'], ['cancelled', 'cancelled'], ['refunded', 'refunded'],
    ['allocated', 'changed'], ['on_hold', 'changed'], ['cancel_requested', 'changed'],
    ['return_requested', 'changed'], ['returned', 'changed'],
    ['needs_review', undefined], ['rejected', undefined], ['sent', undefined],
  ];
  it.each(cases)('%s → %s', (state, event) => {
    expect(eventFor(state)).toBe(event);
  });

  it('covers every order state', () => {
    expect(cases.map(([state]) => state).sort()).toEqual([
      'received', 'accepted', 'needs_review', 'rejected', 'sent', 'acknowledged', 'allocated', 'backordered',
      'partially_shipped', 'ready_for_pickup', 'shipped', 'delivered', 'on_hold', 'cancel_requested', 'cancelled',
      'return_requested', 'returned', 'refunded',
    ].sort());
  });

  it('maps a move between states by the new state', () => {
    expect(eventFor('acknowledged', 'sent')).toBe('confirmed');
    expect(eventFor('shipped', 'partially_shipped')).toBe('shipped');
    expect(eventFor('allocated', 'acknowledged')).toBe('changed');
    expect(eventFor('acknowledged', 'on_hold')).toBe('confirmed');
    expect(eventFor('ready_for_pickup', 'allocated')).toBe('ready_for_pickup');
    // The customer collected the order.
    expect(eventFor('delivered', 'ready_for_pickup')).toBe('delivered');
    // The acknowledgement went out at capture, before the review.
    expect(eventFor('accepted', 'needs_review')).toBeUndefined();
    expect(eventFor('rejected', 'needs_review')).toBeUndefined();
  });

  it('does not tell the customer twice that the order was received', () => {
    expect(eventFor('accepted', 'received')).toBeUndefined();
  });

  it('judges a change inside one state: another parcel or backorder repeats, anything else is "changed"', () => {
    expect(eventFor('partially_shipped', 'partially_shipped')).toBe('shipped');
    expect(eventFor('backordered', 'backordered')).toBe('backordered');
    expect(eventFor('acknowledged', 'acknowledged')).toBe('changed');
    expect(eventFor('ready_for_pickup', 'ready_for_pickup')).toBe('changed');
    expect(eventFor('needs_review', 'needs_review')).toBeUndefined();
  });
});

describe('eventForChange', () => {
  const base: OrderStatus = {
    state: 'partially_shipped', version: 5, shipments: [], receipts: [], lastEventAt: {},
    lines: {
      a: { ordered: 2, allocated: 0, backordered: 0, shipped: 1, cancelled: 0, returned: 0 },
      b: { ordered: 1, allocated: 1, backordered: 0, shipped: 0, cancelled: 0, returned: 0 },
    },
  };
  const parcel = { shipmentId: 's1', shippedAt: '2026-11-24T10:00:00Z', lines: [{ lineId: 'a', quantity: 1 }] };
  const before: OrderStatus = { ...base, shipments: [parcel] };

  it('uses the state when the state changed, or when nothing was known before', () => {
    expect(eventForChange(undefined, { ...base, state: 'acknowledged' })).toBe('confirmed');
    expect(eventForChange({ ...before, state: 'allocated' }, before)).toBe('shipped');
  });

  it('another parcel is "shipped"', () => {
    const after = { ...before, version: 6, shipments: [parcel, { ...parcel, shipmentId: 's2' }] };
    expect(eventForChange(before, after)).toBe('shipped');
  });

  it('one parcel delivered while another is on its way is "changed", not "shipped" again', () => {
    const after = { ...before, version: 6, shipments: [{ ...parcel, delivered: true }] };
    expect(eventForChange(before, after)).toBe('changed');
  });

  it('more units backordered or a new expected date is "backordered"', () => {
    const waiting = { ...before.lines.b!, allocated: 0, backordered: 1, expectedDate: '2026-12-01' };
    const after = { ...before, version: 6, lines: { ...before.lines, b: waiting } };
    expect(eventForChange(before, after)).toBe('backordered');
    const later = { ...after, version: 7, lines: { ...after.lines, b: { ...waiting, expectedDate: '2026-12-09' } } };
    expect(eventForChange(after, later)).toBe('backordered');
  });

  it('no change a customer can see is no notice', () => {
    const receipted: OrderStatus = { ...before, version: 6, receipts: [{ target: 't', externalRef: 'x', at: 'now' }] };
    expect(eventForChange(before, receipted)).toBeUndefined();
    const review: OrderStatus = { ...base, state: 'needs_review' };
    const reviewLater: OrderStatus = { ...review, version: 6 };
    expect(eventForChange(review, reviewLater)).toBeUndefined();
  });
});

describe('isEssential', () => {
  it('received, confirmed, ready for pickup, shipped, cancelled and refunded are essential; the rest optional', () => {
    expect(NOTICE_EVENTS.filter(isEssential)).toEqual([
      'received', 'confirmed', 'ready_for_pickup', 'shipped', 'cancelled', 'refunded', 'change_accepted', 'change_refused',
    ]);
    expect(NOTICE_EVENTS.filter((e) => !isEssential(e))).toEqual(['changed', 'backordered', 'delivered']);
  });

  it('knows its events', () => {
    expect(isNoticeEvent('shipped')).toBe(true);
    expect(isNoticeEvent('partially_shipped')).toBe(false);
    expect(isNoticeEvent(undefined)).toBe(false);
  });
});
