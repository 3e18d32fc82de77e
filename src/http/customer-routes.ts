/**
 * The customer directory over the API, for the agent desk: search by phone, e-mail,
 * confirmation code, order number or name; one customer with their orders from every
 * channel; agents' notes; screen pops from the phone system. Customers are personal
 * data: `orders:read-pii` to read.
 */
import { Hono } from 'hono';
import { requirePermission, type AuthVariables } from '../auth/middleware.js';
import { classifyQuery, findCustomers } from '../customers/find-customers.js';
import { addNote, customerView } from '../customers/customer-view.js';
import { popsFor, screenPop } from '../customers/screen-pop.js';
import { placeKeyedOrder, type KeyedOrder } from '../desk/keyed-order.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { problem } from './problem.js';

export function customerRoutes(runtime: HubRuntime): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.get('/customers', requirePermission('orders:read-pii'), async (c) => {
    const q = c.req.query('q')?.trim() ?? '';
    if (q.length < 2 || q.length > 200) return problem(c, { status: 400, title: 'Bad request', detail: 'search with ?q= (2 to 200 characters): a phone number, e-mail, confirmation code, order number or name' });
    const query = classifyQuery(q);
    return c.json({ query, customers: await findCustomers(runtime, query) });
  });

  app.get('/customers/:id', requirePermission('orders:read-pii'), async (c) => {
    const view = await customerView(runtime, c.req.param('id'));
    return view ? c.json(view) : problem(c, { status: 404, title: 'Not found', detail: `no customer ${c.req.param('id')}` });
  });

  app.post('/customers/:id/notes', requirePermission('orders:read-pii'), async (c) => {
    const body = await c.req.json<{ text?: unknown; hubOrderId?: unknown }>().catch(() => ({} as { text?: unknown; hubOrderId?: unknown }));
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (text.length < 1 || text.length > 2000) return problem(c, { status: 400, title: 'Bad request', detail: 'send JSON { "text": "…" } (1 to 2000 characters), optionally with "hubOrderId"' });
    const orderId = typeof body.hubOrderId === 'string' ? body.hubOrderId : undefined;
    const note = await addNote(runtime, c.req.param('id'), c.get('principal')!.name, text, orderId);
    return note ? c.json(note, 201) : problem(c, { status: 404, title: 'Not found', detail: `no customer ${c.req.param('id')}` });
  });
  // The phone system says who is calling and for which agent; the agent's desk picks it up.
  app.post('/cti/calls', requirePermission('calls:pop'), async (c) => {
    const body = await c.req.json<{ phone?: unknown; agent?: unknown; callId?: unknown }>().catch(() => ({} as Record<string, unknown>));
    const phone = typeof body.phone === 'string' ? body.phone.trim() : '';
    const agent = typeof body.agent === 'string' ? body.agent.trim() : '';
    if (!phone || !agent || phone.length > 40 || agent.length > 100) {
      return problem(c, { status: 400, title: 'Bad request', detail: 'send JSON { "phone": "+14155550123", "agent": "<the agent\'s user name>", "callId"?: "…" }' });
    }
    const callId = typeof body.callId === 'string' && body.callId ? body.callId.slice(0, 100) : `call-${Date.now()}`;
    return c.json(await screenPop(runtime, { callId, phone, agent }), 201);
  });

  // An order keyed by an agent (or the phone system's own order-entry screen), checked and captured like the desk's.
  app.post('/desk/orders', requirePermission('orders:change'), async (c) => {
    const body = await c.req.json<unknown>().catch(() => undefined);
    const order = keyedOrderFrom(body);
    if (!order) return problem(c, { status: 400, title: 'Bad request', detail: 'send JSON { "nonce", "customer": { name?, email?, phone? }, "shipTo": { line1, city, country, … }, "lines": [{ "sku", "quantity" }], "payment"?: { "token", "lastFour"? } }', hint: 'see docs/agent-desk.md' });
    const placed = await placeKeyedOrder(runtime, order, c.get('principal')!.name);
    if (!placed.ok) return problem(c, { status: 422, title: 'Unprocessable content', code: 'ORDER_NOT_READY', detail: placed.problems.join(' '), problems: placed.problems });
    return c.json({ hubOrderId: placed.hubOrderId, confirmation: placed.confirmation, duplicate: placed.duplicate }, placed.duplicate ? 200 : 202);
  });

  // An agent's own screen pops, newest first (the desk asks every second or two during a shift).
  app.get('/desk/calls', requirePermission('orders:read-pii'), async (c) => c.json({ calls: await popsFor(runtime, c.get('principal')!.name) }));
  return app;
}

/** The JSON body as a keyed order, or undefined when its shape is wrong (values are checked later). */
function keyedOrderFrom(body: unknown): KeyedOrder | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const object = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined);
  const customer = object(b.customer) ?? {};
  const shipTo = object(b.shipTo);
  if (!text(b.nonce) || !shipTo || !Array.isArray(b.lines)) return undefined;
  const lines = b.lines.map((l) => object(l)).filter((l): l is Record<string, unknown> => !!l)
    .map((l) => ({ sku: (text(l.sku) ?? '').toUpperCase(), quantity: Number(l.quantity ?? 1) }));
  const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.flatMap((k) => (text(o[k]) ? [[k, text(o[k])!]] : [])));
  const payment = object(b.payment);
  return {
    nonce: text(b.nonce)!, customer: pick(customer, ['name', 'email', 'phone']),
    shipTo: pick(shipTo, ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country']), lines,
    ...(payment && text(payment.token) ? { payment: { token: text(payment.token)!, ...(text(payment.lastFour) ? { lastFour: text(payment.lastFour)! } : {}) } } : {}),
  };
}
