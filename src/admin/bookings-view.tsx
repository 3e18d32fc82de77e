/**
 * The labels the hub booked for an order, on its page: per booking the carrier, service,
 * when, whether it is waiting for pickup, with the carrier or voided, and its parcels
 * with what is in them. For roles with `shipments:manage`: each live parcel's label (the
 * API's label route, which takes the session cookie) and a Void button while none of the
 * booking's parcels has shipped.
 */
import type { OrderLine } from '../model/order.js';
import type { Booking, OrderStatus } from '../model/status.js';
import { PostButton, Time } from './components.js';
import { TrackingLink } from './tracking-link.js';

/** What a user who may manage shipments gets on the page. */
export interface BookingActions {
  csrf: string;
  /** Carrier instances that can book a label (ship role). */
  carriers: string[];
}

type Parcel = Booking['parcels'][number];

function shippedNumbers(status: OrderStatus): Set<string | undefined> {
  return new Set(status.shipments.map((s) => s.trackingNumber));
}

function BookingState({ booking, shipped }: { booking: Booking; shipped: boolean }) {
  if (booking.voidedAt) return <span data-booking-state="voided">voided <Time at={booking.voidedAt} /></span>;
  return shipped ? <span data-booking-state="shipped">with the carrier</span> : <span data-booking-state="booked">waiting for pickup</span>;
}

function labelHref(orderId: string, trackingNumber: string): string {
  return `/api/orders/${encodeURIComponent(orderId)}/labels/${encodeURIComponent(trackingNumber)}`;
}

function ParcelItem({ orderId, booking, parcel, skus, canPrint }: { orderId: string; booking: Booking; parcel: Parcel; skus: Map<string, string>; canPrint: boolean }) {
  return (
    <li data-booked-parcel={parcel.trackingNumber}>
      <TrackingLink trackingNumber={parcel.trackingNumber} trackingUrl={parcel.trackingUrl} />
      {' '}<span class="muted">{parcel.lines.map((l) => `${l.quantity} × ${skus.get(l.lineId) ?? l.lineId}`).join(', ')}</span>
      {canPrint && !booking.voidedAt ? <> · <a href={labelHref(orderId, parcel.trackingNumber)} data-label>label ({parcel.labelFormat})</a></> : null}
    </li>
  );
}

function BookingRow({ orderId, booking, shipped, skus, actions }: { orderId: string; booking: Booking; shipped: boolean; skus: Map<string, string>; actions: BookingActions | undefined }) {
  const voidable = actions && !booking.voidedAt && !shipped;
  return (
    <tr data-booking={booking.shipmentId}>
      <td>{booking.shipmentId}</td>
      <td>{booking.carrier}{booking.service ? <div class="muted">{booking.service}</div> : null}<div class="muted">{booking.instance}</div></td>
      <td><Time at={booking.createdAt} /></td>
      <td><BookingState booking={booking} shipped={shipped} /></td>
      <td><ul class="plain">{booking.parcels.map((parcel) => <ParcelItem orderId={orderId} booking={booking} parcel={parcel} skus={skus} canPrint={actions !== undefined} />)}</ul></td>
      {actions ? <td>{voidable ? <PostButton action={`/admin/orders/${encodeURIComponent(orderId)}/shipments/${encodeURIComponent(booking.shipmentId)}/void`} csrf={actions.csrf} label="Void" kind="danger" /> : null}</td> : null}
    </tr>
  );
}

export function Bookings({ orderId, status, lines, actions }: { orderId: string; status: OrderStatus; lines: OrderLine[]; actions: BookingActions | undefined }) {
  const bookings = status.bookings ?? [];
  if (bookings.length === 0) return <p class="muted">No labels booked by the hub.</p>;
  const skus = new Map(lines.map((l) => [l.lineId, l.sku]));
  const shipped = shippedNumbers(status);
  return (
    <div class="scroll">
      <table data-bookings>
        <thead><tr><th>Carrier's shipment</th><th>Carrier</th><th>Booked</th><th>State</th><th>Parcels</th>{actions ? <th>Action</th> : null}</tr></thead>
        <tbody>{bookings.map((booking) => (
          <BookingRow orderId={orderId} booking={booking} shipped={booking.parcels.some((p) => shipped.has(p.trackingNumber))} skus={skus} actions={actions} />
        ))}</tbody>
      </table>
    </div>
  );
}
