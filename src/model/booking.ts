/**
 * Shipments the hub books with a carrier (labels) on the order's status: recorded when
 * the carrier answers, voided until a parcel is picked up. A booked parcel becomes a
 * shipment when its carrier first reports it moving (see the `tracking` event). Pure.
 */
import type { Booking, OrderStatus } from './status.js';

export function withBooking(status: OrderStatus, booking: Booking): OrderStatus {
  const others = (status.bookings ?? []).filter((b) => b.shipmentId !== booking.shipmentId);
  return { ...status, version: status.version + 1, bookings: [...others, booking] };
}

/** The booking voided, or why it cannot be. */
export function withVoidedBooking(status: OrderStatus, shipmentId: string, at: string): { status: OrderStatus } | { refused: string } {
  const booking = (status.bookings ?? []).find((b) => b.shipmentId === shipmentId);
  if (!booking) return { refused: `no shipment ${shipmentId} was booked for this order` };
  if (booking.voidedAt) return { status };
  const shipped = booking.parcels.find((p) => status.shipments.some((s) => s.trackingNumber === p.trackingNumber));
  if (shipped) return { refused: `parcel ${shipped.trackingNumber} is already with the carrier` };
  return {
    status: {
      ...status, version: status.version + 1,
      bookings: (status.bookings ?? []).map((b) => (b.shipmentId === shipmentId ? { ...b, voidedAt: at } : b)),
    },
  };
}

/** The booked parcel with this tracking number (not voided), with its booking. */
export function bookedParcel(status: OrderStatus, trackingNumber: string): { booking: Booking; parcel: Booking['parcels'][number] } | undefined {
  for (const booking of status.bookings ?? []) {
    if (booking.voidedAt) continue;
    const parcel = booking.parcels.find((p) => p.trackingNumber === trackingNumber);
    if (parcel) return { booking, parcel };
  }
  return undefined;
}

/** Units of each line already in a live booking or a shipment: what a new booking may not take again. */
export function unitsBooked(status: OrderStatus): Map<string, number> {
  const units = new Map<string, number>();
  const add = (lines: Array<{ lineId: string; quantity: number }>) => {
    for (const line of lines) units.set(line.lineId, (units.get(line.lineId) ?? 0) + line.quantity);
  };
  const shippedNumbers = new Set(status.shipments.map((s) => s.trackingNumber));
  for (const shipment of status.shipments) add(shipment.lines);
  for (const booking of status.bookings ?? []) {
    if (booking.voidedAt) continue;
    for (const parcel of booking.parcels) if (!shippedNumbers.has(parcel.trackingNumber)) add(parcel.lines);
  }
  return units;
}
