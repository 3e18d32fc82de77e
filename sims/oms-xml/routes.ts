/**
 * HTTP surface of the OMS: `POST /orders` (idempotent order placement),
 * `POST /orders/<number>/changes` (change requests, answered at once),
 * `GET /status-feed` and `GET /healthz`, plus the request log and Basic auth.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sleep } from '../shared/wait.js';
import { basicAuthOk } from './basic-auth.js';
import type { Behaviour } from './behaviour.js';
import { parseOrderRequest } from './xml-parse.js';
import type { ChangeDesk } from './change-desk.js';
import { parseChangeRequest } from './change-request.js';
import { renderChangeResponse, renderError, renderStatusFeed } from './xml-render.js';
import type { OmsStore } from './store.js';
import type { OmsOrder, OmsRequestLogEntry, OmsSimOptions } from './types.js';

export interface OmsAppDeps {
  store: OmsStore;
  behaviour: Behaviour;
  changes: ChangeDesk;
  log: OmsRequestLogEntry[];
  basicAuth?: OmsSimOptions['basicAuth'];
  duplicateHubOrderId: 'reject' | 'accept';
  /** Called once per newly created order. */
  onCreated(order: OmsOrder): void;
  /** Aborted on close; ends delayed answers early. */
  signal: AbortSignal;
}

type OmsEnv = { Variables: { logEntry: OmsRequestLogEntry } };

const XML_TYPE = 'application/xml; charset=utf-8';
const MAX_FEED_LIMIT = 1000;

export function createOmsApp(deps: OmsAppDeps): Hono<OmsEnv> {
  const app = new Hono<OmsEnv>();

  app.use('*', async (c, next) => {
    const entry: OmsRequestLogEntry = { method: c.req.method, path: c.req.path, status: 0, at: new Date().toISOString() };
    const key = c.req.header('idempotency-key');
    if (key !== undefined) entry.idempotencyKey = key;
    deps.log.push(entry);
    c.set('logEntry', entry);
    await next();
    entry.status = c.res.status;
  });

  app.get('/healthz', (c) => c.json({ ok: true }));

  const auth = basicAuthGuard(deps.basicAuth);
  app.use('/orders', auth);
  app.use('/orders/*', auth);
  app.use('/status-feed', auth);

  app.post('/orders', async (c) => {
    const failure = deps.behaviour.takeFailure();
    if (failure) {
      if (failure.status === 429 || failure.status === 503) c.header('Retry-After', '1');
      return xml(c, failure.status, failure.body ?? renderError('UNAVAILABLE', `injected failure ${failure.status}`));
    }
    const key = c.req.header('idempotency-key')?.trim();
    if (!key) return xml(c, 400, renderError('MISSING_IDEMPOTENCY_KEY', 'the Idempotency-Key header is required'));
    const body = await c.req.text();
    const parsed = parseOrderRequest(body);
    if (!parsed.ok) return xml(c, 400, renderError(parsed.problem.code, parsed.problem.message));
    const rejection = deps.behaviour.rejection;
    if (rejection) return xml(c, 400, renderError(rejection.code, rejection.message));

    const replayed = deps.store.replay(key);
    if (replayed) {
      c.header('Idempotent-Replay', 'true');
      return answerWithTiming(c, deps, 200, replayed.answer);
    }
    if (deps.duplicateHubOrderId === 'reject' && deps.store.hasHubOrderId(parsed.order.hubOrderId)) {
      const message = `order ${parsed.order.hubOrderId} already exists under another idempotency key`;
      return xml(c, 409, renderError('DUPLICATE', message));
    }
    const created = deps.store.create({ idempotencyKey: key, xml: body, ...parsed.order });
    deps.onCreated(created.order);
    return answerWithTiming(c, deps, 201, created.answer);
  });

  app.post('/orders/:ref/changes', async (c) => {
    const failure = deps.behaviour.takeFailure();
    if (failure) return xml(c, failure.status, failure.body ?? renderError('UNAVAILABLE', `injected failure ${failure.status}`));
    const parsed = parseChangeRequest(await c.req.text());
    if (!parsed.ok) return xml(c, 400, renderError(parsed.code, parsed.message));
    const order = deps.store.findByRef(c.req.param('ref'));
    if (!order || order.omsOrderNumber !== parsed.change.omsOrderNumber) {
      return xml(c, 404, renderError('UNKNOWN_ORDER', `no order ${c.req.param('ref')} (or it does not match the request's OmsOrderNumber)`));
    }
    const updates = deps.store.updates().filter((u) => u.omsOrderNumber === order.omsOrderNumber);
    return xml(c, 200, renderChangeResponse(deps.changes.decide(order, parsed.change, updates)));
  });

  app.get('/status-feed', (c) => {
    const after = Number(c.req.query('after') ?? '0');
    const limit = Number(c.req.query('limit') ?? '100');
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1) {
      return xml(c, 400, renderError('INVALID_QUERY', 'after must be an integer >= 0 and limit an integer >= 1'));
    }
    return xml(c, 200, renderStatusFeed(deps.store.feed(after, Math.min(limit, MAX_FEED_LIMIT))));
  });

  return app;
}

function xml(c: Context, status: number, body: string): Response {
  return c.body(body, status as ContentfulStatusCode, { 'Content-Type': XML_TYPE });
}

/** 401 with an OMS `<Error>` unless the configured Basic credentials are sent. */
function basicAuthGuard(expected: OmsSimOptions['basicAuth']): MiddlewareHandler<OmsEnv> {
  return async function basicAuth(c, next) {
    if (!expected || basicAuthOk(c.req.header('authorization'), expected)) return next();
    c.header('WWW-Authenticate', 'Basic realm="oms"');
    return xml(c, 401, renderError('UNAUTHORIZED', 'valid Basic credentials are required'));
  };
}

/** Sends a success answer now, after a delay, or never (until close). */
async function answerWithTiming(c: Context<OmsEnv>, deps: OmsAppDeps, status: 200 | 201, body: string): Promise<Response> {
  const timing = deps.behaviour.takeTiming();
  if (timing.kind === 'delay') await sleep(timing.ms, deps.signal);
  if (timing.kind === 'hang') await new Promise<never>(() => undefined);
  return xml(c, status, body);
}
