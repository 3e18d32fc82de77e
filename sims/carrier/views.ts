/**
 * What the API and the control API show of a parcel or a shipment: tracking (events
 * oldest first by when they happened, the status of the latest, the estimate while the
 * parcel is still on its way), a shipment's view, and an event as the API shows it.
 */
import { isFinal, statusOf } from './event-codes.js';
import type { ParcelRecord, ShipmentRecord, StoredEvent } from './shipment-book.js';
import type { ShipmentView, TrackingEvent, TrackingView } from './types.js';

export function trackingView(parcel: ParcelRecord): TrackingView {
  const events = chronological(parcel.events);
  const status = statusOf(events);
  return {
    trackingNumber: parcel.trackingNumber,
    status,
    ...(isFinal(status) ? {} : { estimatedDeliveryDate: parcel.estimatedDeliveryDate }),
    events: events.map(publicEvent),
  };
}

export function shipmentView(shipment: ShipmentRecord): ShipmentView {
  return {
    shipmentId: shipment.shipmentId,
    reference: shipment.reference,
    service: shipment.service,
    status: shipment.status,
    idempotencyKey: shipment.idempotencyKey,
    createdAt: shipment.createdAt,
    shipFrom: { ...shipment.shipFrom },
    shipTo: { ...shipment.shipTo },
    labelFormat: shipment.labelFormat,
    rate: { ...shipment.rate },
    estimatedDeliveryDate: shipment.estimatedDeliveryDate,
    parcels: shipment.parcels.map((parcel) => ({ index: parcel.index, trackingUrl: parcel.trackingUrl, ...parcel.spec, ...trackingView(parcel) })),
  };
}

/** The event without the carrier's bookkeeping. */
export function publicEvent(event: StoredEvent): TrackingEvent {
  return {
    id: event.id,
    code: event.code,
    description: event.description,
    occurredAt: event.occurredAt,
    ...(event.location ? { location: { ...event.location } } : {}),
  };
}

/** By `occurredAt`, oldest first; events of the same moment stay in the order they were recorded. */
function chronological(events: StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}
