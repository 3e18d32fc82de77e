/**
 * The `tracking.updated` webhook of one event: built once when the event is recorded,
 * so every retry and duplicate carries the same id and byte-identical body.
 */
import type { ParcelRecord, StoredEvent } from './shipment-book.js';
import type { WebhookBody } from './types.js';
import { publicEvent, trackingView } from './views.js';

export function webhookBody(parcel: ParcelRecord, event: StoredEvent): WebhookBody {
  const tracking = trackingView(parcel);
  return {
    id: event.webhookId,
    type: 'tracking.updated',
    createdAt: event.recordedAt,
    data: {
      trackingNumber: parcel.trackingNumber,
      shipmentId: parcel.shipment.shipmentId,
      reference: parcel.shipment.reference,
      status: tracking.status,
      ...(tracking.estimatedDeliveryDate === undefined ? {} : { estimatedDeliveryDate: tracking.estimatedDeliveryDate }),
      event: publicEvent(event),
    },
  };
}
