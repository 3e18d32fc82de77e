/**
 * `GET /admin/orders?q=…` (or `?source=…&ref=…`): order search with a result table;
 * `GET /admin/orders/:id`: one order (see order-view.tsx), with the notice (or error,
 * `?error=1`) an action on it redirected back with.
 */
import { Hono } from 'hono';
import { maskFreeText, maskOrder } from '../auth/mask.js';
import { can } from '../auth/roles.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { StoredOrder } from '../store/order-store.js';
import type { AdminEnv } from './admin-env.js';
import { Notice, Time } from './components.js';
import { OrderView } from './order-view.js';
import { searchOrders, type SearchInput, type SearchResult } from './order-search.js';
import { notFound, render } from './render.js';
import { requirePage } from './session.js';

function SearchForm({ input, sources }: { input: SearchInput; sources: string[] }) {
  return (
    <div class="card">
      <form class="filters" method="get" action="/admin/orders">
        <label>Hub id, confirmation code, e-mail or phone<input name="q" value={input.q ?? ''} size={34} /></label>
        <button type="submit">Search</button>
      </form>
      <form class="filters" method="get" action="/admin/orders">
        <label>Channel
          <select name="source">{sources.map((s) => <option value={s} selected={s === input.source}>{s}</option>)}</select>
        </label>
        <label>Channel reference<input name="ref" value={input.ref ?? ''} /></label>
        <button type="submit" class="secondary">Find by reference</button>
      </form>
    </div>
  );
}

function Results({ result, orders }: { result: SearchResult; orders: StoredOrder[] }) {
  if ('refused' in result) return <Notice text={result.refused} error />;
  if ('unknown' in result) return <Notice text={result.unknown} error />;
  if (orders.length === 0) return <p class="card muted">No order found by {result.by}.</p>;
  return (
    <div class="scroll">
      <table>
        <thead><tr><th>Hub id</th><th>Confirmation</th><th>Source</th><th>Channel ref</th><th>State</th><th>Created</th></tr></thead>
        <tbody>{orders.map((o) => (
          <tr><td><a href={`/admin/orders/${encodeURIComponent(o.hubOrderId)}`}>{o.hubOrderId}</a></td><td>{o.confirmation}</td><td>{o.source}</td><td>{o.externalId}</td><td>{o.status.state}</td><td><Time at={o.createdAt} /></td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}

export function ordersRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.use('*', requirePage('orders:read'));

  app.get('/', async (c) => {
    const input: SearchInput = { ...c.req.query() };
    const result = await searchOrders(runtime, input, can(c.get('principal').role, 'orders:read-pii'));
    const ids = result && 'ids' in result ? result.ids : [];
    const orders = (await Promise.all(ids.map((id) => runtime.store.get(id)))).filter((o) => o !== undefined);
    if (orders.length === 1 && result && 'ids' in result && result.by !== 'e-mail' && result.by !== 'phone') {
      return c.redirect(`/admin/orders/${encodeURIComponent(orders[0]!.hubOrderId)}`, 302);
    }
    return render(c, 'Orders', (
      <><h1>Orders</h1><SearchForm input={input} sources={[...runtime.instances.keys()].sort()} />{result ? <Results result={result} orders={orders} /> : null}</>
    ));
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const stored = await runtime.store.get(id);
    if (!stored) return notFound(c, `No order ${id}.`);
    const role = c.get('principal').role;
    const pii = can(role, 'orders:read-pii');
    const [timeline, raw] = await Promise.all([runtime.store.timeline(id), runtime.store.getRaw(id)]);
    const view = {
      stored,
      order: stored.order ? (pii ? stored.order : maskOrder(stored.order)) : undefined,
      timeline: pii ? timeline : maskFreeText(timeline),
      rawHref: pii && raw ? `/api/orders/${encodeURIComponent(id)}/raw` : undefined,
      shipmentActions: can(role, 'shipments:manage') ? { csrf: c.get('csrf'), carriers: carrierInstances(runtime) } : undefined,
    };
    return render(c, `Order ${stored.confirmation}`, <><Notice text={c.req.query('notice')} error={c.req.query('error') === '1'} /><OrderView view={view} /></>);
  });
  return app;
}

/** Instances that can book a label: connectors with the ship role. */
function carrierInstances(runtime: HubRuntime): string[] {
  return [...runtime.instances.values()].filter((instance) => instance.connector.shipping).map((instance) => instance.id);
}
