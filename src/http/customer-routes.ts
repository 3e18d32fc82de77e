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

  // An agent's own screen pops, newest first (the desk asks every second or two during a shift).
  app.get('/desk/calls', requirePermission('orders:read-pii'), async (c) => c.json({ calls: await popsFor(runtime, c.get('principal')!.name) }));
  return app;
}
