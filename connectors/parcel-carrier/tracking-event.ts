/**
 * One carrier event as the hub's `tracking` status event. The event id is the
 * carrier's own, and the event is built the same way from a webhook and from a poll,
 * so the same event seen both ways is one event to the hub. No `hubOrderId`: the
 * reference the carrier keeps is the order's confirmation code, and the hub finds the
 * order by the parcel's tracking number.
 */
import { BadInputError, type StatusEventIn } from '../../src/sdk/index.js';
import { isRecord, text, type JsonRecord } from './answer-fields.js';
import { applyStatusMapping, type CarrierEventInput, type StatusMapping } from './status-mapping.js';

export interface TrackingEventSource {
  mapping: StatusMapping;
  /** The carrier's name as the hub shows it. */
  carrier: string;
}

export function trackingEvent(source: TrackingEventSource, input: CarrierEventInput): StatusEventIn {
  const { expectedDate, ...parcel } = applyStatusMapping(source.mapping, input, source.carrier);
  return {
    eventId: input.event.id,
    type: 'tracking',
    occurredAt: input.event.occurredAt,
    shipment: { trackingNumber: input.trackingNumber, carrier: source.carrier },
    parcel,
    ...(expectedDate ? { expectedDate } : {}),
  };
}

/**
 * The mapping's input from one event the carrier reported for a parcel; undefined
 * when the event lacks an id, a code or a readable time.
 */
export function carrierEventInput(trackingNumber: string, event: JsonRecord, estimatedDeliveryDate: unknown): CarrierEventInput | undefined {
  const id = text(event, 'id');
  const code = text(event, 'code');
  const occurredAt = text(event, 'occurredAt');
  if (!id || !code || !occurredAt || Number.isNaN(Date.parse(occurredAt))) return undefined;
  const description = text(event, 'description');
  return {
    trackingNumber,
    ...(typeof estimatedDeliveryDate === 'string' && estimatedDeliveryDate !== '' ? { estimatedDeliveryDate } : {}),
    event: {
      id, code, occurredAt,
      ...(description ? { description } : {}),
      ...(isRecord(event['location']) || typeof event['location'] === 'string' ? { location: event['location'] } : {}),
    },
  };
}

/** Like `carrierEventInput`, but an unreadable event is bad input (a webhook). */
export function requireCarrierEventInput(trackingNumber: string, event: unknown, estimatedDeliveryDate: unknown, carrier: string): CarrierEventInput {
  const input = isRecord(event) ? carrierEventInput(trackingNumber, event, estimatedDeliveryDate) : undefined;
  if (input) return input;
  throw new BadInputError(`${carrier} webhook for parcel ${trackingNumber}: data.event needs an id, a code and an ISO 8601 occurredAt`, {
    code: 'BAD_TRACKING_EVENT', hint: 'the carrier sent a tracking.updated webhook this connector cannot read: check the carrier\'s webhook version',
  });
}
