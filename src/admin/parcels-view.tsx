/**
 * The parcels on the order page: per shipment its carrier and tracking link, where the
 * carrier last said it is, the expected date, an exception highlighted while there is
 * one, and the newest tracking events (time, status, description, location).
 */
import type { ParcelEvent, Shipment } from '../model/status.js';
import { Time } from './components.js';
import { TrackingLink } from './tracking-link.js';

/** Tracking events shown per parcel, newest first (the order keeps up to 20). */
export const EVENTS_SHOWN = 5;

function inWords(status: string): string {
  return status.replace(/_/g, ' ');
}

/** The parcel's status in words: the carrier's latest, else what the order knows. */
function statusText(shipment: Shipment): string {
  if (shipment.parcelStatus) return inWords(shipment.parcelStatus);
  return shipment.delivered ? 'delivered' : 'shipped (no carrier report yet)';
}

function ParcelException({ exception }: { exception: NonNullable<Shipment['exception']> }) {
  return (
    <p class="notice error parcel-exception" data-exception>
      <strong>Exception:</strong> {exception.description}{exception.code ? ` (${exception.code})` : ''} · since <Time at={exception.at} />
    </p>
  );
}

function TrackingEvents({ history }: { history: ParcelEvent[] }) {
  if (history.length === 0) return <p class="muted">No tracking events yet.</p>;
  const newest = history.slice(-EVENTS_SHOWN).reverse();
  return (
    <div class="scroll">
      <table data-tracking-events>
        <caption class="muted">Newest tracking events{history.length > EVENTS_SHOWN ? ` (${EVENTS_SHOWN} of ${history.length})` : ''}</caption>
        <thead><tr><th>Time</th><th>Status</th><th>Description</th><th>Location</th></tr></thead>
        <tbody>{newest.map((e) => (
          <tr class={e.status === 'exception' || e.status === 'returned' ? 'exception' : undefined}>
            <td><Time at={e.occurredAt} /></td><td>{inWords(e.status)}</td>
            <td>{e.description ?? ''}{e.code ? <span class="muted"> ({e.code})</span> : null}</td><td>{e.location ?? ''}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}

function ParcelCard({ shipment }: { shipment: Shipment }) {
  return (
    <section class="card parcel" data-parcel={shipment.trackingNumber ?? shipment.shipmentId}>
      <dl class="facts">
        <dt>Shipment</dt><dd>{shipment.shipmentId}</dd>
        <dt>Carrier</dt><dd>{shipment.carrier ?? '—'}</dd>
        <dt>Tracking</dt><dd><TrackingLink trackingNumber={shipment.trackingNumber} trackingUrl={shipment.trackingUrl} /></dd>
        <dt>Shipped</dt><dd><Time at={shipment.shippedAt} /></dd>
        <dt>Status</dt><dd><strong data-parcel-status>{statusText(shipment)}</strong>{shipment.lastTrackedAt ? <span class="muted"> · reported <Time at={shipment.lastTrackedAt} /></span> : null}</dd>
        <dt>Expected</dt><dd data-expected>{shipment.expectedDate ?? <span class="muted">—</span>}</dd>
      </dl>
      {shipment.exception ? <ParcelException exception={shipment.exception} /> : null}
      <TrackingEvents history={shipment.history ?? []} />
    </section>
  );
}

export function Parcels({ shipments }: { shipments: Shipment[] }) {
  if (shipments.length === 0) return <p class="muted">No shipments yet.</p>;
  return <>{shipments.map((shipment) => <ParcelCard shipment={shipment} />)}</>;
}
