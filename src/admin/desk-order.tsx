/**
 * `GET /admin/desk/orders/:id`: one order during a call, to change or cancel it. Every
 * line with what has shipped, a form per change (another variant, a quantity, cancel
 * the line or the order, add an item at its catalog price), the changes asked so far
 * with the OMS's answer (the page refreshes every two seconds while one is pending), and
 * items often bought with these. A change the hub must refuse comes back at once with
 * why, the in-stock alternatives as one-click changes, and the matching items with their
 * discount. Same rules and timeline entries as the API (docs/changes.md), by the agent.
 */
import { Hono, type Context } from 'hono';
import { requestChange, type ChangeReply } from '../changes/request-change.js';
import { customerIdentity } from '../customers/customer-identity.js';
import { suggestTogether, type TogetherSuggestion } from '../inventory/bought-together.js';
import { fromMinorUnits } from '../model/money.js';
import { isOpen, type AskedChange } from '../model/order-change.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { StoredOrder } from '../store/order-store.js';
import type { AdminEnv } from './admin-env.js';
import { CsrfField, Notice, PostButton, Time } from './components.js';
import { readForm, type FormFields } from './form.js';
import { notFound, render } from './render.js';
import { requirePage } from './session.js';

type Refusal = Extract<ChangeReply, { ok: false }>;

export function deskOrderRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/:id', requirePage('orders:change'), async (c) => {
    const stored = await runtime.store.get(c.req.param('id'));
    if (!stored?.order) return notFound(c, 'No such order (or it is not read yet).');
    return orderPage(c, runtime, stored, undefined);
  });

  app.post('/:id/change', requirePage('orders:change'), async (c) => {
    const id = c.req.param('id');
    const form = await readForm(c);
    const operation = askedFrom(runtime, form);
    if (typeof operation === 'string') return c.redirect(`/admin/desk/orders/${encodeURIComponent(id)}?error=${encodeURIComponent(operation)}`, 303);
    const reply = await requestChange(runtime, id, { operations: [operation] }, { actor: c.get('principal').name, via: 'phone' });
    if (reply.ok) {
      return c.redirect(`/admin/desk/orders/${encodeURIComponent(id)}?notice=${encodeURIComponent(`Change ${reply.change.changeId} sent to the back office: ${reply.change.summary}`)}`, 303);
    }
    const stored = await runtime.store.get(id);
    if (!stored?.order) return notFound(c, 'No such order.');
    return orderPage(c, runtime, stored, { reply, line: Number(form.line) || undefined });
  });
  return app;
}

/** The operation a desk form asks for, or what is wrong with the form. */
function askedFrom(runtime: HubRuntime, form: FormFields): AskedChange | string {
  const lineNumber = Number(form.line);
  const line = Number.isInteger(lineNumber) && lineNumber >= 1 ? { lineNumber } : undefined;
  const quantity = Number(form.quantity);
  switch (form.op) {
    case 'change_sku':
      return line && form.sku ? { op: 'change_sku', ...line, sku: form.sku.toUpperCase() } : 'Give the new SKU.';
    case 'set_quantity':
      return line && Number.isInteger(quantity) && quantity >= 1 ? { op: 'set_quantity', ...line, quantity } : 'Give a quantity of 1 or more.';
    case 'cancel_line':
      return line ? { op: 'cancel_line', ...line } : 'Which line?';
    case 'cancel_order':
      return { op: 'cancel_order', reason: 'asked on the phone' };
    case 'add_line': {
      const item = runtime.catalog.get((form.sku ?? '').toUpperCase());
      if (!item) return `${form.sku ?? 'That SKU'} is not in the catalog: its price is unknown.`;
      const discount = Math.min(Math.max(Number(form.discount) || 0, 0), 100);
      const count = Number.isInteger(quantity) && quantity >= 1 ? quantity : 1;
      return { op: 'add_line', sku: item.sku, quantity: count, unitPrice: Math.round(item.unitPrice * (1 - discount / 100)), ...(item.description ? { description: item.description } : {}) };
    }
    default:
      return 'Unknown change.';
  }
}

/** A change the hub refused just now, with the line the agent's form named. */
interface Refused {
  reply: Refusal;
  line: number | undefined;
}

async function orderPage(c: Context<AdminEnv>, runtime: HubRuntime, stored: StoredOrder, refused: Refused | undefined) {
  const refusal = refused?.reply;
  const order = stored.order!;
  const id = stored.hubOrderId;
  const csrf = c.get('csrf');
  const alternatives = refusal && 'stock' in refusal ? (refusal.stock ?? []).flatMap((s) => s.alternatives.map((a) => a.sku)) : [];
  const suggestions = await suggestTogether(runtime.together, runtime.stockView, [...order.lines.map((l) => l.sku), ...alternatives], runtime.config.inventory.boughtTogether);
  const pending = stored.changes.some(isOpen);
  const customer = customerIdentity(order.customer);
  const action = `/admin/desk/orders/${encodeURIComponent(id)}/change`;
  return render(c, `Order ${stored.confirmation}`, (
    <>
      <Notice text={c.req.query('notice')} />
      <Notice text={c.req.query('error')} error />
      {refused ? <RefusalBox refusal={refused.reply} line={refused.line} action={action} csrf={csrf} /> : null}
      <h1>Order {stored.confirmation}</h1>
      <p>{stored.channel} order of <Time at={order.placedAt} />, state <strong data-state={stored.status.state}>{stored.status.state}</strong>
        {customer ? <> · <a href={`/admin/desk/customers/${encodeURIComponent(customer.id)}`}>{order.customer.name ?? 'the customer'}</a></> : null}</p>
      <table class="lines">
        <thead><tr><th>#</th><th>Item</th><th class="num">Qty</th><th class="num">Shipped</th><th class="num">Cancelled</th><th>Change</th></tr></thead>
        <tbody>{order.lines.map((l, i) => {
          const q = stored.status.lines[l.lineId];
          return (
            <tr data-line={i + 1} data-sku={l.sku}>
              <td>{i + 1}</td><td>{l.description ?? ''} ({l.sku})</td><td class="num">{l.quantity}</td>
              <td class="num">{q?.shipped ?? 0}</td><td class="num">{q?.cancelled ?? 0}</td>
              <td>
                <form class="inline" method="post" action={action}><CsrfField token={csrf} /><input type="hidden" name="op" value="change_sku" /><input type="hidden" name="line" value={String(i + 1)} />
                  <input name="sku" size={14} placeholder="new SKU" aria-label={`new SKU for line ${i + 1}`} /><button type="submit" class="secondary">Change</button></form>
                <form class="inline" method="post" action={action}><CsrfField token={csrf} /><input type="hidden" name="op" value="set_quantity" /><input type="hidden" name="line" value={String(i + 1)} />
                  <input name="quantity" type="number" min={1} size={4} aria-label={`quantity of line ${i + 1}`} /><button type="submit" class="secondary">Set qty</button></form>
                <PostButton action={action} csrf={csrf} label="Cancel line" kind="danger"><input type="hidden" name="op" value="cancel_line" /><input type="hidden" name="line" value={String(i + 1)} /></PostButton>
              </td>
            </tr>
          );
        })}</tbody>
      </table>
      <form method="post" action={action} class="filters"><CsrfField token={csrf} /><input type="hidden" name="op" value="add_line" />
        <label>Add item <input name="sku" size={14} placeholder="SKU" /></label><label>Qty <input name="quantity" type="number" min={1} value="1" size={4} /></label>
        <button type="submit" class="secondary">Add</button></form>
      <PostButton action={action} csrf={csrf} label="Cancel the whole order" kind="danger"><input type="hidden" name="op" value="cancel_order" /></PostButton>
      <Suggestions suggestions={suggestions} runtime={runtime} action={action} csrf={csrf} />
      <h2>Changes</h2>
      {stored.changes.length === 0 ? <p class="muted">No changes asked.</p> : (
        <table class="changes">
          <thead><tr><th>Asked</th><th>By</th><th>Change</th><th>Answer</th></tr></thead>
          <tbody>{stored.changes.map((ch) => (
            <tr data-change={ch.changeId} data-change-state={ch.state}>
              <td><Time at={ch.requestedAt} /></td><td>{ch.requestedBy} ({ch.via})</td><td>{ch.summary}</td>
              <td>{ch.state}{ch.reason ? `: ${ch.reason}` : ''}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </>
  ), { ...(refusal ? { status: 422 as const } : {}), ...(pending && !refusal ? { refreshSeconds: 2 } : {}) });
}

/** Why not, and the in-stock alternatives as one-click changes of the line the agent named. */
function RefusalBox({ refusal, line, action, csrf }: { refusal: Refusal; line: number | undefined; action: string; csrf: string }) {
  const stock = 'stock' in refusal ? refusal.stock ?? [] : [];
  return (
    <div class="card refusal" role="alert" data-refusal={refusal.code}>
      <p class="notice error">Not possible: {refusal.message}</p>
      {stock.map((s) => <p>{s.sku}: {s.available} available{s.expectedDate ? `, more expected ${s.expectedDate}` : ''}.</p>)}
      {line ? stock.flatMap((s) => s.alternatives.map((a) => (
        <PostButton action={action} csrf={csrf} label={`Offer ${a.sku} instead (${a.available} in stock)`}>
          <input type="hidden" name="op" value="change_sku" /><input type="hidden" name="sku" value={a.sku} />
          <input type="hidden" name="line" value={String(line)} />
        </PostButton>
      ))) : null}
    </div>
  );
}

function Suggestions({ suggestions, runtime, action, csrf }: { suggestions: TogetherSuggestion[]; runtime: HubRuntime; action: string; csrf: string }) {
  if (suggestions.length === 0) return null;
  return (
    <div class="card suggestions">
      <h2>Often bought with these</h2>
      <ul>{suggestions.map((s) => {
        const item = runtime.catalog.get(s.sku);
        const percent = s.discount?.percent ?? 0;
        const price = item ? `${fromMinorUnits(Math.round(item.unitPrice * (1 - percent / 100)), item.currency)} ${item.currency}` : undefined;
        return (
          <li data-suggestion={s.sku}>
            {item?.description ?? s.sku} ({s.sku}), bought together {s.orders} times, {s.available} in stock
            {s.discount ? <strong> · {percent} % off{s.discount.code ? ` (${s.discount.code})` : ''}</strong> : null}
            {item ? (
              <PostButton action={action} csrf={csrf} label={`Add for ${price}`} kind="secondary">
                <input type="hidden" name="op" value="add_line" /><input type="hidden" name="sku" value={s.sku} />
                <input type="hidden" name="quantity" value="1" /><input type="hidden" name="discount" value={String(percent)} />
              </PostButton>
            ) : <span class="muted"> (no catalog price)</span>}
          </li>
        );
      })}</ul>
    </div>
  );
}
