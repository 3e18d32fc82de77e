/**
 * The order page's "Book a label" form, for users who may manage shipments, while the
 * order can still ship and has a ship-to address: a carrier instance (those with the ship
 * role), the label format and service; it books every unit not yet shipped or booked in
 * one parcel (the API books several parcels: docs/carriers.md).
 */
import type { CanonicalOrder } from '../model/order.js';
import type { OrderStatus } from '../model/status.js';
import { CsrfField } from './components.js';
import { unitsBooked } from '../model/booking.js';

const BOOKABLE: ReadonlySet<string> = new Set(['accepted', 'sent', 'acknowledged', 'allocated', 'backordered', 'partially_shipped']);

export function canBookLabel(order: CanonicalOrder | undefined, status: OrderStatus, carriers: string[]): boolean {
  return carriers.length > 0 && order?.shipTo !== undefined && BOOKABLE.has(status.state) && unitsLeftToBook(status);
}

/** Some unit is neither cancelled, shipped nor in a live booking. */
function unitsLeftToBook(status: OrderStatus): boolean {
  const booked = unitsBooked(status);
  return Object.entries(status.lines).some(([lineId, q]) => q.ordered - q.cancelled - (booked.get(lineId) ?? 0) > 0);
}

export function BookLabelForm({ orderId, carriers, csrf }: { orderId: string; carriers: string[]; csrf: string }) {
  return (
    <form method="post" action={`/admin/orders/${encodeURIComponent(orderId)}/shipments`} data-book-label>
      <CsrfField token={csrf} />
      <label>Carrier <select name="instance" required>{carriers.map((id) => <option value={id}>{id}</option>)}</select></label>
      {' '}<label>Label <select name="labelFormat"><option value="PDF">PDF</option><option value="ZPL">ZPL (thermal printer)</option></select></label>
      {' '}<label>Service <input name="service" placeholder="carrier default" size={10} /></label>
      {' '}<button type="submit">Book a label</button>
      <p class="muted">Books every unit not yet shipped or booked, in one parcel.</p>
    </form>
  );
}
