/**
 * Voiding a booked shipment: refused once any of its parcels is with the carrier (the
 * order says so before the carrier is asked), else the carrier voids the labels and the
 * order records it; its parcels are no longer followed and their units may be booked again.
 */
import { withVoidedBooking } from '../model/booking.js';
import type { Booking } from '../model/status.js';
import { BadInputError } from '../sdk/errors/index.js';
import { timelineEntry } from '../store/timeline.js';
import { changeOrder } from '../pipeline/change-order.js';
import type { HubRuntime } from '../pipeline/runtime.js';

export async function voidShipment(runtime: HubRuntime, orderId: string, shipmentId: string, actor: string): Promise<Booking> {
  const stored = await runtime.store.get(orderId);
  if (!stored) throw new BadInputError(`no order ${orderId}`, { code: 'UNKNOWN_ORDER', status: 404 });
  const checked = withVoidedBooking(stored.status, shipmentId, new Date().toISOString());
  if ('refused' in checked) throw new BadInputError(checked.refused, { code: 'NOT_VOIDABLE', status: 409 });
  const booking = (stored.status.bookings ?? []).find((b) => b.shipmentId === shipmentId)!;
  if (booking.voidedAt) return booking;
  const shipping = runtime.instances.get(booking.instance)?.connector.shipping;
  if (!shipping) throw new BadInputError(`the carrier instance ${booking.instance} is no longer configured`, { code: 'NOT_A_CARRIER', status: 409 });
  await shipping.void(shipmentId);
  let voided: Booking = booking;
  await changeOrder(runtime, orderId, (current) => {
    const result = withVoidedBooking(current.status, shipmentId, new Date().toISOString());
    if ('refused' in result || result.status === current.status) return undefined;
    voided = result.status.bookings!.find((b) => b.shipmentId === shipmentId)!;
    return {
      status: result.status,
      entries: [timelineEntry('ship', `labels of shipment ${shipmentId} voided by ${actor}`, { instance: booking.instance, detail: { shipmentId } })],
      writes: booking.parcels.map((p) => ({ op: 'zrem' as const, key: runtime.keys.trackingDue(booking.instance), member: p.trackingNumber })),
    };
  });
  await runtime.audit.record(actor, 'void shipment', orderId, { instance: booking.instance, shipmentId });
  return voided;
}
