/**
 * Turns a status request into CSV rows: one row per given line (else one row for
 * the whole order), SHIPPED defaulting to the simulator's carrier and a tracking
 * number that passes the carrier's check digit (the XML simulator's helper), and
 * DELIVERED defaulting to the order's last shipment.
 */
import { shipmentFor } from '../oms-xml/shipment.js';
import type { OmsSftpOrder, StatusRequest, StatusRow } from './types.js';

export interface Parcel {
  carrier: string;
  trackingNumber: string;
}

export interface ParcelHistory {
  /** Parcels shipped for this order so far, oldest first. */
  parcelsOf(omsOrderNumber: string): Parcel[];
}

/** `YYYY-MM-DDTHH:MM:SSZ`. */
export function eventTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The carrier and tracking number of an update; a new parcel for SHIPPED. */
export function parcelFor(order: OmsSftpOrder, request: StatusRequest, defaultCarrier: string, history: ParcelHistory): Partial<Parcel> {
  const previous = history.parcelsOf(order.omsOrderNumber);
  if (request.status === 'SHIPPED') {
    const carrier = request.carrier ?? defaultCarrier;
    const seed = Number(order.omsOrderNumber.replace(/\D/g, '')) * 100 + previous.length;
    return { carrier, trackingNumber: shipmentFor(carrier, seed, request.trackingNumber).trackingNumber };
  }
  const last = request.status === 'DELIVERED' ? previous.at(-1) : undefined;
  const parcel: Partial<Parcel> = {};
  const carrier = request.carrier ?? last?.carrier;
  const trackingNumber = request.trackingNumber ?? last?.trackingNumber;
  if (carrier !== undefined) parcel.carrier = carrier;
  if (trackingNumber !== undefined) parcel.trackingNumber = trackingNumber;
  return parcel;
}

export function statusRows(order: OmsSftpOrder, request: StatusRequest, parcel: Partial<Parcel>, at: string): StatusRow[] {
  const base = {
    hubOrderId: order.hubOrderId,
    omsOrderNumber: order.omsOrderNumber,
    status: request.status,
    carrier: parcel.carrier ?? '',
    trackingNumber: parcel.trackingNumber ?? '',
    expectedDate: request.expectedDate ?? '',
    eventTime: at,
  };
  const lines = request.lines ?? [];
  if (lines.length === 0) return [{ ...base, lineNumber: '', quantity: '' }];
  return lines.map((line) => ({ ...base, lineNumber: String(line.number), quantity: String(line.qty) }));
}
