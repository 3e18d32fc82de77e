/**
 * The JSON API: one order with its status and whole timeline, lookups by confirmation
 * code, channel reference, e-mail or phone, the original bytes, dead letters with
 * replay, and targets. Every route declares the permission it needs; personal data is
 * masked for roles that may not see it.
 */
import { Hono, type Context } from 'hono';
import type { Credentials } from '../auth/credentials.js';
import { maskChanges, maskFreeText, maskOrder } from '../auth/mask.js';
import { authenticate, requirePermission, type AuthVariables } from '../auth/middleware.js';
import { can } from '../auth/roles.js';
import { parseConfirmation } from '../model/ids.js';
import {
  discardDeadLetter, listFailures, previewReplay, replayMatching, reviewQueue, setTargetPaused, type FailureFilter,
} from '../pipeline/operator-actions.js';
import { replayDeadLetter } from '../pipeline/replay.js';
import { auditReplay, replayWithVersion } from '../pipeline/replay-with-version.js';
import { previewVersions } from '../pipeline/version-preview.js';
import { BadInputError } from '../sdk/errors/index.js';
import { acceptReviewed, rejectReviewed, type ReviewOutcome } from '../pipeline/review.js';
import { availability, MAX_SKUS_PER_QUESTION } from '../inventory/availability.js';
import { availabilityAtStore, unknownStoreHint } from '../inventory/store-availability.js';
import { suggestTogether } from '../inventory/bought-together.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { listBatches, rerunUpload } from '../pipeline/batch.js';
import { redisRuleStates } from '../alerts/rule-state.js';
import { queueHealth } from '../pipeline/queue-health.js';
import { targetHealth } from '../pipeline/target-health.js';
import { changeRoutes } from './change-routes.js';
import { customerRoutes } from './customer-routes.js';
import { deviceRoutes } from './device-routes.js';
import { lookupRoutes } from './lookup-routes.js';
import { shipmentRoutes } from './shipment-routes.js';
import { acknowledgementRoutes } from './acknowledgement-routes.js';
import { problem, TITLES } from './problem.js';

/** SKUs of `?sku=A&sku=B` or `?skus=A,B`, distinct, in order. */
function skusAsked(c: Context): string[] {
  return [...new Set([...c.req.queries('sku') ?? [], ...(c.req.query('skus') ?? '').split(',')].map((s) => s.trim()).filter(Boolean))];
}

export function apiRoutes(runtime: HubRuntime, credentials: Credentials): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', authenticate(credentials, runtime.devices));
  app.route('/', changeRoutes(runtime));
  app.route('/', acknowledgementRoutes(runtime));
  app.route('/', deviceRoutes(runtime));
  app.route('/', lookupRoutes(runtime));
  app.route('/', shipmentRoutes(runtime));
  app.route('/', customerRoutes(runtime));

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
      flags: stored.flags ?? [],
      order,
      changes: pii ? stored.changes : maskChanges(stored.changes),
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

  app.get('/queues', requirePermission('targets:read'), async (c) => c.json({ queues: await queueHealth(runtime) }));

  app.get('/alerts', requirePermission('targets:read'), async (c) => {
    const states = redisRuleStates(runtime.redis, runtime.config.redis.prefix);
    const alerts = await Promise.all(runtime.config.alerts.rules.map(async (rule) => ({ rule, state: (await states.read(rule.id)) ?? null })));
    return c.json({ alerts });
  });

  app.get('/targets/:id/batches', requirePermission('targets:read'), async (c) => {
    const instance = runtime.instances.get(c.req.param('id'));
    if (!instance?.connector.batch) return problem(c, { status: 404, title: 'Not found', detail: 'no batching target with this id' });
    return c.json({ batches: await listBatches(runtime, instance.id, Number(c.req.query('limit') ?? 50)) });
  });

  app.post('/targets/:id/batches/:batchId/upload', requirePermission('targets:manage'), async (c) => {
    const instance = runtime.instances.get(c.req.param('id'));
    if (!instance?.connector.batch) return problem(c, { status: 404, title: 'Not found', detail: 'no batching target with this id' });
    const force = c.req.query('force') === 'true';
    const batch = await rerunUpload(runtime, instance, c.req.param('batchId'), force);
    if (!batch) return problem(c, { status: 404, title: 'Not found', detail: 'no such batch' });
    await runtime.audit.record(c.get('principal')!.name, force ? 're-send batch file' : 're-run batch upload', `${instance.id}/${batch.batchId}`);
    if (batch.state === 'open') return problem(c, { status: 409, title: 'Conflict', detail: 'the batch is still open; it is uploaded when it closes' });
    return c.json({ batchId: batch.batchId, queued: true }, 202);
  });

  // Inbound items that are not orders (bounces, auto-replies, spam): reasons carry no full address.
  app.get('/filed', requirePermission('failures:read'), async (c) =>
    c.json({ filed: await runtime.filed.list(Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000)) }));

  app.get('/filed/:id/raw', requirePermission('orders:read-pii'), async (c) => {
    const [record, body] = await Promise.all([runtime.filed.get(c.req.param('id')), runtime.filed.raw(c.req.param('id'))]);
    if (!record || !body) return problem(c, { status: 404, title: 'Not found', detail: 'no filed item with this id (filed items are kept for retention.dedupDays)' });
    return c.body(new Uint8Array(body), 200, { 'content-type': record.contentType });
  });

  app.get('/dead-letters', requirePermission('failures:read'), async (c) =>
    c.json({ deadLetters: await listFailures(runtime, failureFilter(c.req.query()), Number(c.req.query('limit') ?? 500)) }));

  app.post('/dead-letters/replay', requirePermission('failures:replay'), async (c) => {
    const filter = failureFilter(c.req.query());
    if (c.req.query('dryRun') === 'true') return c.json({ preview: await previewReplay(runtime, filter) });
    return c.json({ replayed: await replayMatching(runtime, filter, c.get('principal')!.name) });
  });

  // The delivery rendered with the mapping version the dead letter met and with the one loaded now, and their diff.
  app.get('/dead-letters/:id/preview', requirePermission('failures:read'), async (c) => {
    const pii = can(c.get('principal')!.role, 'orders:read-pii');
    try {
      const preview = await previewVersions(runtime, c.req.param('id'), { pii });
      return preview ? c.json(preview) : problem(c, { status: 404, title: 'Not found', detail: 'no such dead letter' });
    } catch (error) {
      return refusal(c, error);
    }
  });

  // `{ "mapping": "id@version" }` pins the replay to that mapping version; without a body it runs with the one loaded now.
  app.post('/dead-letters/:id/replay', requirePermission('failures:replay'), async (c) => {
    const actor = c.get('principal')!.name;
    const version = await versionAsked(c);
    if (version === null) return problem(c, { status: 400, title: 'Bad request', code: 'BAD_REPLAY_BODY', detail: 'send no body, or JSON { "mapping": "<mapping id>@<version>" }' });
    try {
      const result = version === undefined
        ? await replayDeadLetter(runtime, c.req.param('id'), actor)
        : await replayWithVersion(runtime, c.req.param('id'), version, actor);
      if (!result) return problem(c, { status: 404, title: 'Not found', detail: 'no such dead letter' });
      await auditReplay(runtime, actor, result);
      return c.json(result, 202);
    } catch (error) {
      return refusal(c, error);
    }
  });

  app.post('/dead-letters/:id/discard', requirePermission('failures:replay'), async (c) => {
    const body = await c.req.json<{ reason?: unknown }>().catch(() => ({} as { reason?: unknown }));
    if (typeof body.reason !== 'string' || body.reason.trim().length < 3) {
      return problem(c, { status: 400, title: 'Bad request', detail: 'say why: send JSON { "reason": "…" }' });
    }
    const letter = await discardDeadLetter(runtime, c.req.param('id'), body.reason.trim(), c.get('principal')!.name);
    if (!letter) return problem(c, { status: 404, title: 'Not found', detail: 'no such dead letter' });
    return c.json({ discarded: letter.id });
  });

  for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
    app.post(`/targets/:id/${action}`, requirePermission('targets:manage'), async (c) => {
      const done = await setTargetPaused(runtime, c.req.param('id'), paused, c.get('principal')!.name);
      if (!done) return problem(c, { status: 404, title: 'Not found', detail: 'no delivery target with this id' });
      return c.json({ target: c.req.param('id'), paused });
    });
  }

  app.post('/orders/:id/review/accept', requirePermission('failures:replay'), async (c) => {
    const body = await c.req.json<{ corrections?: unknown }>().catch(() => ({} as { corrections?: unknown }));
    const corrections = body.corrections ?? {};
    if (typeof corrections !== 'object' || corrections === null || Array.isArray(corrections) || Object.values(corrections).some((v) => typeof v !== 'string')) {
      return problem(c, { status: 400, title: 'Bad request', detail: 'corrections must be an object of field name → corrected text' });
    }
    return reviewAnswer(c, await acceptReviewed(runtime, c.req.param('id'), c.get('principal')!.name, corrections as Record<string, string>));
  });

  app.post('/orders/:id/review/reject', requirePermission('failures:replay'), async (c) => {
    const body = await c.req.json<{ reason?: unknown }>().catch(() => ({} as { reason?: unknown }));
    if (typeof body.reason !== 'string' || body.reason.trim().length < 3) {
      return problem(c, { status: 400, title: 'Bad request', detail: 'say why: send JSON { "reason": "…" }' });
    }
    return reviewAnswer(c, await rejectReviewed(runtime, c.req.param('id'), c.get('principal')!.name, body.reason.trim()));
  });

  app.get('/availability', requirePermission('stock:read'), async (c) => {
    const skus = skusAsked(c);
    if (skus.length === 0 || skus.length > MAX_SKUS_PER_QUESTION) {
      return problem(c, { status: 400, title: 'Bad request', detail: `ask for 1 to ${MAX_SKUS_PER_QUESTION} SKUs: ?sku=A&sku=B or ?skus=A,B` });
    }
    // `?store=S01`: also what that pickup store has, and the DCs nearest to it.
    const storeId = c.req.query('store')?.trim() || undefined;
    const store = storeId === undefined ? undefined : runtime.stores.get(storeId);
    if (storeId !== undefined && !store) {
      return problem(c, { status: 400, title: 'Bad request', code: 'UNKNOWN_STORE', detail: `no store ${storeId}`, hint: unknownStoreHint(runtime.stores) });
    }
    const items = await availability(runtime.stockView, runtime.substitutions, skus);
    return c.json({ items: store ? availabilityAtStore(items, store, runtime.warehouses?.sites ?? []) : items });
  });

  // Items often bought with these (the basket, or one order's SKUs), in stock now, with the discount rule.
  app.get('/suggestions', requirePermission('stock:read'), async (c) => {
    const skus = skusAsked(c);
    if (skus.length === 0 || skus.length > MAX_SKUS_PER_QUESTION) {
      return problem(c, { status: 400, title: 'Bad request', detail: `ask with 1 to ${MAX_SKUS_PER_QUESTION} SKUs: ?sku=A&sku=B or ?skus=A,B` });
    }
    return c.json({ boughtWith: skus, items: await suggestTogether(runtime.together, runtime.stockView, skus, runtime.config.inventory.boughtTogether) });
  });

  app.get('/review', requirePermission('orders:read'), async (c) => {
    const rows = await reviewQueue(runtime, Number(c.req.query('limit') ?? 200));
    return c.json({ orders: can(c.get('principal')!.role, 'orders:read-pii') ? rows : maskFreeText(rows) });
  });

  app.get('/audit', requirePermission('audit:read'), async (c) => c.json({ entries: await runtime.audit.list(Number(c.req.query('limit') ?? 100)) }));
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

/** The version a replay asks for: undefined for none (no body, or no `mapping`), null for a body that is not `{ "mapping": "…" }`. */
async function versionAsked(c: Context): Promise<string | undefined | null> {
  const text = (await c.req.text()).trim();
  if (text === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { mapping } = body as { mapping?: unknown };
  if (mapping === undefined) return undefined;
  return typeof mapping === 'string' ? mapping : null;
}

/** A typed refusal (bad input with its status) as problem+json; anything else is not ours to answer. */
function refusal(c: Context, error: unknown): Response {
  if (!(error instanceof BadInputError)) throw error;
  return problem(c, { status: error.status, title: TITLES[error.status] ?? 'Refused', code: error.code, detail: error.message, ...(error.hint ? { hint: error.hint } : {}) });
}

function failureFilter(query: Record<string, string>): FailureFilter {
  const filter: FailureFilter = {};
  for (const key of ['instance', 'stage', 'errorKind', 'errorCode', 'since', 'until'] as const) {
    if (query[key]) filter[key] = query[key];
  }
  return filter;
}

/** 200 when decided, 422 when the order still needs review (with why), 404/409 otherwise. */
function reviewAnswer(c: Context, result: ReviewOutcome): Response {
  switch (result.outcome) {
    case 'accepted': case 'rejected': return c.json(result);
    case 'still_in_review': return c.json(result, 422);
    case 'missing': return problem(c, { status: 404, title: 'Not found', detail: 'no such order' });
    case 'not_in_review': return problem(c, { status: 409, title: 'Conflict', detail: `the order is ${result.state}, not in review` });
    case 'cannot_correct': return problem(c, { status: 409, title: 'Conflict', detail: result.detail });
  }
}
