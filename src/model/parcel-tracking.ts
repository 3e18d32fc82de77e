/**
 * One parcel's tracking, applied to the order's shipments: the carrier's latest status,
 * its expected date, an exception while there is one, and the newest events. Events of a
 * parcel apply in the order they happened: one older than the parcel's last is stale,
 * whatever order the carrier's webhooks or polls brought them in. Pure.
 */
import type { ParcelEvent, ParcelStatus, Shipment, StatusEvent } from './status.js';

/** Tracking events kept per parcel. */
export const PARCEL_HISTORY = 20;

/** Statuses that mean the parcel is in the carrier's hands (a booked label ships then). */
export const MOVING: ReadonlySet<ParcelStatus> = new Set(['in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned']);

export type Tracked =
  | { outcome: 'applied'; shipments: Shipment[]; summary: string }
  | { outcome: 'stale' | 'refused'; reason: string };

export function trackParcel(shipments: Shipment[], event: StatusEvent): Tracked {
  const trackingNumber = event.shipment?.trackingNumber;
  const parcel = event.parcel;
  if (!trackingNumber || !parcel) return { outcome: 'refused', reason: 'a tracking event names its parcel (shipment.trackingNumber) and where it is (parcel.status)' };
  const index = shipments.findIndex((s) => s.trackingNumber === trackingNumber);
  if (index < 0) return { outcome: 'refused', reason: `no parcel ${trackingNumber} on this order` };
  const shipment = shipments[index]!;
  if (shipment.lastTrackedAt && isBefore(event.occurredAt, shipment.lastTrackedAt)) {
    return { outcome: 'stale', reason: `older than the last event of parcel ${trackingNumber} (${shipment.lastTrackedAt})` };
  }
  if (shipment.delivered && parcel.status !== 'delivered') return { outcome: 'stale', reason: `parcel ${trackingNumber} is already delivered` };
  // A label is made before the parcel moves: a late report of it is no news.
  if (parcel.status === 'label_created') return { outcome: 'stale', reason: `parcel ${trackingNumber} is already with the carrier` };
  const next = tracked(shipment, event, parcel);
  return {
    outcome: 'applied',
    shipments: shipments.map((s, i) => (i === index ? next : s)),
    summary: `parcel ${trackingNumber} ${inWords(parcel.status)}${parcel.description ? ` (${parcel.description})` : ''}`,
  };
}

function tracked(shipment: Shipment, event: StatusEvent, parcel: NonNullable<StatusEvent['parcel']>): Shipment {
  const entry: ParcelEvent = {
    status: parcel.status, occurredAt: event.occurredAt,
    ...(parcel.code ? { code: parcel.code } : {}), ...(parcel.description ? { description: parcel.description } : {}),
    ...(parcel.location ? { location: parcel.location } : {}),
  };
  const { exception: _previous, ...rest } = shipment;
  const exception = exceptionOf(parcel, event.occurredAt);
  return {
    ...rest,
    parcelStatus: parcel.status,
    lastTrackedAt: event.occurredAt,
    history: [...(shipment.history ?? []), entry].slice(-PARCEL_HISTORY),
    ...(event.expectedDate ?? shipment.expectedDate ? { expectedDate: event.expectedDate ?? shipment.expectedDate } : {}),
    ...(parcel.status === 'delivered' || shipment.delivered ? { delivered: true } : {}),
    ...(exception ? { exception } : {}),
  };
}

/** An exception, or a parcel on its way back to the sender, is what a person must watch. */
function exceptionOf(parcel: NonNullable<StatusEvent['parcel']>, at: string): Shipment['exception'] {
  if (parcel.status === 'exception') return { ...(parcel.code ? { code: parcel.code } : {}), description: parcel.description ?? 'delivery exception', at };
  if (parcel.status === 'returned') return { ...(parcel.code ? { code: parcel.code } : {}), description: parcel.description ?? 'returned to sender', at };
  return undefined;
}

/** True when any parcel of the order is in an exception: the order is on the watch list. */
export function needsWatching(shipments: Shipment[]): boolean {
  return shipments.some((s) => s.exception !== undefined);
}

function inWords(status: ParcelStatus): string {
  return status.replace(/_/g, ' ');
}

function isBefore(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a < b : ta < tb;
}
