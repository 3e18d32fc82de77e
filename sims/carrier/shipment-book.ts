/**
 * The carrier's shipments and parcels, in memory: registering a new shipment (each
 * parcel starts with LC), appending events to a parcel (updating its delivery
 * estimate), and voiding a shipment whose parcels have not moved. Every stored event
 * is handed to the listener, which sends its webhook.
 */
import { randomBytes } from 'node:crypto';
import { addBusinessDays, isoDate, parseIsoDate } from './business-days.js';
import { MOVED_CODES } from './event-codes.js';
import { checkEvent } from './new-event.js';
import { ProblemError } from './problem.js';
import { normalizeTrackingNumber } from './tracking-numbers.js';
import type {
  Address, EventCode, LabelFormat, NewEvent, ParcelSpec, ServiceLevel, ShipmentStatus, TrackingEvent,
} from './types.js';

export interface StoredEvent extends TrackingEvent {
  /** The id of the event's webhook: the same for every retry and copy. */
  webhookId: string;
  /** When the carrier recorded it (it may have `occurredAt` earlier). */
  recordedAt: string;
  /** The parcel's estimate right after this event. */
  estimatedDeliveryDate: string;
}

export interface ParcelRecord {
  index: number;
  trackingNumber: string;
  trackingUrl: string;
  spec: ParcelSpec;
  /** In the order they were recorded. */
  events: StoredEvent[];
  estimatedDeliveryDate: string;
  shipment: ShipmentRecord;
}

export interface ShipmentRecord {
  shipmentId: string;
  reference: string;
  service: ServiceLevel;
  status: ShipmentStatus;
  idempotencyKey: string;
  createdAt: string;
  shipFrom: Address;
  shipTo: Address;
  labelFormat: LabelFormat;
  rate: { amount: number; currency: 'USD' };
  estimatedDeliveryDate: string;
  parcels: ParcelRecord[];
}

export type EventListener = (parcel: ParcelRecord, event: StoredEvent) => void;

export class ShipmentBook {
  readonly #shipments = new Map<string, ShipmentRecord>();
  readonly #parcels = new Map<string, ParcelRecord>();
  readonly #now: () => Date;
  readonly #onEvent: EventListener;

  constructor(now: () => Date, onEvent: EventListener) {
    this.#now = now;
    this.#onEvent = onEvent;
  }

  /** Registers the shipment and records LC on each of its parcels. */
  add(shipment: ShipmentRecord): void {
    this.#shipments.set(shipment.shipmentId, shipment);
    for (const parcel of shipment.parcels) this.#parcels.set(parcel.trackingNumber, parcel);
    for (const parcel of shipment.parcels) this.#record(parcel, { code: 'LC', occurredAt: shipment.createdAt });
  }

  list(): ShipmentRecord[] {
    return [...this.#shipments.values()];
  }

  find(shipmentId: string): ShipmentRecord | undefined {
    return this.#shipments.get(shipmentId);
  }

  parcel(trackingNumber: string): ParcelRecord | undefined {
    return this.#parcels.get(normalizeTrackingNumber(trackingNumber));
  }

  parcels(): ParcelRecord[] {
    return [...this.#parcels.values()];
  }

  /** Appends one event; 404 for an unknown number, 409 on a voided label, 400 for VD (void the shipment instead). */
  append(trackingNumber: string, event: NewEvent): StoredEvent {
    const parcel = this.parcel(trackingNumber);
    if (!parcel) throw new ProblemError(404, 'TRACKING_NOT_FOUND', `no parcel with tracking number ${trackingNumber}`);
    if (event.code === 'VD') throw new ProblemError(400, 'INVALID_EVENT', `void the shipment instead: POST /v1/shipments/${parcel.shipment.shipmentId}/void`);
    if (parcel.events.some((stored) => stored.code === 'VD')) throw new ProblemError(409, 'PARCEL_VOIDED', `the label of ${parcel.trackingNumber} was voided`);
    return this.#record(parcel, event);
  }

  /** Voids every label of the shipment; again for a voided one changes nothing. 404 unknown, 409 once a parcel moved. */
  void(shipmentId: string): ShipmentRecord {
    const shipment = this.#shipments.get(shipmentId);
    if (!shipment) throw new ProblemError(404, 'SHIPMENT_NOT_FOUND', `no shipment ${shipmentId}`);
    if (shipment.status === 'voided') return shipment;
    const moved = shipment.parcels.find((parcel) => parcel.events.some((event) => MOVED_CODES.includes(event.code)));
    if (moved) {
      throw new ProblemError(409, 'ALREADY_IN_TRANSIT', `parcel ${moved.trackingNumber} was already picked up: a shipment can be voided only before pickup`);
    }
    shipment.status = 'voided';
    for (const parcel of shipment.parcels) this.#record(parcel, { code: 'VD' });
    return shipment;
  }

  #record(parcel: ParcelRecord, event: NewEvent): StoredEvent {
    const now = this.#now();
    const checked = checkEvent(event, now);
    parcel.estimatedDeliveryDate = checked.estimatedDeliveryDate ?? estimateAfter(checked.code, parcel.estimatedDeliveryDate);
    const stored: StoredEvent = {
      id: `ev_${randomBytes(8).toString('hex')}`,
      code: checked.code,
      description: checked.description,
      occurredAt: checked.occurredAt,
      ...(checked.location ? { location: checked.location } : {}),
      webhookId: `evt_${randomBytes(12).toString('hex')}`,
      recordedAt: now.toISOString(),
      estimatedDeliveryDate: parcel.estimatedDeliveryDate,
    };
    parcel.events.push(stored);
    this.#onEvent(parcel, stored);
    return stored;
  }
}

/** A delay without a new date moves the estimate one business day later. */
function estimateAfter(code: EventCode, current: string): string {
  if (code !== 'EX-DLY') return current;
  const date = parseIsoDate(current);
  return date ? isoDate(addBusinessDays(date, 1)) : current;
}
