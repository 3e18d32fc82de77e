/**
 * `GET /admin/desk/orders/new[?customer=<id>]`: an agent keys an order during a call.
 * The customer and address come filled in from the customer's card and last order; the
 * agent types SKUs and quantities and presses Check: each line comes back with its
 * catalog price, what is in stock now, the restock date of what is not, and the in-stock
 * alternatives, before anything is saved. Place order captures it through the desk's
 * `agent-desk` instance (channel `phone`), so it takes the same path as every channel's
 * orders, with the agent as its author; the customer gets the acknowledgement as usual.
 * Payment is a token from the gateway's card form (never a card number on the desk).
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { customerView } from '../customers/customer-view.js';
import { availability, type Availability } from '../inventory/availability.js';
import { fromMinorUnits } from '../model/money.js';
import { checkKeyedOrder, placeKeyedOrder, type KeyedOrder } from '../desk/keyed-order.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { CsrfField } from './components.js';
import { readForm, type FormFields } from './form.js';
import { render } from './render.js';
import { requirePage } from './session.js';

const LINE_ROWS = 5;
const ADDRESS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;

export function deskNewOrderRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/', requirePage('orders:change'), async (c) => {
    const id = c.req.query('customer');
    const view = id ? await customerView(runtime, id) : undefined;
    const last = view?.orders[0] ? await runtime.store.get(view.orders[0].hubOrderId) : undefined;
    const shipTo = last?.order?.shipTo;
    const form: FormFields = {
      nonce: randomBytes(12).toString('hex'),
      name: view?.customer.name ?? '', email: view?.customer.email ?? '', phone: view?.customer.phone ?? c.req.query('phone') ?? '',
      ...Object.fromEntries(ADDRESS.map((k) => [k, String(shipTo?.[k] ?? '')])),
    };
    return orderForm(c, runtime, form, undefined, []);
  });

  app.post('/', requirePage('orders:change'), async (c) => {
    const form = await readForm(c);
    const order = keyedFrom(form);
    const stock = order.lines.length > 0 ? await availability(runtime.stockView, runtime.substitutions, order.lines.map((l) => l.sku)) : [];
    if (form.action !== 'place') return orderForm(c, runtime, form, stock, checkKeyedOrder(runtime, order));
    const placed = await placeKeyedOrder(runtime, order, c.get('principal').name);
    if (!placed.ok) return orderForm(c, runtime, form, stock, placed.problems);
    const notice = `Order ${placed.confirmation} ${placed.duplicate ? 'was already placed' : 'placed'}: the customer gets the acknowledgement by e-mail.`;
    return c.redirect(`/admin/desk/orders/${encodeURIComponent(placed.hubOrderId)}?notice=${encodeURIComponent(notice)}`, 303);
  });
  return app;
}

/** The form's fields as a keyed order (empty fields left out). */
function keyedFrom(form: FormFields): KeyedOrder {
  const lines: KeyedOrder['lines'] = [];
  for (let i = 1; i <= LINE_ROWS; i++) {
    const sku = (form[`sku${i}`] ?? '').trim().toUpperCase();
    if (sku) lines.push({ sku, quantity: Number(form[`qty${i}`] || '1') });
  }
  const present = (keys: readonly string[]) => Object.fromEntries(keys.filter((k) => form[k]).map((k) => [k, form[k]!]));
  return {
    nonce: form.nonce ?? '', customer: present(['name', 'email', 'phone']), shipTo: present(ADDRESS), lines,
    ...(form.token ? { payment: { token: form.token, ...(form.lastFour ? { lastFour: form.lastFour } : {}) } } : {}),
  };
}

function orderForm(c: Context<AdminEnv>, runtime: HubRuntime, form: FormFields, stock: Availability[] | undefined, problems: string[]) {
  const csrf = c.get('csrf');
  const field = (name: string, label: string, size = 30) => <label>{label} <input name={name} value={form[name] ?? ''} size={size} /></label>;
  const stockOf = new Map((stock ?? []).map((s) => [s.sku, s]));
  return render(c, 'New order', (
    <>
      <h1>New phone order</h1>
      {problems.length > 0 ? <ul class="reasons" role="alert">{problems.map((p) => <li>{p}</li>)}</ul> : null}
      <form method="post" action="/admin/desk/orders/new" class="order-entry">
        <CsrfField token={csrf} />
        <input type="hidden" name="nonce" value={form.nonce ?? randomBytes(12).toString('hex')} />
        <fieldset><legend>Customer</legend>{field('name', 'Name')} {field('email', 'E-mail')} {field('phone', 'Phone', 18)}</fieldset>
        <fieldset><legend>Deliver to</legend>{field('line1', 'Street')} {field('line2', 'Line 2')} {field('city', 'City', 20)} {field('region', 'Region', 6)} {field('postalCode', 'Postal code', 10)} {field('country', 'Country', 3)}</fieldset>
        <table class="lines">
          <thead><tr><th>SKU</th><th>Qty</th><th>Item</th><th class="num">Price</th><th>Stock now</th></tr></thead>
          <tbody>{Array.from({ length: LINE_ROWS }, (_, i) => {
            const sku = (form[`sku${i + 1}`] ?? '').trim().toUpperCase();
            const item = sku ? runtime.catalog.get(sku) : undefined;
            return (
              <tr data-row={i + 1} data-sku={sku || undefined}>
                <td><input name={`sku${i + 1}`} value={form[`sku${i + 1}`] ?? ''} size={14} aria-label={`SKU ${i + 1}`} /></td>
                <td><input name={`qty${i + 1}`} value={form[`qty${i + 1}`] ?? '1'} size={4} aria-label={`quantity ${i + 1}`} /></td>
                <td>{item?.description ?? ''}</td>
                <td class="num">{item ? `${fromMinorUnits(item.unitPrice, item.currency)} ${item.currency}` : ''}</td>
                <td>{sku && stockOf.has(sku) ? <StockCell stock={stockOf.get(sku)!} wanted={Number(form[`qty${i + 1}`] || '1')} /> : ''}</td>
              </tr>
            );
          })}</tbody>
        </table>
        <fieldset><legend>Payment</legend>
          <label>Card token <input name="token" value={form.token ?? ''} size={34} placeholder="tok_… from the payment service's card form" /></label>
          {' '}<label>Last four <input name="lastFour" value={form.lastFour ?? ''} size={4} /></label>
        </fieldset>
        <button type="submit" name="action" value="check" class="secondary">Check stock and prices</button>
        {' '}<button type="submit" name="action" value="place">Place order</button>
      </form>
    </>
  ), problems.length > 0 ? { status: 422 } : {});
}

/** In stock, or short with the date more comes and what is in stock instead. */
function StockCell({ stock, wanted }: { stock: Availability; wanted: number }) {
  if (!stock.known) return <span class="muted" data-stock="unknown">not reported by the OMS</span>;
  if (stock.available >= wanted) return <span data-stock="ok">{stock.available} in stock</span>;
  return (
    <span data-stock="short">{stock.available} in stock{stock.expectedDate ? `, more expected ${stock.expectedDate}` : ''}: the rest would be backordered
      {stock.alternatives.length > 0 ? `; in stock instead: ${stock.alternatives.map((a) => `${a.sku} (${a.available})`).join(', ')}` : ''}</span>
  );
}
