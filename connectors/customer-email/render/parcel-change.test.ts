/**
 * What a change did to an order's parcels, as the customer would hear it: a new parcel,
 * a new problem, a delivery; parcels matched by tracking number, else shipment id.
 */
import { describe, expect, it } from 'vitest';
import { newException, parcelNews, type ParcelBasis } from './parcel-change.js';

const problem = { code: 'EX-ADDR', description: 'Address problem', at: '2026-11-26T08:00:00Z' };
const one: ParcelBasis = { shipmentId: 's1', trackingNumber: '1Z1' };
const two: ParcelBasis = { shipmentId: 's2', trackingNumber: '1Z2' };

describe('parcelNews', () => {
  it('a parcel not there before is "shipped", whatever else changed', () => {
    expect(parcelNews([one], [{ ...one, exception: problem }, two])).toBe('shipped');
    expect(parcelNews([], [{ shipmentId: 'no-number' }])).toBe('shipped');
  });

  it('a parcel newly in trouble is "delayed", before a delivery of another', () => {
    expect(parcelNews([one, two], [{ ...one, exception: problem }, { ...two, delivered: true }])).toBe('delayed');
  });

  it('a parcel newly delivered is "delivered"', () => {
    expect(parcelNews([one, two], [one, { ...two, delivered: true }])).toBe('delivered');
    expect(parcelNews([{ ...one, delivered: true }], [{ ...one, delivered: true }])).toBeUndefined();
  });

  it('matches parcels by tracking number, else by shipment id, not by position', () => {
    expect(parcelNews([one, two], [two, one])).toBeUndefined();
    const unnumbered: ParcelBasis = { shipmentId: 'oms:e1' };
    expect(parcelNews([unnumbered], [{ ...unnumbered, exception: problem }])).toBe('delayed');
  });

  it('nothing else is news', () => {
    expect(parcelNews([{ ...one, exception: problem }], [one])).toBeUndefined();
    expect(parcelNews([one], [one])).toBeUndefined();
  });
});

describe('newException', () => {
  it('is a problem where there was none, or another one; not the same one again', () => {
    expect(newException(one, { ...one, exception: problem })).toBe(true);
    expect(newException(undefined, { ...one, exception: problem })).toBe(true);
    expect(newException({ ...one, exception: problem }, { ...one, exception: { ...problem, at: '2026-11-27T08:00:00Z' } })).toBe(false);
    expect(newException({ ...one, exception: problem }, { ...one, exception: { ...problem, description: 'Damaged' } })).toBe(true);
    expect(newException({ ...one, exception: problem }, { ...one, exception: { description: problem.description, at: problem.at } })).toBe(true);
    expect(newException({ ...one, exception: problem }, one)).toBe(false);
  });
});
