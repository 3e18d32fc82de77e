/**
 * One order on the console: ids and state, customer and addresses (already masked
 * for roles without `orders:read-pii`), lines and totals, delivery receipts,
 * parcels with their tracking (parcels-view.tsx) and the labels the hub booked
 * (bookings-view.tsx), the whole timeline, and the raw bytes link when the role may
 * see them.
 */
import type { Address, CanonicalOrder } from '../model/order.js';
import { fromMinorUnits } from '../model/money.js';
import type { StoredOrder } from '../store/order-store.js';
import type { TimelineEntry } from '../store/timeline.js';
import { Bookings, type BookingActions } from './bookings-view.js';
import { BookLabelForm, canBookLabel } from './book-label-form.js';
import { Time } from './components.js';
import { Parcels } from './parcels-view.js';

export interface OrderPageView {
  stored: StoredOrder;
  order: CanonicalOrder | undefined;
  timeline: TimelineEntry[];
  rawHref: string | undefined;
  /** Label links and Void buttons, for roles with `shipments:manage`. */
  shipmentActions?: BookingActions | undefined;
}

function addressText(a: Address | undefined): string {
  if (!a) return '—';
  return [a.name, a.company, a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
}

function Facts({ view }: { view: OrderPageView }) {
  const { stored, order } = view;
  return (
    <dl class="facts card">
      <dt>Hub id</dt><dd>{stored.hubOrderId}</dd>
      {stored.flags?.length ? <><dt>Flags</dt><dd data-flags>{stored.flags.map((f) => <div><strong>{f.code}</strong> — {f.summary}{f.paths?.length ? ` (at ${f.paths.join(', ')})` : ''}</div>)}</dd></> : null}
      <dt>Confirmation</dt><dd>{stored.confirmation}</dd>
      <dt>State</dt><dd><strong data-state>{stored.status.state}</strong>{stored.status.reason ? <span class="muted"> — {stored.status.reason}</span> : null}
        {stored.status.state === 'needs_review' ? <> · <a href={`/admin/review/${encodeURIComponent(stored.hubOrderId)}`}>review it</a></> : null}</dd>
      <dt>Source</dt><dd>{stored.source} ({stored.channel}), reference {stored.externalId}</dd>
      <dt>Created</dt><dd><Time at={stored.createdAt} /></dd>
      <dt>Customer</dt><dd>{order ? [order.customer.name, order.customer.email, order.customer.phone].filter(Boolean).join(' · ') || '—' : '—'}</dd>
      <dt>Ship to</dt><dd>{addressText(order?.shipTo)}</dd>
      <dt>Bill to</dt><dd>{addressText(order?.billTo)}</dd>
      {view.rawHref ? <><dt>Original</dt><dd><a href={view.rawHref}>raw bytes as received</a></dd></> : null}
    </dl>
  );
}

function Lines({ order }: { order: CanonicalOrder }) {
  const money = (minor: number) => `${fromMinorUnits(minor, order.currency)} ${order.currency}`;
  return (
    <div class="scroll">
      <table>
        <thead><tr><th>SKU</th><th>Description</th><th>Qty</th><th>Unit price</th></tr></thead>
        <tbody>{order.lines.map((l) => <tr><td>{l.sku}</td><td>{l.description ?? ''}</td><td class="num">{l.quantity}</td><td class="num">{money(l.unitPrice)}</td></tr>)}</tbody>
        <tfoot><tr><th colspan={3}>Total</th><th class="num">{money(order.totals.grandTotal)}</th></tr></tfoot>
      </table>
    </div>
  );
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <div class="scroll">
      <table data-timeline>
        <thead><tr><th>Time</th><th>Stage</th><th>What happened</th><th>Where</th><th>By</th><th>Detail</th></tr></thead>
        <tbody>{entries.map((e) => (
          <tr><td><Time at={e.at} /></td><td>{e.stage}</td><td>{e.summary}</td><td>{e.instance ?? ''}</td><td>{e.actor ?? ''}</td><td>{e.detail ? <pre>{JSON.stringify(e.detail)}</pre> : null}</td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}

export function OrderView({ view }: { view: OrderPageView }) {
  const { stored, order } = view;
  return (
    <>
      <h1>Order {stored.confirmation}</h1>
      <Facts view={view} />
      {order ? <><h2>Lines</h2><Lines order={order} /></> : <p class="muted">Not mapped yet (or waiting for review).</p>}
      <h2>Delivery receipts</h2>
      {stored.status.receipts.length === 0 ? <p class="muted">Not delivered to any target yet.</p> : (
        <table><thead><tr><th>Target</th><th>Their reference</th><th>At</th></tr></thead>
          <tbody>{stored.status.receipts.map((r) => <tr><td>{r.target}</td><td>{r.externalRef}</td><td><Time at={r.at} /></td></tr>)}</tbody></table>
      )}
      <h2>Shipments</h2>
      <Parcels shipments={stored.status.shipments} />
      {stored.status.bookings?.length ? (
        <><h2>Labels booked</h2><Bookings orderId={stored.hubOrderId} status={stored.status} lines={order?.lines ?? []} actions={view.shipmentActions} /></>
      ) : null}
      {view.shipmentActions && canBookLabel(order, stored.status, view.shipmentActions.carriers)
        ? <BookLabelForm orderId={stored.hubOrderId} carriers={view.shipmentActions.carriers} csrf={view.shipmentActions.csrf} /> : null}
      <h2>Timeline</h2>
      <Timeline entries={view.timeline} />
    </>
  );
}
