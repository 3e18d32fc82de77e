/**
 * Parcels in the state machine: a carrier's tracking events per parcel, applied in the
 * order they happened; an order in two parcels rolls up partially shipped → shipped →
 * delivered only when both are delivered; an exception is kept until the parcel moves
 * on; a booked parcel ships when the carrier first has it; bookings void until then.
 */
import { describe, expect, it } from 'vitest';
import { bookedParcel, unitsBooked, withBooking, withVoidedBooking } from '../../src/model/booking.js';
import type { OrderLine } from '../../src/model/order.js';
import { needsWatching } from '../../src/model/parcel-tracking.js';
import { applyEvent, initialStatus, recordDelivery, step } from '../../src/model/state-machine.js';
import type { Booking, OrderStatus, ParcelStatus, StatusEvent } from '../../src/model/status.js';

const LINES: OrderLine[] = [
  { lineId: '1', sku: 'TEE', quantity: 2, unitPrice: 1000 },
  { lineId: '2', sku: 'MUG', quantity: 1, unitPrice: 800 },
];

let n = 0;
function event(type: StatusEvent['type'], extra: Partial<StatusEvent> = {}): StatusEvent {
  n += 1;
  return { eventId: `e${n}`, source: 'carrier', type, occurredAt: `2026-12-0${Math.min(9, 1 + Math.floor(n / 10))}T10:00:${String(n % 60).padStart(2, '0')}Z`, ...extra };
}

function track(trackingNumber: string, status: ParcelStatus, occurredAt: string, extra: Partial<StatusEvent> = {}): StatusEvent {
  return { eventId: `${trackingNumber}-${status}-${occurredAt}`, source: 'carrier', type: 'tracking', occurredAt, shipment: { trackingNumber }, parcel: { status, code: status.toUpperCase() }, ...extra };
}

function applied(status: OrderStatus, e: StatusEvent): OrderStatus {
  const outcome = applyEvent(status, LINES, e);
  if (outcome.outcome !== 'applied') throw new Error(`${e.type} not applied: ${outcome.reason}`);
  return outcome.status;
}

function acknowledged(): OrderStatus {
  const accepted = step(initialStatus(LINES), 'accept');
  if (accepted.outcome !== 'applied') throw new Error('accept');
  const sent = recordDelivery(accepted.status, 'oms', 'OMS-1', '2026-12-01T08:00:00Z');
  return applied(sent, { ...event('acknowledged'), source: 'oms', occurredAt: '2026-12-01T08:30:00Z' });
}

function twoParcels(): OrderStatus {
  let status = acknowledged();
  status = applied(status, { ...event('shipped'), source: 'oms', occurredAt: '2026-12-01T09:00:00Z', lines: [{ lineId: '1', quantity: 2 }], shipment: { trackingNumber: 'A1', carrier: 'UPS' } });
  return applied(status, { ...event('shipped'), source: 'oms', occurredAt: '2026-12-02T09:00:00Z', lines: [{ lineId: '2', quantity: 1 }], shipment: { trackingNumber: 'B2', carrier: 'UPS' } });
}

describe('an order in two parcels', () => {
  it('is delivered only once both parcels are, on different days', () => {
    let status = twoParcels();
    expect(status.state).toBe('shipped');
    status = applied(status, track('A1', 'in_transit', '2026-12-02T08:00:00Z'));
    status = applied(status, track('A1', 'delivered', '2026-12-03T15:00:00Z'));
    expect(status.state).toBe('shipped');
    expect(status.shipments.map((s) => [s.trackingNumber, s.delivered ?? false])).toEqual([['A1', true], ['B2', false]]);
    status = applied(status, track('B2', 'out_for_delivery', '2026-12-04T07:00:00Z'));
    status = applied(status, track('B2', 'delivered', '2026-12-04T12:00:00Z'));
    expect(status.state).toBe('delivered');
  });

  it('stays partially shipped while a line has not left, even with every parcel delivered', () => {
    let status = acknowledged();
    status = applied(status, { ...event('shipped'), source: 'oms', lines: [{ lineId: '1', quantity: 1 }], shipment: { trackingNumber: 'P1' } });
    status = applied(status, track('P1', 'delivered', '2026-12-05T10:00:00Z'));
    expect(status.state).toBe('partially_shipped');
  });
});

describe('the events of one parcel', () => {
  it('apply in the order they happened, per parcel, whatever order they arrive in', () => {
    let status = twoParcels();
    status = applied(status, track('A1', 'out_for_delivery', '2026-12-03T07:00:00Z'));
    // Older than A1's last event: stale. B2's older event is not stale: parcels are ordered on their own.
    expect(applyEvent(status, LINES, track('A1', 'in_transit', '2026-12-02T20:00:00Z'))).toMatchObject({ outcome: 'stale' });
    status = applied(status, track('B2', 'in_transit', '2026-12-02T20:00:00Z'));
    expect(status.shipments.find((s) => s.trackingNumber === 'A1')!.parcelStatus).toBe('out_for_delivery');
    expect(status.shipments.find((s) => s.trackingNumber === 'B2')!.history!.map((h) => h.status)).toEqual(['in_transit']);
  });

  it('keeps an exception with the carrier\'s expected date until the parcel moves on', () => {
    let status = twoParcels();
    status = applied(status, track('A1', 'exception', '2026-12-03T09:00:00Z', { parcel: { status: 'exception', code: 'EX-ADDR', description: 'Address problem' }, expectedDate: '2026-12-07' }));
    const parcel = status.shipments.find((s) => s.trackingNumber === 'A1')!;
    expect(parcel.exception).toEqual({ code: 'EX-ADDR', description: 'Address problem', at: '2026-12-03T09:00:00Z' });
    expect(parcel.expectedDate).toBe('2026-12-07');
    expect(needsWatching(status.shipments)).toBe(true);
    status = applied(status, track('A1', 'in_transit', '2026-12-04T09:00:00Z'));
    expect(status.shipments.find((s) => s.trackingNumber === 'A1')!.exception).toBeUndefined();
    expect(needsWatching(status.shipments)).toBe(false);
  });

  it('refuses a parcel the order does not have, and a tracking event without a parcel status', () => {
    const status = twoParcels();
    expect(applyEvent(status, LINES, track('ZZ', 'in_transit', '2026-12-03T09:00:00Z'))).toMatchObject({ outcome: 'refused', reason: 'no parcel ZZ on this order' });
    expect(applyEvent(status, LINES, { ...event('tracking'), shipment: { trackingNumber: 'A1' } })).toMatchObject({ outcome: 'refused' });
  });

  it('does not touch the order-wide ordering of the carrier\'s other events', () => {
    const status = applied(twoParcels(), track('A1', 'in_transit', '2026-12-09T09:00:00Z'));
    expect(status.lastEventAt.carrier).toBeUndefined();
  });
});

describe('a booked parcel', () => {
  const booking: Booking = {
    shipmentId: 'S1', instance: 'parcels', carrier: 'ParcelCo', createdAt: '2026-12-01T08:00:00Z',
    parcels: [{ trackingNumber: 'L1', lines: [{ lineId: '1', quantity: 2 }, { lineId: '2', quantity: 1 }], labelFormat: 'PDF' }],
  };

  it('ships its booked lines when the carrier first has it, and not at label creation', () => {
    const booked = withBooking(acknowledged(), booking);
    expect(applyEvent(booked, LINES, track('L1', 'label_created', '2026-12-01T08:00:01Z'))).toMatchObject({ outcome: 'stale' });
    const moving = applied(booked, track('L1', 'in_transit', '2026-12-01T17:00:00Z'));
    expect(moving.state).toBe('shipped');
    expect(moving.shipments).toEqual([expect.objectContaining({ trackingNumber: 'L1', carrier: 'ParcelCo', parcelStatus: 'in_transit' })]);
    expect(applied(moving, track('L1', 'delivered', '2026-12-02T11:00:00Z')).state).toBe('delivered');
  });

  it('voids until the carrier has it, and its units can then be booked again', () => {
    const booked = withBooking(acknowledged(), booking);
    expect(unitsBooked(booked).get('1')).toBe(2);
    const voided = withVoidedBooking(booked, 'S1', '2026-12-01T09:00:00Z');
    if ('refused' in voided) throw new Error(voided.refused);
    expect(bookedParcel(voided.status, 'L1')).toBeUndefined();
    expect(unitsBooked(voided.status).get('1')).toBeUndefined();
    const moving = applied(booked, track('L1', 'in_transit', '2026-12-01T17:00:00Z'));
    expect(withVoidedBooking(moving, 'S1', '2026-12-01T18:00:00Z')).toEqual({ refused: 'parcel L1 is already with the carrier' });
  });
});
