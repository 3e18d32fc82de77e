/**
 * Changes and cancellations over the API, for every channel (storefront, kiosk, agent
 * desk, integrations): ask for a change (202 with the change id, or a refusal that says
 * why and what is in stock instead), and list an order's changes with their outcome.
 */
import { Hono, type Context } from 'hono';
import { requirePermission, type AuthVariables } from '../auth/middleware.js';
import { maskChanges } from '../auth/mask.js';
import { can, type Principal } from '../auth/roles.js';
import { readChangeAsk } from '../changes/change-ask.js';
import { requestChange, type ChangeReply } from '../changes/request-change.js';
import { CHANNELS } from '../model/order.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { isHubError } from '../sdk/errors/index.js';
import { problem } from './problem.js';

const STATUS_OF_REFUSAL: Record<string, number> = {
  NO_SUCH_ORDER: 404, NOT_CHANGEABLE: 409, SHIPPED: 409,
  OUT_OF_STOCK: 422, NO_SUCH_LINE: 422, INVALID_RESULT: 422, NOTHING_TO_CHANGE: 422,
};

export function changeRoutes(runtime: HubRuntime): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.post('/orders/:id/changes', requirePermission('orders:change'), async (c) => {
    const body = await c.req.json<Record<string, unknown>>().catch(() => undefined);
    if (!body || typeof body !== 'object') return problem(c, { status: 400, title: 'Bad request', detail: 'send JSON { "operations": [ … ] }', hint: 'see docs/changes.md' });
    const { via, ...rest } = body;
    if (via !== undefined && !(CHANNELS as readonly unknown[]).includes(via)) {
      return problem(c, { status: 400, title: 'Bad request', detail: `via must be one of ${CHANNELS.join(', ')}` });
    }
    let ask;
    try {
      ask = readChangeAsk(rest);
    } catch (error) {
      if (!isHubError(error)) throw error;
      return problem(c, { status: 400, title: 'Bad request', detail: error.message, code: error.code, ...(error.hint ? { hint: error.hint } : {}) });
    }
    const principal = c.get('principal')!;
    const reply = await requestChange(runtime, c.req.param('id'), ask, { actor: principal.name, via: (via as string | undefined) ?? defaultVia(principal) });
    return answer(c, reply);
  });

  app.get('/orders/:id/changes', requirePermission('orders:read'), async (c) => {
    const stored = await runtime.store.get(c.req.param('id'));
    if (!stored) return problem(c, { status: 404, title: 'Not found', detail: `no order ${c.req.param('id')}` });
    const pii = can(c.get('principal')!.role, 'orders:read-pii');
    return c.json({ hubOrderId: stored.hubOrderId, changes: pii ? stored.changes : maskChanges(stored.changes) });
  });
  return app;
}

/** An agent works the phone; a channel token speaks for its channel; anyone else uses the API. */
function defaultVia(principal: Principal): string {
  if (principal.role === 'agent') return 'phone';
  return 'api';
}

function answer(c: Context, reply: ChangeReply): Response {
  if (reply.ok) {
    const { change, projected } = reply;
    return c.json({
      changeId: change.changeId, state: change.state, summary: change.summary, operations: change.operations,
      totals: projected.order.totals, href: `/api/orders/${projected.order.hubOrderId}/changes`,
    }, 202);
  }
  const status = STATUS_OF_REFUSAL[reply.code] ?? 422;
  return problem(c, {
    status, title: status === 409 ? 'Conflict' : status === 404 ? 'Not found' : 'Unprocessable content',
    detail: reply.message, code: reply.code, ...('stock' in reply && reply.stock ? { stock: reply.stock } : {}),
  });
}
