/**
 * `GET /admin/desk/customers/:id`: one customer as the agent sees them during a call:
 * who they are, every order from every channel with its live state, tracking and the
 * notices sent, and the agents' notes (with a form to add one). Each order opens its
 * change page.
 */
import { Hono } from 'hono';
import { addNote, customerView, type OrderSummary } from '../customers/customer-view.js';
import { fromMinorUnits } from '../model/money.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { CsrfField, Notice, Time } from './components.js';
import { readForm } from './form.js';
import { notFound, render } from './render.js';
import { requirePage } from './session.js';

export function deskCustomerRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/:id', requirePage('orders:change'), async (c) => {
    const id = c.req.param('id');
    const view = await customerView(runtime, id);
    if (!view) return notFound(c, 'No such customer.');
    const { customer, orders, notes } = view;
    const call = c.req.query('call');
    return render(c, customer.name ?? 'Customer', (
      <>
        {call ? <p class="notice" role="status" data-call-from={call}>Call from {call}</p> : null}
        <Notice text={c.req.query('notice')} />
        <h1 data-customer={customer.id}>{customer.name ?? 'Customer'}</h1>
        <dl class="facts">
          <dt>E-mail</dt><dd>{customer.email ?? '—'}</dd>
          <dt>Phone</dt><dd>{customer.phone ?? '—'}</dd>
          <dt>Account</dt><dd>{customer.account ?? '—'}</dd>
          <dt>Orders</dt><dd>{customer.orders}</dd>
        </dl>
        <h2>Orders</h2>
        <p><a href={`/admin/desk/orders/new?customer=${encodeURIComponent(customer.id)}`} class="button">New order for {customer.name ?? 'this customer'}</a></p>
        <table class="orders">
          <thead><tr><th>Placed</th><th>Code</th><th>Channel</th><th>Items</th><th class="num">Total</th><th>State</th><th>Tracking</th><th>Notices</th><th /></tr></thead>
          <tbody>{orders.map((o) => <OrderRow order={o} />)}</tbody>
        </table>
        <h2>Notes</h2>
        <form method="post" action={`/admin/desk/customers/${encodeURIComponent(id)}/notes`} class="filters">
          <CsrfField token={c.get('csrf')} />
          <label>Note <input name="text" required maxlength={2000} size={60} /></label>
          <button type="submit">Add note</button>
        </form>
        {notes.length === 0 ? <p class="muted">No notes yet.</p>
          : <ul class="notes">{notes.map((n) => <li><Time at={n.at} /> <strong>{n.author}</strong>: {n.text}</li>)}</ul>}
      </>
    ));
  });

  app.post('/:id/notes', requirePage('orders:change'), async (c) => {
    const id = c.req.param('id');
    const text = (await readForm(c)).text ?? '';
    if (!text || text.length > 2000) return c.redirect(`/admin/desk/customers/${encodeURIComponent(id)}?notice=${encodeURIComponent('A note needs 1 to 2000 characters.')}`, 303);
    const note = await addNote(runtime, id, c.get('principal').name, text);
    if (!note) return notFound(c, 'No such customer.');
    return c.redirect(`/admin/desk/customers/${encodeURIComponent(id)}?notice=${encodeURIComponent('Note added.')}`, 303);
  });
  return app;
}

function OrderRow({ order: o }: { order: OrderSummary }) {
  const total = o.grandTotal !== null && o.currency ? `${fromMinorUnits(o.grandTotal, o.currency)} ${o.currency}` : '—';
  return (
    <tr data-order={o.hubOrderId}>
      <td><Time at={o.placedAt ?? undefined} /></td>
      <td>{o.confirmation}</td>
      <td>{o.channel}</td>
      <td>{o.lines.map((l) => `${l.quantity} × ${l.description ?? l.sku}`).join(', ')}</td>
      <td class="num">{total}</td>
      <td data-state={o.state}>{o.state}{o.openChanges > 0 ? ` (change pending)` : ''}</td>
      <td>{o.shipments.map((s) => (s.trackingUrl ? <a href={s.trackingUrl}>{s.trackingNumber ?? s.carrier}</a> : <span>{s.trackingNumber ?? s.carrier ?? ''}</span>))}</td>
      <td>{o.notices.length > 0 ? o.notices.at(-1)!.summary : '—'}</td>
      <td><a href={`/admin/desk/orders/${encodeURIComponent(o.hubOrderId)}`}>Open</a></td>
    </tr>
  );
}
