/**
 * The scripted life of a parcel: LC → PU → IT → IT → OD → DL. The next step follows
 * the parcel's latest progress event (exceptions in between do not count), with the
 * place it happens: picked up where it was sent from, in transit at the origin and
 * then the destination facility, out for delivery and delivered where it goes.
 */
import { isFinal, statusOf } from './event-codes.js';
import type { Address, EventCode, EventLocation, NewEvent } from './types.js';

const PROGRESS: readonly EventCode[] = ['LC', 'PU', 'IT', 'OD', 'DL'];
/** In-transit scans before the parcel goes out for delivery. */
const TRANSIT_SCANS = 2;

export interface ParcelRoute {
  shipFrom: Address;
  shipTo: Address;
}

/** The next default event, or undefined when the parcel moves no further (delivered, returned, voided). */
export function nextStep(events: ReadonlyArray<{ code: EventCode }>, route: ParcelRoute): NewEvent | undefined {
  if (isFinal(statusOf(events))) return undefined;
  const progress = events.filter((event) => PROGRESS.includes(event.code));
  const last = progress.at(-1)?.code ?? 'LC';
  const transitScans = progress.filter((event) => event.code === 'IT').length;
  switch (last) {
    case 'LC':
      return { code: 'PU', location: placeOf(route.shipFrom) };
    case 'PU':
      return { code: 'IT', description: 'Departed origin facility', location: placeOf(route.shipFrom) };
    case 'IT':
      return transitScans < TRANSIT_SCANS
        ? { code: 'IT', description: 'Arrived at destination facility', location: placeOf(route.shipTo) }
        : { code: 'OD', location: placeOf(route.shipTo) };
    case 'OD':
      return { code: 'DL', location: placeOf(route.shipTo) };
    default:
      return undefined;
  }
}

function placeOf(address: Address): EventLocation {
  const place: EventLocation = { city: address.city, postalCode: address.postalCode, country: address.country };
  if (address.region) place.region = address.region;
  return place;
}
