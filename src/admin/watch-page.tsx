/**
 * `GET /admin/watch`: the watch list — orders with a parcel in a delivery exception
 * (src/carriers/watch-list.ts), oldest first. Per order its confirmation (linking to the
 * order page), state and since when; per parcel in trouble its carrier, tracking number
 * (linking to the carrier's page when it is an http(s) URL), what the carrier said and
 * when it now expects to deliver.
 */
import { Hono } from 'hono';
import { watchedOrders, type WatchedOrder } from '../carriers/watch-list.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { Time } from './components.js';
import { render } from './render.js';
import { requirePage } from './session.js';
import { TrackingLink } from './tracking-link.js';

type WatchedParcel = WatchedOrder['parcels'][number];

function ParcelCells({ parcel }: { parcel: WatchedParcel | undefined }) {
  if (!parcel) return <td colspan={4} class="muted">The parcel has moved on since.</td>;
  return (
    <>
      <td>{parcel.carrier ?? '—'}</td>
      <td><TrackingLink trackingNumber={parcel.trackingNumber} trackingUrl={parcel.trackingUrl} /></td>
      <td class="exception" data-exception><strong>{parcel.exception.description}</strong>{parcel.exception.code ? <span class="muted"> ({parcel.exception.code})</span> : null}
        <div class="muted"><Time at={parcel.exception.at} /></div></td>
      <td>{parcel.expectedDate ?? <span class="muted">—</span>}</td>
    </>
  );
}

/** One row per parcel in trouble; the order's own cells span them. */
function OrderRows({ order }: { order: WatchedOrder }) {
  const parcels: Array<WatchedParcel | undefined> = order.parcels.length > 0 ? order.parcels : [undefined];
  const span = parcels.length;
  return (
    <>
      {parcels.map((parcel, index) => (
        <tr data-watched={order.hubOrderId}>
          {index === 0 ? (
            <>
              <td rowspan={span}><a href={`/admin/orders/${encodeURIComponent(order.hubOrderId)}`}>{order.confirmation}</a></td>
              <td rowspan={span}>{order.state}</td>
              <td rowspan={span}><Time at={order.since} /></td>
            </>
          ) : null}
          <ParcelCells parcel={parcel} />
        </tr>
      ))}
    </>
  );
}

function WatchTable({ orders }: { orders: WatchedOrder[] }) {
  if (orders.length === 0) return <p class="card muted" data-empty>No parcel needs attention.</p>;
  return (
    <div class="scroll">
      <table data-watch>
        <thead><tr><th>Order</th><th>State</th><th>Since</th><th>Carrier</th><th>Tracking</th><th>What the carrier said</th><th>Expected</th></tr></thead>
        <tbody>{orders.map((order) => <OrderRows order={order} />)}</tbody>
      </table>
    </div>
  );
}

export function watchRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', requirePage('orders:read'), async (c) => {
    const orders = await watchedOrders(runtime);
    return render(c, 'Watch list', (
      <>
        <h1>Watch list</h1>
        <p class="muted">Orders with a parcel in a delivery exception (an address problem, damage, a delay, a parcel on its way back), oldest first. An order leaves the list when its carrier reports the parcel moving again.</p>
        <WatchTable orders={orders} />
      </>
    ));
  });
  return app;
}
