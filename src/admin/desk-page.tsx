/**
 * `GET /admin/desk`: the agent desk's start page. A search box (phone, e-mail,
 * confirmation code, order number or name) and the agent's latest calls. While it is
 * open it looks for a new call every two seconds (a page refresh: the console runs no
 * script) and opens the caller's page as soon as the phone system pops one: the
 * customer, or "new customer" with the number.
 */
import { Hono } from 'hono';
import { classifyQuery, findCustomers, type CustomerCard } from '../customers/find-customers.js';
import { popsFor, type ScreenPop } from '../customers/screen-pop.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { Time } from './components.js';
import { render } from './render.js';
import { requirePage } from './session.js';

export function deskRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/', requirePage('orders:change'), async (c) => {
    const pops = await popsFor(runtime, c.get('principal').name);
    const after = c.req.query('after');
    const fresh = after !== undefined ? pops.find((p) => p.at > after) : undefined;
    if (fresh) return c.redirect(popTarget(fresh), 303);
    const q = c.req.query('q')?.trim() ?? '';
    const results = q.length >= 2 ? await findCustomers(runtime, classifyQuery(q)) : undefined;
    const latest = pops[0]?.at ?? '';
    return render(c, 'Desk', (
      <>
        <h1>Desk</h1>
        <form method="get" action="/admin/desk" class="filters">
          <label>Find a customer <input name="q" value={q} size={40} placeholder="phone, e-mail, code, order number or name" autofocus /></label>
          <button type="submit">Search</button>
        </form>
        {results ? <Results cards={results} q={q} /> : null}
        <h2>Your calls</h2>
        {pops.length === 0 ? <p class="muted">No calls yet. A call the phone system announces opens its customer here.</p> : (
          <table>
            <thead><tr><th>When</th><th>Caller</th><th>Customer</th></tr></thead>
            <tbody>{pops.map((p) => (
              <tr data-call={p.callId}><td><Time at={p.at} /></td><td>{p.caller}</td>
                <td><a href={popTarget(p)}>{p.customer ? p.customer.name ?? p.customer.email ?? p.customer.id : 'new customer'}</a></td></tr>
            ))}</tbody>
          </table>
        )}
      </>
    ), results ? {} : { refreshSeconds: 2, refreshUrl: `/admin/desk?after=${encodeURIComponent(latest)}` });
  });

  app.get('/new-customer', requirePage('orders:change'), (c) => {
    const phone = c.req.query('phone') ?? '';
    return render(c, 'New customer', (
      <div class="card">
        <h1>New customer</h1>
        <p>No customer is known by <strong data-caller={phone}>{phone || 'this number'}</strong>. Ask for their e-mail or an order's
          confirmation code and <a href="/admin/desk">search again</a>, or <a href={`/admin/desk/orders/new?phone=${encodeURIComponent(phone)}`}>take their first order</a>:
          it makes them a customer.</p>
      </div>
    ));
  });
  return app;
}

function popTarget(pop: ScreenPop): string {
  return pop.customer
    ? `/admin/desk/customers/${encodeURIComponent(pop.customer.id)}?call=${encodeURIComponent(pop.caller)}`
    : `/admin/desk/new-customer?phone=${encodeURIComponent(pop.caller)}`;
}

function Results({ cards, q }: { cards: CustomerCard[]; q: string }) {
  if (cards.length === 0) return <p class="notice">No customer found for “{q}”.</p>;
  return (
    <table class="results">
      <thead><tr><th>Name</th><th>E-mail</th><th>Phone</th><th class="num">Orders</th><th>Last order</th></tr></thead>
      <tbody>{cards.map((card) => (
        <tr data-customer={card.id}>
          <td><a href={`/admin/desk/customers/${encodeURIComponent(card.id)}`}>{card.name ?? card.id}</a></td>
          <td>{card.email ?? '—'}</td><td>{card.phone ?? '—'}</td><td class="num">{card.orders}</td>
          <td><Time at={card.lastOrderAt ?? undefined} /> {card.lastChannel ?? ''}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}
