/**
 * What an order's parcels write beside its status, in the same compare-and-set: each
 * tracking number → the order (so a carrier's report finds it), the parcel enrolled with
 * the instance that follows its carrier, and the order on or off the watch list while a
 * parcel is in an exception. Decided from the status before and after a change.
 */
import type { OrderStatus, Shipment } from '../model/status.js';
import { needsWatching } from '../model/parcel-tracking.js';
import type { IndexWrite } from '../store/order-store.js';
import type { HubRuntime } from '../pipeline/runtime.js';

/** A parcel is done being followed once it is delivered, returned or voided. */
const FINAL_PARCEL = new Set(['delivered', 'returned', 'voided']);

export function parcelWrites(runtime: HubRuntime, orderId: string, before: OrderStatus, after: OrderStatus, now = Date.now()): IndexWrite[] {
  const writes: IndexWrite[] = [];
  const known = new Set([...before.shipments, ...bookedAsShipments(before)].map((s) => s.trackingNumber));
  for (const parcel of [...after.shipments, ...bookedAsShipments(after)]) {
    if (!parcel.trackingNumber || known.has(parcel.trackingNumber)) continue;
    known.add(parcel.trackingNumber);
    writes.push({ op: 'set', key: runtime.keys.trackingNumber(parcel.trackingNumber), value: orderId, ttlSeconds: Math.round(runtime.config.retention.orderDays * 86400) + 30 * 86400 });
    const follower = followerOf(runtime, after, parcel);
    if (follower && !FINAL_PARCEL.has(parcel.parcelStatus ?? '')) {
      writes.push({ op: 'zadd', key: runtime.keys.trackingDue(follower.instance), score: now + follower.everyMs, member: parcel.trackingNumber });
    }
  }
  const watched = needsWatching(after.shipments);
  if (watched !== needsWatching(before.shipments)) {
    writes.push(watched ? { op: 'zadd', key: runtime.keys.watchList(), score: now, member: orderId } : { op: 'zrem', key: runtime.keys.watchList(), member: orderId });
  }
  return writes;
}

/** The instance that follows a parcel: the one that booked it, else the one configured for its carrier. */
export function followerOf(runtime: HubRuntime, status: OrderStatus, parcel: Pick<Shipment, 'trackingNumber' | 'carrier'>): { instance: string; everyMs: number } | undefined {
  const booked = (status.bookings ?? []).find((b) => b.parcels.some((p) => p.trackingNumber === parcel.trackingNumber));
  const instanceId = booked?.instance ?? (parcel.carrier ? runtime.config.carriers[parcel.carrier] : undefined);
  const tracking = instanceId ? runtime.instances.get(instanceId)?.connector.tracking : undefined;
  return instanceId && tracking ? { instance: instanceId, everyMs: tracking.everyMs } : undefined;
}

/** Booked parcels not yet shipped, seen as shipments for indexing and following. */
function bookedAsShipments(status: OrderStatus): Array<Pick<Shipment, 'trackingNumber' | 'carrier' | 'parcelStatus'>> {
  return (status.bookings ?? []).filter((b) => !b.voidedAt).flatMap((b) => b.parcels.map((p) => ({ trackingNumber: p.trackingNumber, carrier: b.carrier })));
}
