/**
 * Booking a shipment with a carrier for an order the hub ships itself (drop-ship, a
 * store's own stock): what goes in which parcel (by default every unit not yet shipped or
 * booked, in one parcel), the carrier's booking under an idempotency key that a retried
 * request repeats, the labels kept for printing, and the booking recorded on the order
 * with compare-and-set, its parcels indexed and followed. A unit is never booked twice.
 */
import { createHash } from 'node:crypto';
import { unitsBooked, withBooking } from '../model/booking.js';
import type { Address } from '../model/order.js';
import type { Booking, OrderStatus } from '../model/status.js';
import { BadInputError } from '../sdk/errors/index.js';
import type { BookedShipment, ShipmentRequest } from '../sdk/connector.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { changeOrder } from '../pipeline/change-order.js';
import type { HubRuntime, LiveInstance } from '../pipeline/runtime.js';
import { saveLabels } from './labels.js';
import { parcelWrites } from './parcel-writes.js';

export interface BookAsk {
  instance: string;
  service?: string;
  labelFormat?: 'PDF' | 'ZPL';
  shipFrom?: Address;
  /** Default: one parcel with every unit not yet shipped or booked. */
  parcels?: Array<{ lines?: Array<{ lineId: string; quantity: number }>; weightGrams?: number }>;
}

/** States in which the hub may still book a parcel for an order. */
const BOOKABLE: ReadonlySet<string> = new Set(['accepted', 'sent', 'acknowledged', 'allocated', 'backordered', 'partially_shipped']);
const DEFAULT_PARCEL_GRAMS = 1000;

export async function bookShipment(runtime: HubRuntime, orderId: string, ask: BookAsk, actor: string): Promise<Booking> {
  const instance = carrierInstance(runtime, ask.instance);
  const stored = await runtime.store.get(orderId);
  if (!stored?.order) throw new BadInputError(`no order ${orderId} to ship`, { code: 'UNKNOWN_ORDER', status: 404 });
  const request = shipmentRequest(stored, ask, instance.id);
  const booked = await instance.connector.shipping!.book(request);
  const booking = bookingOf(instance.id, request, booked);
  await saveLabels(runtime, booked.parcels.map((p) => ({ trackingNumber: p.trackingNumber, ...p.label })));
  await recordBooking(runtime, orderId, booking, actor);
  return booking;
}

function carrierInstance(runtime: HubRuntime, id: string): LiveInstance {
  const instance = runtime.instances.get(id);
  if (!instance?.connector.shipping) {
    throw new BadInputError(`"${id}" is not a carrier instance that books shipments`, { code: 'NOT_A_CARRIER', hint: 'name an instance of a connector with the ship role (e.g. parcel-carrier)' });
  }
  return instance;
}

function shipmentRequest(stored: StoredOrder, ask: BookAsk, instanceId: string): ShipmentRequest {
  const order = stored.order!;
  if (!BOOKABLE.has(stored.status.state)) {
    throw new BadInputError(`order ${order.confirmation} is ${stored.status.state.replace(/_/g, ' ')}: nothing can be booked for it`, { code: 'NOT_SHIPPABLE', status: 409 });
  }
  if (!order.shipTo) throw new BadInputError(`order ${order.confirmation} has no ship-to address`, { code: 'NO_SHIP_TO', status: 409, hint: 'a pickup order is collected at its store, not shipped' });
  const parcels = parcelsOf(stored.status, ask);
  return {
    hubOrderId: order.hubOrderId, reference: order.confirmation, shipTo: order.shipTo, parcels,
    labelFormat: ask.labelFormat ?? 'PDF',
    ...(ask.service ? { service: ask.service } : {}), ...(ask.shipFrom ? { shipFrom: ask.shipFrom } : {}),
    // The same ask for the same order in the same state books once, however often it is sent.
    idempotencyKey: `${order.hubOrderId}:${(stored.status.bookings ?? []).length}:${digest({ instanceId, parcels, service: ask.service ?? '' })}`,
  };
}

/** The parcels asked for, each line within what is neither shipped nor booked yet. */
function parcelsOf(status: OrderStatus, ask: BookAsk): ShipmentRequest['parcels'] {
  const booked = unitsBooked(status);
  const left = new Map(Object.entries(status.lines).map(([lineId, q]) => [lineId, q.ordered - q.cancelled - (booked.get(lineId) ?? 0)]));
  const asked = ask.parcels?.length ? ask.parcels : [{}];
  const parcels = asked.map((parcel) => {
    const lines = parcel.lines ?? [...left].filter(([, n]) => n > 0).map(([lineId, quantity]) => ({ lineId, quantity }));
    for (const line of lines) {
      const open = left.get(line.lineId);
      if (open === undefined) throw new BadInputError(`no line ${line.lineId} on this order`, { code: 'UNKNOWN_LINE' });
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > open) {
        throw new BadInputError(`line ${line.lineId}: ${line.quantity} unit(s) asked, ${open} not yet shipped or booked`, { code: 'TOO_MANY_UNITS', status: 409 });
      }
      left.set(line.lineId, open - line.quantity);
    }
    return { lines, weightGrams: parcel.weightGrams ?? DEFAULT_PARCEL_GRAMS };
  });
  if (parcels.every((p) => p.lines.length === 0)) throw new BadInputError('every unit of this order is already shipped or booked', { code: 'NOTHING_TO_SHIP', status: 409 });
  return parcels.filter((p) => p.lines.length > 0);
}

function bookingOf(instanceId: string, request: ShipmentRequest, booked: BookedShipment): Booking {
  return {
    shipmentId: booked.shipmentId, instance: instanceId, carrier: booked.carrier, createdAt: new Date().toISOString(),
    ...(booked.service ?? request.service ? { service: booked.service ?? request.service } : {}),
    parcels: booked.parcels.map((p, i) => ({
      trackingNumber: p.trackingNumber, lines: request.parcels[i]!.lines, labelFormat: p.label.format,
      ...(p.trackingUrl ? { trackingUrl: p.trackingUrl } : {}),
    })),
  };
}

async function recordBooking(runtime: HubRuntime, orderId: string, booking: Booking, actor: string): Promise<void> {
  const numbers = booking.parcels.map((p) => p.trackingNumber).join(', ');
  await changeOrder(runtime, orderId, (stored) => {
    if ((stored.status.bookings ?? []).some((b) => b.shipmentId === booking.shipmentId)) return undefined;
    const status = withBooking(stored.status, booking);
    return {
      status,
      entries: [timelineEntry('ship', `booked with ${booking.instance} by ${actor}: ${booking.parcels.length} parcel(s), ${numbers}`, {
        instance: booking.instance, detail: { shipmentId: booking.shipmentId, service: booking.service, parcels: booking.parcels },
      })],
      writes: parcelWrites(runtime, orderId, stored.status, status),
    };
  });
  await runtime.audit.record(actor, 'book shipment', orderId, { instance: booking.instance, shipmentId: booking.shipmentId, trackingNumbers: numbers });
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
