/** Which customer e-mail each order state calls for, and which are essential. */
import { describe, expect, it } from 'vitest';
import type { OrderState, OrderStatus, Shipment } from '../../../src/sdk/index.js';
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

  describe('parcels followed by their carrier', () => {
    const tracked: Shipment = { ...parcel, trackingNumber: '1Z1', carrier: 'UPS', parcelStatus: 'in_transit', lastTrackedAt: '2026-11-25T06:00:00Z' };
    const shipped: OrderStatus = { ...base, shipments: [tracked, { ...parcel, shipmentId: 's2', trackingNumber: '1Z2' }] };
    const problem = { code: 'EX-ADDR', description: 'Address problem: no such street number', at: '2026-11-26T08:00:00Z' };
    const withFirst = (changes: Partial<Shipment>): OrderStatus =>
      ({ ...shipped, version: shipped.version + 1, shipments: [{ ...tracked, ...changes }, shipped.shipments[1]!] });

    it('a parcel moved along (out for delivery, a new event, a new date) is no notice', () => {
      const along = withFirst({
        parcelStatus: 'out_for_delivery', lastTrackedAt: '2026-11-26T07:00:00Z', expectedDate: '2026-11-26',
        history: [{ status: 'out_for_delivery', occurredAt: '2026-11-26T07:00:00Z', location: 'Portland, OR' }],
      });
      expect(eventForChange(shipped, along)).toBeUndefined();
    });

    it('a parcel newly in an exception is "delayed"', () => {
      const held = withFirst({ parcelStatus: 'exception', exception: problem, expectedDate: '2026-12-12' });
      expect(eventForChange(shipped, held)).toBe('delayed');
      // Another parcel of the order is told the same way.
      const second: OrderStatus = { ...shipped, shipments: [shipped.shipments[0]!, { ...shipped.shipments[1]!, exception: problem }] };
      expect(eventForChange(shipped, second)).toBe('delayed');
    });

    it('the same problem reported again is no notice; another problem is "delayed" again', () => {
      const held = withFirst({ parcelStatus: 'exception', exception: problem });
      const again = withFirst({ parcelStatus: 'exception', exception: { ...problem, at: '2026-11-27T08:00:00Z' }, lastTrackedAt: '2026-11-27T08:00:00Z' });
      expect(eventForChange(held, again)).toBeUndefined();
      const damaged = withFirst({ parcelStatus: 'exception', exception: { code: 'EX-DMG', description: 'Damaged in transit', at: '2026-11-27T09:00:00Z' } });
      expect(eventForChange(held, damaged)).toBe('delayed');
    });

    it('an exception cleared is no notice', () => {
      const held = withFirst({ parcelStatus: 'exception', exception: problem });
      expect(eventForChange(held, withFirst({ parcelStatus: 'in_transit', lastTrackedAt: '2026-11-28T08:00:00Z' }))).toBeUndefined();
    });

    it('a parcel delivered while the other travels is still "changed"; a new parcel still "shipped"', () => {
      expect(eventForChange(shipped, withFirst({ parcelStatus: 'delivered', delivered: true }))).toBe('changed');
      const third: OrderStatus = { ...shipped, shipments: [...shipped.shipments, { ...parcel, shipmentId: 's3', trackingNumber: '1Z3' }] };
      expect(eventForChange(shipped, third)).toBe('shipped');
    });

    it('the whole order delivered is "delivered" (a change of state)', () => {
      const delivered: OrderStatus = { ...withFirst({ delivered: true }), state: 'delivered' };
      expect(eventForChange({ ...shipped, state: 'shipped' }, delivered)).toBe('delivered');
    });
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
  it('received, confirmed, ready for pickup, shipped, delayed, cancelled and refunded are essential; the rest optional', () => {
    expect(NOTICE_EVENTS.filter(isEssential)).toEqual([
      'received', 'confirmed', 'ready_for_pickup', 'shipped', 'delayed', 'cancelled', 'refunded', 'change_accepted', 'change_refused',
    ]);
    expect(NOTICE_EVENTS.filter((e) => !isEssential(e))).toEqual(['changed', 'backordered', 'delivered']);
  });

  it('knows its events', () => {
    expect(isNoticeEvent('shipped')).toBe(true);
    expect(isNoticeEvent('delayed')).toBe(true);
    expect(isNoticeEvent('partially_shipped')).toBe(false);
    expect(isNoticeEvent(undefined)).toBe(false);
  });
});
