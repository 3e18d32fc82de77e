/**
 * Sent documents and their acknowledgements, over the API: what still waits for a
 * trading partner's acknowledgement (an X12 997), the overdue ones first, and a person's
 * dismissal of one the partner confirmed another way (audited, on the order's timeline).
 */
import { Hono } from 'hono';
import { requirePermission, type AuthVariables } from '../auth/middleware.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { problem } from './problem.js';

export function acknowledgementRoutes(runtime: HubRuntime): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.get('/acknowledgements', requirePermission('failures:read'), async (c) => {
    const now = Date.now();
    const overdueOnly = c.req.query('state') === 'overdue';
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 200) || 200));
    const records = await runtime.acknowledgements.awaiting({ ...(overdueOnly ? { dueBefore: now } : {}), limit });
    return c.json({ acknowledgements: records.map((record) => ({ ...record, overdue: Date.parse(record.dueAt) < now })) });
  });

  app.get('/acknowledgements/:instance/:key', requirePermission('failures:read'), async (c) => {
    const record = await runtime.acknowledgements.get(c.req.param('instance'), c.req.param('key'));
    if (!record) return problem(c, { status: 404, title: 'Not found', detail: 'no document sent under this key is kept (kept for retention.dedupDays)' });
    return c.json(record);
  });

  app.post('/acknowledgements/:instance/:key/dismiss', requirePermission('failures:replay'), async (c) => {
    const actor = c.get('principal')!.name;
    const { instance, key } = c.req.param();
    const dismissed = await runtime.acknowledgements.dismiss(instance, key, actor);
    if (!dismissed) return problem(c, { status: 404, title: 'Not found', detail: `no document of ${instance} under "${key}" is waiting for an acknowledgement` });
    await runtime.audit.record(actor, 'dismiss-acknowledgement', `${instance}:${key}`, { document: dismissed.document, partner: dismissed.partner });
    return c.json(dismissed);
  });
  return app;
}
