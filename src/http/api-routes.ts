/**
 * The JSON API: one order with its status and whole timeline, lookups by confirmation
 * code, channel reference, e-mail or phone, the original bytes, dead letters with
 * replay, and targets. Every route declares the permission it needs; personal data is
 * masked for roles that may not see it.
 */
import { Hono } from 'hono';
import type { Credentials } from '../auth/credentials.js';
import { maskFreeText, maskOrder } from '../auth/mask.js';
import { authenticate, requirePermission, type AuthVariables } from '../auth/middleware.js';
import { can } from '../auth/roles.js';
import { parseConfirmation } from '../model/ids.js';
import { replayAll, replayDeadLetter } from '../pipeline/replay.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { listBatches, rerunUpload } from '../pipeline/batch.js';
import { targetHealth } from '../pipeline/target-health.js';
import { problem } from './problem.js';

export function apiRoutes(runtime: HubRuntime, credentials: Credentials): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', authenticate(credentials));

  app.get('/orders/:id', requirePermission('orders:read'), async (c) => {
    const id = c.req.param('id');
    const stored = await runtime.store.get(id);
    if (!stored) return problem(c, { status: 404, title: 'Not found', detail: `no order ${id}`, hint: 'search by confirmation code with /api/orders?confirmation=' });
    const [timeline, raw, candidate] = await Promise.all([
      runtime.store.timeline(id), runtime.store.getRaw(id), runtime.redis.hget(runtime.keys.order(id), 'candidate'),
    ]);
    const pii = can(c.get('principal')!.role, 'orders:read-pii');
    const order = stored.order ? (pii ? stored.order : maskOrder(stored.order)) : null;
    const review = candidate ? (pii ? JSON.parse(candidate) : maskFreeText(JSON.parse(candidate))) : undefined;
    return c.json({
      hubOrderId: id,
      confirmation: stored.confirmation,
      channel: stored.channel,
      source: stored.source,
      externalId: stored.externalId,
      createdAt: stored.createdAt,
      state: stored.status.state,
      status: stored.status,
      order,
      ...(review ? { candidate: review } : {}),
      raw: raw ? { contentType: raw.contentType, bytes: raw.body.length, meta: raw.meta, href: `/api/orders/${id}/raw` } : null,
      timeline: pii ? timeline : maskFreeText(timeline),
    });
  });

  app.get('/orders/:id/raw', requirePermission('orders:read-pii'), async (c) => {
    const raw = await runtime.store.getRaw(c.req.param('id'));
    if (!raw) return problem(c, { status: 404, title: 'Not found', detail: 'no raw envelope for this order' });
    return c.body(new Uint8Array(raw.body), 200, { 'content-type': raw.contentType });
  });

  app.get('/orders', requirePermission('orders:read'), async (c) => {
    const query = c.req.query();
    if ((query.email || query.phone) && !can(c.get('principal')!.role, 'orders:read-pii')) {
      return problem(c, { status: 403, title: 'Forbidden', code: 'NOT_ALLOWED', detail: 'searching by e-mail or phone needs orders:read-pii' });
    }
    const ids = await findOrders(runtime, query);
    if (ids === undefined) {
      return problem(c, { status: 400, title: 'Bad request', detail: 'give one of confirmation, email, phone, or source+ref' });
    }
    const orders = await Promise.all(ids.map((id) => runtime.store.get(id)));
    return c.json({
      orders: orders.filter((o) => o !== undefined).map((o) => ({
        hubOrderId: o.hubOrderId, confirmation: o.confirmation, channel: o.channel, source: o.source,
        externalId: o.externalId, state: o.status.state, createdAt: o.createdAt,
      })),
    });
  });

  app.get('/targets', requirePermission('targets:read'), async (c) => c.json({ targets: await targetHealth(runtime) }));

  app.get('/targets/:id/batches', requirePermission('targets:read'), async (c) => {
    const instance = runtime.instances.get(c.req.param('id'));
    if (!instance?.connector.batch) return problem(c, { status: 404, title: 'Not found', detail: 'no batching target with this id' });
    return c.json({ batches: await listBatches(runtime, instance.id, Number(c.req.query('limit') ?? 50)) });
  });

  app.post('/targets/:id/batches/:batchId/upload', requirePermission('targets:manage'), async (c) => {
    const instance = runtime.instances.get(c.req.param('id'));
    if (!instance?.connector.batch) return problem(c, { status: 404, title: 'Not found', detail: 'no batching target with this id' });
    const batch = await rerunUpload(runtime, instance, c.req.param('batchId'), c.req.query('force') === 'true');
    if (!batch) return problem(c, { status: 404, title: 'Not found', detail: 'no such batch' });
    if (batch.state === 'open') return problem(c, { status: 409, title: 'Conflict', detail: 'the batch is still open; it is uploaded when it closes' });
    return c.json({ batchId: batch.batchId, queued: true }, 202);
  });

  app.get('/dead-letters', requirePermission('failures:read'), async (c) => c.json({ deadLetters: await runtime.deadLetters.list(Number(c.req.query('limit') ?? 100)) }));

  app.post('/dead-letters/replay', requirePermission('failures:replay'), async (c) => {
    const instance = c.req.query('instance');
    const replayed = await replayAll(runtime, (l) => instance === undefined || l.instance === instance, c.get('principal')!.name);
    return c.json({ replayed });
  });

  app.post('/dead-letters/:id/replay', requirePermission('failures:replay'), async (c) => {
    const result = await replayDeadLetter(runtime, c.req.param('id'), c.get('principal')!.name);
    if (!result) return problem(c, { status: 404, title: 'Not found', detail: 'no such dead letter' });
    return c.json(result, 202);
  });
  return app;
}

async function findOrders(runtime: HubRuntime, query: Record<string, string>): Promise<string[] | undefined> {
  if (query.confirmation) {
    const code = parseConfirmation(query.confirmation);
    const id = code ? await runtime.store.findByConfirmation(code) : undefined;
    return id ? [id] : [];
  }
  if (query.email) return runtime.store.findByEmail(query.email);
  if (query.phone) return runtime.store.findByPhone(query.phone);
  if (query.source && query.ref) {
    const id = await runtime.store.findByExternalRef(query.source, query.ref);
    return id ? [id] : [];
  }
  return undefined;
}
